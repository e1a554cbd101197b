import { Help, type Command } from 'commander';
import { COLOR_VARIABLES, helpWidth } from './help-context.js';
import { mayBeTerminal, writeStdio } from './stdio.js';

const examplesOf = new WeakMap<Command, readonly string[]>();

/** Per program: what commander wrote (help, version, usage errors), as written, and the command whose help it formatted last. */
interface CommanderOutput {
  writes: Array<{ stream: 'stdout' | 'stderr'; text: string }>;
  helpCommand?: Command;
}
const outputOf = new WeakMap<Command, CommanderOutput>();

function commanderOutput(command: Command): CommanderOutput {
  let root = command;
  while (root.parent) root = root.parent;
  let output = outputOf.get(root);
  if (output === undefined) outputOf.set(root, (output = { writes: [] }));
  return output;
}

/** Called with each text commander writes for `program` (its `writeOut` here, its `writeErr` in `program.ts`). */
export function recordCommanderOutput(program: Command, stream: 'stdout' | 'stderr', text: string): void {
  commanderOutput(program).writes.push({ stream, text });
}

/** The help a run printed and nothing else: what the launcher's rendered-help cache stores. */
export interface ShownHelp {
  stream: 'stdout' | 'stderr';
  text: string;
  exitCode: number;
  /** The command whose help it is, from the top (none for `hac` itself): each level's name and aliases. */
  commandPath: string[][];
}

/**
 * The help commander printed for `program`, for `main.ts` to call once commander ended the run by
 * showing help and nothing else was written; undefined when it printed none, or to both streams.
 */
export function helpShown(program: Command, exitCode: number): ShownHelp | undefined {
  const { writes, helpCommand } = commanderOutput(program);
  const stream = writes[0]?.stream;
  if (helpCommand === undefined || stream === undefined || writes.some((write) => write.stream !== stream)) return undefined;
  const commandPath: string[][] = [];
  for (let command = helpCommand; command.parent; command = command.parent) commandPath.unshift([command.name(), ...command.aliases()]);
  return { stream, text: writes.map((write) => write.text).join(''), exitCode, commandPath };
}

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

/**
 * Commander's own colour rule, which asks `process.stdout` (or stderr) whether it is a terminal
 * unless NO_COLOR, FORCE_COLOR or CLICOLOR_FORCE decide: for a pipe or file the answer is known
 * without building the stream.
 */
function hasColors(name: 'stdout' | 'stderr', commanderRule: (() => boolean) | undefined): () => boolean {
  const decidedByEnv = (): boolean => COLOR_VARIABLES.some((variable) => process.env[variable] !== undefined);
  return () => (mayBeTerminal(name) || decidedByEnv() ? commanderRule?.() === true : false);
}

/**
 * The help layout: a subcommand's `--help` lists its own options and one line naming the global
 * ones (listing all ~15 under every command buried the command's own); everything wraps to the
 * terminal width (or `COLUMNS`).
 */
export function useHelpLayout(program: Command, env: Record<string, string | undefined> = process.env, overrides: Partial<Help> = {}): void {
  program.configureHelp({
    ...overrides,
    showGlobalOptions: false,
    sortSubcommands: false,
    // Commander stops wrapping descriptions narrower than 40 columns, so on a 60-column terminal
    // every long option line ran past the edge; 24 keeps descriptions under their column there.
    minWidthToWrap: 24,
    formatHelp(cmd: Command, helper: Help): string {
      commanderOutput(cmd).helpCommand = cmd;
      const text = Help.prototype.formatHelp.call(helper, cmd, helper);
      if (!cmd.parent) return text;
      let root = cmd;
      while (root.parent) root = root.parent;
      const flags = root.options.filter((option) => !option.hidden && option.long !== '--help' && option.long !== '--version');
      const names = flags.map((option) => option.short ?? option.long ?? '').join(', ');
      const pointer = helper.boxWrap(`Global options: ${names} (see: ${root.name()} --help)`, helper.helpWidth ?? 80);
      // Right after the command's own options, before subcommands and examples.
      const options = text.indexOf('\nOptions:\n');
      const end = options < 0 ? -1 : text.indexOf('\n\n', options + 1);
      return end < 0 ? `${text}\n${pointer}\n` : `${text.slice(0, end)}\n\n${pointer}${text.slice(end)}`;
    },
  });
  const commanderDefaults = { ...program.configureOutput() };
  program.configureOutput({
    writeOut: (text) => {
      recordCommanderOutput(program, 'stdout', text);
      writeStdio('stdout', text);
    },
    getOutHelpWidth: () => helpWidth('stdout', env) ?? 80,
    getErrHelpWidth: () => helpWidth('stderr', env) ?? 80,
    getOutHasColors: hasColors('stdout', commanderDefaults.getOutHasColors),
    getErrHasColors: hasColors('stderr', commanderDefaults.getErrHasColors),
  });
}
