/**
 * `hac`: builds the commander program (with the module of the command being run), runs it, and
 * turns every failure into one line on stderr and an exit code (see `exit-codes.ts`). The binary
 * enters through `launcher/hac.ts` (built) or `bin.ts` (from source), which answer `--version`
 * before this module is loaded.
 */
import { CommanderError } from 'commander';
import { errorJson, errorLine, errorReport, usageErrorReport, wantsJson, type ErrorReport } from './error-report.js';
import { ExitCode } from './exit-codes.js';
import { chosenFormat, type GlobalOptions } from './global-options.js';
import { helpShown, type ShownHelp } from './help.js';
import { buildProgram, servesCommandLine } from './program.js';
import { builtStdio, whenBuilt } from './stdio.js';
import { writeText } from './terminal-text.js';

async function flush(stream: NodeJS.WriteStream): Promise<void> {
  await new Promise<void>((resolve) => stream.write('', () => resolve()));
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const { program, runtime, lastUsageError } = await buildProgram({}, { argv });
  let interrupted = false;
  const onSigint = (): void => {
    if (interrupted) process.exit(ExitCode.interrupted); // second Ctrl-C: leave now
    interrupted = true;
    runtime.interrupt();
    // Give the command a moment to unwind (close files, print the error), then leave anyway.
    setTimeout(() => process.exit(ExitCode.interrupted), 2000).unref();
  };
  process.on('SIGINT', onSigint);
  // Attached when stdout is first used: a run that writes no data (or writes it to a pipe at once,
  // as `hac --help` does) never builds the stream.
  whenBuilt('stdout', (stdout) =>
    stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); // `hac … | head`
    }),
  );
  whenBuilt('stderr', () => {}); // watched, so that the exit flushes it only when used

  let code: number;
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that returns normally after Ctrl-C handled it (e.g. `hac emulator` stops cleanly).
    code = Number(process.exitCode ?? 0);
    runtime.finishOutput(code === ExitCode.success);
  } catch (error) {
    runtime.finishOutput(false);
    const globals = program.opts<GlobalOptions>();
    const json = wantsJson(chosenFormat(globals), argv);
    if (error instanceof CommanderError) {
      // Commander printed its one line already; help and version are successes.
      const help = error.code === 'commander.helpDisplayed' || error.code === 'commander.help';
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
        code = ExitCode.success;
        if (help) lastShownHelp = helpShown(program, code);
      } else {
        code = ExitCode.usage;
        if (json) writeText(process.stdout, errorJson(usageErrorReport(lastUsageError()), json));
        else if (help) lastShownHelp = helpShown(program, code); // `hac` alone: the help on stderr
      }
    } else {
      const report = errorReport(error, interrupted, argv, { passwordSource: runtime.passwordSource() });
      await printError(report, argv, runtime.output.color);
      if (json) writeText(process.stdout, errorJson(report, json));
      if (globals.debug === true && error instanceof Error && error.stack) writeText(process.stderr, `${error.stack}\n`);
      code = report.exitCode;
    }
  }
  process.off('SIGINT', onSigint);
  return code;
}

/** The one line on stderr, red on a terminal (colors are loaded only then). */
async function printError(report: ErrorReport, argv: readonly string[], color: boolean): Promise<void> {
  const line = errorLine(report, argv);
  const red = color ? (await import('picocolors')).default.red : (text: string) => text;
  // The message may quote a server or a config file: escaped on a terminal like every other write.
  writeText(process.stderr, `${red(line)}\n`);
}

let lastShownHelp: ShownHelp | undefined;

/**
 * The help the last `main` printed when that was all it did (`hac --help`, `hac help fs`, `hac`
 * alone…): the launcher stores it in its rendered-help cache (`launcher/help-cache.ts`).
 */
export function shownHelp(): ShownHelp | undefined {
  return lastShownHelp;
}

// Set by scripts/bundle.js in a hot bundle (`hot-NAME.cjs`): the commands whose modules it holds.
declare const HAC_BUNDLED_COMMANDS: readonly string[] | undefined;

/**
 * This bundle runs `argv` as the full one would: always, but a hot bundle (the module of one command
 * only) just the command lines that run that command (`servesCommandLine`). The launcher asks before
 * `runCli`, and runs `cli.cjs` instead when not.
 */
export function serves(argv: readonly string[]): boolean {
  return typeof HAC_BUNDLED_COMMANDS === 'undefined' || servesCommandLine(argv, HAC_BUNDLED_COMMANDS);
}

/** Run `hac` and end the process with its exit code once stdout and stderr are written. */
export async function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const code = await main(argv);
  await Promise.all(builtStdio().map(flush));
  process.exit(code);
}
