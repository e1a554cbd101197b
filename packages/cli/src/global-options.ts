/**
 * Options every command accepts, before or after the subcommand name (`hac -e prod groovy x` and
 * `hac groovy x -e prod` are the same). Commands must not define options with these flags.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { OutputFormat } from './runtime-types.js';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv', 'tsv', 'ndjson'];

export interface GlobalOptions {
  env?: string;
  endpoint?: string;
  url?: string;
  user?: string;
  passwordStdin?: boolean;
  insecure?: boolean;
  timeout?: number;
  format?: OutputFormat;
  json?: boolean;
  csv?: boolean;
  /** `-o/--output FILE`: data to FILE (atomically) instead of stdout. */
  output?: string;
  quiet?: boolean;
  /** False with `--no-color`. */
  color: boolean;
  debug?: boolean;
  /** How many times `-y/--yes` was given (`-yy` confirms `--drop-tables`). */
  yes: number;
}

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError('must be a positive number of seconds.');
  return seconds;
}

export function addGlobalOptions(program: Command): void {
  program
    .option('-e, --env <name>', 'environment from the config (default: default_environment)')
    .option('-n, --endpoint <name>', "endpoint of the environment (default: the environment's default_endpoint)")
    .option('--url <url>', 'target this HAC URL directly, no config needed (e.g. https://localhost:9002)')
    .option('-u, --user <name>', 'HAC username')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('-k, --insecure', 'do not verify the TLS certificate (self-signed development servers)')
    .option('--timeout <seconds>', 'timeout of each HTTP request', positiveSeconds)
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS))
    .addOption(new Option('--json', 'shortcut for --format json').conflicts(['csv']))
    .option('--csv', 'shortcut for --format csv')
    .option('-o, --output <file>', 'write the data to FILE instead of stdout, atomically: complete on success, untouched on failure')
    .option('-q, --quiet', 'print data only, no notes on stderr')
    .option('--no-color', 'no colors (also: NO_COLOR=1)')
    .option('--debug', 'print a redacted HTTP trace and stack traces on stderr')
    .option('-y, --yes', 'confirm without asking; give twice (-yy) for --drop-tables', (_value: string, previous: number) => previous + 1, 0);
}

/** The global options of a parsed command line. */
export function readGlobalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** `--format` wins over `--json`/`--csv`; undefined when none was given. */
export function chosenFormat(options: GlobalOptions): OutputFormat | undefined {
  if (options.format) return options.format;
  if (options.json) return 'json';
  if (options.csv) return 'csv';
  return undefined;
}
