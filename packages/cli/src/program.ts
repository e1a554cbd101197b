/**
 * The commander program of `hac`: global options, help, and the commands (one module each, loaded
 * when the command line needs it: see `commands/index.ts`).
 */
import { Command, Help } from 'commander';
import { entriesToLoad, commandEntries, findCommandEntry, registerCommands, standInTerm, type CommandEntry } from './commands/index.js';
import { addGlobalOptions, PLAIN_GLOBAL_FLAGS } from './global-options.js';
import { addGroupExamples, recordCommanderOutput, useHelpLayout, withExamples } from './help.js';
import { createRuntime, type CoreRuntime, type RuntimeDeps } from './runtime.js';
import { textFor } from './terminal-text.js';
import { useOneLineUsageErrors } from './usage-errors.js';
import { cliVersion } from './version.js';

export { cliVersion };

export interface BuildOptions {
  /**
   * The command line the program will parse: only the modules of the command it names are loaded.
   * Without it, every command is (the whole tree, for embedding `hac` or generating docs).
   */
  argv?: readonly string[];
}

/**
 * The program with its commands registered, the runtime its commands share, and the last usage error
 * commander printed (for the JSON error object of `--json`).
 */
export async function buildProgram(
  deps: RuntimeDeps = {},
  options: BuildOptions = {},
): Promise<{ program: Command; runtime: CoreRuntime; lastUsageError: () => string }> {
  const program = new Command('hac');
  program
    .description('Drive the SAP Commerce Administration Console (HAC) from the command line.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    // Commander errors become exceptions so that the one catch below decides the exit code.
    .exitOverride();
  addGlobalOptions(program);
  useHelpLayout(program, deps.env, {
    subcommandTerm(this: Help, command: Command) {
      return standInTerm(command) ?? Help.prototype.subcommandTerm.call(this, command);
    },
  });
  withExamples(program, [
    "hac groovy 'return 1 + 1'",
    'hac fs "SELECT {pk}, {isocode} FROM {Language}" --json',
    'hac -e prod session start',
    'hac --url https://localhost:9002 -k -u admin groovy script.groovy',
  ]);
  const runtime = createRuntime(program, deps);
  await registerCommands(program, runtime, options.argv === undefined ? commandEntries : commandsFor(options.argv));
  addGroupExamples(program);
  // Commander writes a usage error in two pieces: the message (outputError), then `; see: hac X --help`
  // (writeErr). Both are kept for the JSON error object and shown red on a terminal.
  let usageError = '';
  const writeError = (text: string): void => {
    usageError += text;
    const red = runtime.output.color && /^(hac: |; see: )/.test(text);
    const stderr = deps.stderr ?? process.stderr;
    const written = textFor(stderr, red ? text.replace(/^(.*?)(\n?)$/s, '\u001b[31m$1\u001b[39m$2') : text);
    recordCommanderOutput(program, 'stderr', written);
    stderr.write(written);
  };
  useOneLineUsageErrors(program, writeError);
  program.configureOutput({ writeErr: writeError });
  return { program, runtime, lastUsageError: () => usageError.slice(usageError.lastIndexOf('hac: ')).split('\n')[0] ?? '' };
}

/** `commandsFor` of each command line asked: the launcher's `serves` and `buildProgram` ask for the same one. */
const planned = new WeakMap<readonly string[], readonly CommandEntry[]>();

/**
 * The commands `argv` runs or asks help for. Commander picks the command as the first operand once
 * the global options (and their values) are taken out; a scratch program with the same global
 * options takes them out the same way, without touching the real program's option values.
 */
export function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  let entries = planned.get(argv);
  if (entries === undefined) planned.set(argv, (entries = findCommandsFor(argv)));
  return entries;
}

/**
 * A bundle holding the modules of `bundled` only (a hot bundle, `scripts/bundle.js`) runs `argv`
 * exactly as the full one: `argv` runs (or asks help for) one of them. Any other command line, one
 * naming no command included (its help lists every command), goes to the full bundle.
 */
export function servesCommandLine(argv: readonly string[], bundled: readonly string[]): boolean {
  const entries = commandsFor(argv);
  return entries.length > 0 && entries.every((entry) => bundled.includes(entry.name));
}

function findCommandsFor(argv: readonly string[]): readonly CommandEntry[] {
  // Only an argument naming a command can load one: most help and version lines name none.
  if (!argv.some((arg) => findCommandEntry(arg) !== undefined)) return [];
  const plain = plainFirstOperand(argv);
  if (plain !== undefined) return entriesToLoad(plain);
  const operands = programOperands(argv);
  // None: a bad global option, which the real parse reports before any command runs.
  return operands === undefined ? [] : entriesToLoad(operands[0] === 'help' ? operands[1] : operands[0]);
}

/** The operands commander's parse of the program's own options leaves of `argv`; undefined when it fails. */
export function programOperands(argv: readonly string[]): string[] | undefined {
  const scratch = new Command('hac').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  scratch.option('-V, --version');
  addGlobalOptions(scratch);
  try {
    return scratch.parseOptions([...argv]).operands;
  } catch {
    return undefined;
  }
}

/**
 * The first operand of `argv` when only global options of `PLAIN_GLOBAL_FLAGS` (with their values)
 * come before it, as `hac -e prod groovy …` and nearly every command line: commander's parse finds
 * the same, and building a scratch program for it costs a warm call ~0.4 ms. Undefined when anything
 * else comes first (another option or form, `--`, `help`): the scratch program decides. Words after
 * the operand cannot change it; one that fails the parse (`hac groovy x --timeout soon`) fails it
 * at the program, before any command runs, whichever commands are loaded.
 */
export function plainFirstOperand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.length < 2 || !arg.startsWith('-')) return arg === 'help' ? undefined : arg;
    const takesValue = PLAIN_GLOBAL_FLAGS.get(arg);
    if (takesValue === undefined) return undefined;
    if (takesValue) i += 1;
  }
  return undefined;
}
