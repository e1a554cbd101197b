/**
 * How a failed command is reported: one line on stderr (`hac: …`, red on a terminal) and, with
 * `--json`/`--format json` (or `ndjson`), also a JSON object on stdout, so that scripts and agents
 * parse one stream: `{ "error", "kind", "exitCode", "hint" }`.
 *
 * Library errors are recognised by `name` so that `hac-client` is not loaded just to report one.
 */
import { CliError, ConfigError, exitCodeFor } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { formatJson, formatNdjson } from './output/json.js';

/** What went wrong, in one word a script can branch on. */
export type ErrorKind = 'usage' | 'config' | 'authentication' | 'connection' | 'timeout' | 'interrupted' | 'failed';

export interface ErrorReport {
  /** The one-line message (what `hac: …` says, without the hint). */
  error: string;
  kind: ErrorKind;
  exitCode: number;
  /** What to do about it, or null. */
  hint: string | null;
}

/** The library speaks in option names; the CLI user needs the flag or config key. */
function forCli(message: string): string {
  return message
    .replace('set ignoreSsl: true', 'pass -k/--insecure (or set ignore_ssl = true in the config)')
    .replace('(hacPath; default /hac)', '(the path in --url, or hac_path in the config; /hac by default, "" for the root)');
}

function kindOf(error: unknown, code: number): ErrorKind {
  switch (code) {
    case ExitCode.usage:
      return error instanceof ConfigError || isContextPathError(error) ? 'config' : 'usage';
    case ExitCode.authentication:
      return 'authentication';
    case ExitCode.connection:
      return error instanceof Error && error.name === 'HacTimeoutError' ? 'timeout' : 'connection';
    case ExitCode.interrupted:
      return 'interrupted';
    default:
      return 'failed';
  }
}

/**
 * `hac fs Q --user bob` reads like "query as bob" but logs in as bob (`-u/--user` is global); when
 * that login fails, say where the query user goes.
 */
function asUserHint(argv: readonly string[]): string | null {
  const query = argv.findIndex((arg) => arg === 'fs' || arg === 'flexsearch');
  const user = argv.findIndex((arg) => arg === '-u' || arg === '--user' || arg.startsWith('--user='));
  return query >= 0 && user > query ? '-u/--user is the login user; to run the query as another user, use --as-user' : null;
}

function isContextPathError(error: unknown): boolean {
  return error instanceof Error && error.name === 'HacContextPathError';
}

function hintFor(kind: ErrorKind, argv: readonly string[], error: unknown): string | null {
  if (isContextPathError(error)) return 'check the URL and hac_path: hac env show, or --url https://host:port/<context path>';
  switch (kind) {
    case 'authentication':
      return asUserHint(argv) ?? 'check the username and password: -u/--user, HAC_USERNAME…/HAC_PASSWORD…, or hac login';
    case 'connection':
      return 'check the URL (hac env show, or --url) and that HAC is reachable from here';
    case 'timeout':
      return 'raise --timeout (seconds) if HAC is just slow';
    case 'config':
      return 'see: hac config validate';
    default:
      return null;
  }
}

/**
 * Where a refused password came from: a stale variable or keychain entry is the usual cause, and
 * nothing else in the message tells which source won.
 */
function passwordOrigin(source: string): string {
  if (source === 'keychain') return 'the password came from the keychain; hac login --save-password replaces it';
  if (source === 'prompt') return '';
  if (source === 'stdin' || source.startsWith('--')) return `the password came from ${source}`;
  return `the password came from $${source}`;
}

/** The report of an error thrown by a command (not a commander usage error, see `usageErrorReport`). */
export function errorReport(error: unknown, interrupted: boolean, argv: readonly string[], context: { passwordSource?: string | undefined } = {}): ErrorReport {
  const code = exitCodeFor(error, interrupted);
  const kind = kindOf(error, code);
  const raw =
    code === ExitCode.interrupted && !(error instanceof CliError) ? 'interrupted' : error instanceof Error ? error.message : String(error);
  let message = forCli(raw.split('\n')[0] ?? '');
  // Only credentials HAC refused: other login failures (transport, CSRF, a missing password) are no password's fault.
  if (kind === 'authentication' && /: wrong username or password$/.test(message) && context.passwordSource !== undefined) {
    const origin = passwordOrigin(context.passwordSource);
    if (origin !== '') message += ` (${origin})`;
  }
  return { error: message, kind, exitCode: code, hint: hintFor(kind, argv, error) };
}

/** The report of a commander usage error, from the line written on stderr (`…; see: hac fs --help`). */
export function usageErrorReport(line: string): ErrorReport {
  const text = line.trim().replace(/^hac: /, '');
  const at = text.lastIndexOf('; see: ');
  return {
    error: at >= 0 ? text.slice(0, at) : text,
    kind: 'usage',
    exitCode: ExitCode.usage,
    hint: at >= 0 ? text.slice(at + 2) : null,
  };
}

/**
 * The stderr line: `hac: message`, plus the `--as-user` hint of a failed `fs --user` login (the
 * other hints go to the JSON object only, to keep the line one line).
 */
export function errorLine(report: ErrorReport, argv: readonly string[]): string {
  const extra = report.kind === 'authentication' && asUserHint(argv) !== null ? ` (${asUserHint(argv) ?? ''})` : '';
  return `hac: ${report.error}${extra}`;
}

/** Whether the command line asks for JSON output, also when commander failed before parsing it all. */
export function wantsJson(parsedFormat: string | undefined, argv: readonly string[]): 'json' | 'ndjson' | undefined {
  if (parsedFormat === 'json' || parsedFormat === 'ndjson') return parsedFormat;
  if (parsedFormat !== undefined) return undefined;
  const end = argv.indexOf('--');
  const args = end >= 0 ? argv.slice(0, end) : argv;
  let found: 'json' | 'ndjson' | undefined;
  args.forEach((arg, i) => {
    const format = arg === '--format' ? args[i + 1] : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
    if (format === 'json' || format === 'ndjson') found = format;
    else if (format !== undefined) found = undefined;
    if (arg === '--json') found = 'json';
  });
  return found;
}

/** The JSON object on stdout: a document for `json`, one line for `ndjson`. */
export function errorJson(report: ErrorReport, format: 'json' | 'ndjson'): string {
  return format === 'json' ? formatJson(report) : formatNdjson([report]);
}
