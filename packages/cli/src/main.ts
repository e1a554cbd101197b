/**
 * `hac`: builds the commander program (with the module of the command being run), runs it, and
 * turns every failure into one line on stderr and an exit code (see `exit-codes.ts`). The binary
 * enters through `bin.ts`, which answers `--version` before this module is loaded.
 */
import { CommanderError } from 'commander';
import { CliInterruptedError, exitCodeFor } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { buildProgram } from './program.js';

async function flush(stream: NodeJS.WriteStream): Promise<void> {
  await new Promise<void>((resolve) => stream.write('', () => resolve()));
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const { program, runtime } = await buildProgram({}, { argv });
  let interrupted = false;
  const onSigint = (): void => {
    if (interrupted) process.exit(ExitCode.interrupted); // second Ctrl-C: leave now
    interrupted = true;
    runtime.interrupt();
    // Give the command a moment to unwind (close files, print the error), then leave anyway.
    setTimeout(() => process.exit(ExitCode.interrupted), 2000).unref();
  };
  process.on('SIGINT', onSigint);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); // `hac … | head`
  });

  let code: number;
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that returns normally after Ctrl-C handled it (e.g. `hac emulator` stops cleanly).
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    code = report(error, interrupted, program.opts<{ debug?: boolean }>().debug === true, argv);
  }
  process.off('SIGINT', onSigint);
  return code;
}

/** Print the one-line error (stack with `--debug`) and return the exit code. */
function report(error: unknown, interrupted: boolean, debug: boolean, argv: readonly string[]): number {
  if (error instanceof CommanderError) {
    // Commander printed its message already; help and version are successes.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return ExitCode.success;
    return ExitCode.usage;
  }
  const code = exitCodeFor(error, interrupted);
  const message =
    code === ExitCode.interrupted && !(error instanceof CliInterruptedError)
      ? 'interrupted'
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`hac: ${forCli(message.split('\n')[0] ?? '')}${hint(code, argv)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return code;
}

/**
 * `hac fs Q --user bob` reads like "query as bob" but logs in as bob (`-u/--user` is global); when
 * that login fails, say where the query user goes.
 */
function hint(code: number, argv: readonly string[]): string {
  if (code !== ExitCode.authentication) return '';
  const query = argv.findIndex((arg) => arg === 'fs' || arg === 'flexsearch');
  const user = argv.findIndex((arg) => arg === '-u' || arg === '--user' || arg.startsWith('--user='));
  return query >= 0 && user > query ? ' (-u/--user is the login user; to run the query as another user, use --as-user)' : '';
}

/** The library speaks in option names; the CLI user needs the flag or config key. */
function forCli(message: string): string {
  return message.replace('set ignoreSsl: true', 'pass -k/--insecure (or set ignore_ssl = true in the config)');
}

const code = await main();
await Promise.all([flush(process.stdout), flush(process.stderr)]);
process.exit(code);
