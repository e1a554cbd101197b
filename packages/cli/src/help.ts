import type { Command } from 'commander';

const examplesOf = new WeakMap<Command, readonly string[]>();

/**
 * Append an "Examples:" section to a command's `--help`. Each entry is a command line, optionally
 * followed by `  # comment`.
 */
export function withExamples(command: Command, examples: readonly string[]): Command {
  examplesOf.set(command, examples);
  const lines = examples.map((example) => `  $ ${example}`).join('\n');
  return command.addHelpText('after', `\nExamples:\n${lines}\n`);
}

/**
 * Give every command group without examples of its own (`hac update`, `hac env`…) the first example
 * of each of its subcommands, so that `--help` shows examples at every level.
 */
export function addGroupExamples(command: Command): void {
  for (const child of command.commands) addGroupExamples(child);
  if (command.commands.length === 0 || examplesOf.has(command)) return;
  const firsts = command.commands.flatMap((child) => examplesOf.get(child)?.slice(0, 1) ?? []);
  if (firsts.length > 0) withExamples(command, firsts);
}
