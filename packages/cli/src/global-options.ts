/**
 * Options every command accepts, before or after the subcommand name (`hac -e prod groovy x` and
 * `hac groovy x -e prod` are the same). Commands must not define options with these flags.
 */
import { Option, type Command } from 'commander';
import { durationOption, REQUEST_TIMEOUT_SECONDS } from './durations.js';
import { CliUsageError } from './errors.js';
import type { OutputFormat } from './runtime-types.js';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv', 'tsv', 'ndjson'];

export interface GlobalOptions {
  /** `-e/--env`, or the Python CLI's long form `--environment`. */
  env?: string;
  endpoint?: string;
  url?: string;
  /** The login user: `-u/--user`, or the Python CLI's `--username`. */
  user?: string;
  /** `-u/--user` alone (on `hac endpoint add|update`, `-u` is the URL, as in the Python CLI). */
  userFlag?: string;
  /** `--username` alone. */
  username?: string;
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

export function addGlobalOptions(program: Command): void {
  program
    .option('-e, --env <name>', 'environment from the config (default: default_environment)')
    // The Python CLI's spellings: `--environment` (of -e) and `--username` (of session start/import).
    .addOption(new Option('--environment <name>', 'same as -e/--env').hideHelp())
    .option('-n, --endpoint <name>', "endpoint of the environment (default: the environment's default_endpoint)")
    .option('--url <url>', 'target this HAC URL directly, no config needed (e.g. https://localhost:9002)')
    .option('-u, --user <name>', 'HAC username')
    .addOption(new Option('--username <name>', 'same as -u/--user').hideHelp())
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('-k, --insecure', 'do not verify the TLS certificate (self-signed development servers)')
    .option('--timeout <seconds>', 'timeout of each HTTP request (0.001 to 2147483)', durationOption(REQUEST_TIMEOUT_SECONDS))
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS))
    .addOption(new Option('--json', 'shortcut for --format json').conflicts(['csv']))
    .option('--csv', 'shortcut for --format csv')
    .option('-o, --output <file>', 'write the data to FILE instead of stdout, atomically: complete on success, untouched on failure')
    .option('-q, --quiet', 'print data only, no notes on stderr')
    .option('--no-color', 'no colors (also: NO_COLOR=1)')
    .option('--debug', 'print a redacted HTTP trace and stack traces on stderr')
    .option('-y, --yes', 'confirm without asking; give twice (-yy) for --drop-tables', (_value: string, previous: number) => previous + 1, 0);
}

/**
 * The global options whose flag alone says how commander takes them, by flag: `true` when the next
 * word is the value, `false` for a flag without one (with `-V/--version`). `--timeout` and
 * `--format` are left out, as are combined (`-ky`) and `--flag=value` forms: their parse can fail or
 * split, which commander decides (see `commandsFor`). `test/command-registry.test.ts` checks this
 * against `addGlobalOptions`.
 */
export const PLAIN_GLOBAL_FLAGS: ReadonlyMap<string, boolean> = new Map([
  ...['-e', '--env', '--environment', '-n', '--endpoint', '--url', '-u', '--user', '--username', '-o', '--output'].map((flag) => [flag, true] as const),
  ...['--password-stdin', '-k', '--insecure', '--json', '--csv', '-q', '--quiet', '--no-color', '--debug', '-y', '--yes', '-V', '--version'].map((flag) => [flag, false] as const),
]);

interface ParsedGlobals extends Omit<GlobalOptions, 'userFlag'> {
  environment?: string;
}

/** The global options of a parsed command line, the Python CLI's spellings folded in. */
export function readGlobalOptions(command: Command): GlobalOptions {
  const { environment, ...parsed } = command.optsWithGlobals<ParsedGlobals>();
  const options: GlobalOptions = { ...parsed };
  const env = same('-e/--env', parsed.env, '--environment', environment);
  if (env !== undefined) options.env = env;
  if (parsed.user !== undefined) options.userFlag = parsed.user;
  const user = same('-u/--user', parsed.user, '--username', parsed.username);
  if (user !== undefined) options.user = user;
  return options;
}

/** Two spellings of one option: either, or both when they agree. */
function same(name: string, value: string | undefined, otherName: string, other: string | undefined): string | undefined {
  if (value !== undefined && other !== undefined && value !== other) {
    throw new CliUsageError(`${name} "${value}" and ${otherName} "${other}" disagree: give one of them`);
  }
  return value ?? other;
}

/** `--format` wins over `--json`/`--csv`; undefined when none was given. */
export function chosenFormat(options: GlobalOptions): OutputFormat | undefined {
  if (options.format) return options.format;
  if (options.json) return 'json';
  if (options.csv) return 'csv';
  return undefined;
}
