import type { Command } from 'commander';

/**
 * Append an "Examples:" section to a command's `--help`. Each entry is a command line, optionally
 * followed by `  # comment`.
 */
export function withExamples(command: Command, examples: readonly string[]): Command {
  const lines = examples.map((example) => `  $ ${example}`).join('\n');
  return command.addHelpText('after', `\nExamples:\n${lines}\n`);
}
