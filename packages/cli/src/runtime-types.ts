/**
 * What every command gets from the CLI core: the resolved target, a lazily created library client,
 * output helpers bound to the global flags, and the production guard rails. Commands stay thin:
 * parse their own flags → call the library → hand the result to the output helpers.
 */
import type { HacClient } from 'hac-client';
import type { WriteOutcome } from './audit/cli-audit.js';

export type { WriteOutcome } from './audit/cli-audit.js';

export type OutputFormat = 'table' | 'json' | 'csv' | 'tsv' | 'ndjson';

/** Operations the guard rails know about. */
export type GuardedAction =
  | 'commit' // groovy/sql with --commit
  | 'import' // impex import
  | 'update' // update run
  | 'drop-tables' // update run --drop-tables: asks twice
  | 'log-level' // logger set
  | 'config-change' // property set/delete
  | 'cache-clear' // cache clear
  | 'abort-cronjobs'; // cronjob abort-all: asks on every environment

export interface ResolvedTarget {
  environment: string;
  endpoint: string;
  /** Base URL without context path, e.g. `https://localhost:9002`. */
  url: string;
  hacPath: string;
  username: string;
  ignoreSsl: boolean;
  timeoutSeconds: number;
  protected: boolean;
  readOnly: boolean;
  /** Session cache key used by the Python CLI: `ENV/ENDPOINT`. */
  sessionEnvironment: string;
}

export interface CliOutput {
  /** Format chosen by `--format`/`--json`/`--csv`, or the command's default when none was given. */
  format(defaultFormat: OutputFormat): OutputFormat;
  /** Write data (stdout). */
  data(text: string): void;
  /**
   * Write data and resolve once it is handed on: a slow reader of stdout holds the writer back (data
   * of any size streams in constant memory), and a reader that is gone (`hac … | head`) rejects with
   * the `EPIPE` error, before anything else is done. To `--output FILE` it is written at once.
   */
  writeData(text: string): Promise<void>;
  /** Write a human note (stderr); suppressed by `--quiet`. */
  info(text: string): void;
  /** Write a warning (stderr); never suppressed. */
  warn(text: string): void;
  /** Write an error (stderr), red when colors are on; never suppressed. */
  error(text: string): void;
  /** True when stdout/stderr is a terminal (progress indicators, table widths). */
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Terminal width for tables: an exported `COLUMNS`, else the terminal's, else 80. */
  readonly columns: number;
  /** Colors allowed (not `--no-color`, no `NO_COLOR`, stderr is a TTY). */
  readonly color: boolean;
  readonly quiet: boolean;
}

export interface CliRuntime {
  readonly output: CliOutput;
  /** Resolve environment/endpoint/url/user from flags, env vars and config. Throws a usage error when it cannot. */
  target(): Promise<ResolvedTarget>;
  /**
   * The library client for the target, created once. The username is resolved first; the password
   * (flags, env, keychain, stdin, prompt) only when a login is needed, so a cached session asks for none.
   * `cachedSessionOnly` (for completion): never log in; a call that would needs to fails instead.
   */
  client(options?: { cachedSessionOnly?: boolean }): Promise<HacClient>;
  /**
   * Refuse (read_only) or confirm (protected, --drop-tables) before a destructive action; each global
   * `-y/--yes` counts as one confirmation. Resolves when allowed; throws a `CliUsageError` when
   * refused or not confirmed, after writing the refusal to the audit log under `tool`
   * (`groovy --commit`).
   */
  guard(action: GuardedAction, tool?: string): Promise<void>;
  /**
   * Run a write that was sent to HAC (`work`) and append it to the audit log with its outcome
   * (`judge` says whether HAC reported success): `tool` names it (`sql --commit`), `text` is the
   * script/query/ImpEx whose SHA-256 and size are logged.
   */
  auditWrite<T>(tool: string, text: string | undefined, work: () => Promise<T>, judge: (result: T) => WriteOutcome): Promise<T>;
  /** Standard input as UTF-8 text (for `-` arguments and piped queries); invalid UTF-8 is a usage error. */
  readStdin(): Promise<string>;
  /** Standard input as bytes, for commands that decode it themselves (`impex --encoding`). */
  readStdinBytes(): Promise<Uint8Array>;
  /** Aborted on SIGINT: pass to every library call. */
  readonly signal: AbortSignal;
}
