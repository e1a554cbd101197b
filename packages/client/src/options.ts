/**
 * Client options: the public type (every option documented with its default) and the one place where
 * defaults are applied and invalid combinations are rejected.
 */
import type { AuthHandler } from './auth.js';
import { HacClientError } from './errors.js';
import { checkDuration } from './internal/duration.js';

export interface HacClientOptions {
  /**
   * Scheme, host and port of the server: `https://localhost:9002`. Required. It may end in the HAC
   * context path (`http://localhost:9002/hac`, as the emulator prints it) when `hacPath` is not
   * given; the path then becomes `hacPath`.
   */
  baseUrl: string;
  /** Supplies the login credentials (and optional extra headers). Required to log in. */
  authHandler: AuthHandler;
  /**
   * Free-form tag (e.g. `dev`, `prod`), part of the session cache key so that sessions of different
   * targets never mix.
   * @default 'local'
   */
  environment?: string;
  /**
   * Keep the session in a cache file so that later processes reuse it without logging in again.
   * `false` never reads or writes the cache.
   * @default true
   */
  sessionPersistence?: boolean;
  /**
   * Directory of the session cache files (created with mode 0700, files 0600). The Python tool's
   * directory, so that both share sessions; like it, `XDG_CACHE_HOME` does not move it. A directory
   * that is not the user's own (or inside one other users can write to) is not used: calls go on
   * without a cache, after one `onWarning` notice.
   * @default `~/.cache/hac-client` (`~` is `$HOME`; an empty or relative `HOME` counts as none: the account's home)
   */
  cacheDir?: string;
  /**
   * HAC context path (`hac.webroot`): starts with `/`, no trailing slash; `''` when HAC runs at the root.
   * @default '/hac'
   */
  hacPath?: string;
  /**
   * Time allowed for each HTTP attempt (connect to last body byte), in milliseconds, from 1 to
   * 2147483647 (about 24.8 days, the longest timer Node keeps). Long operations (system update) raise
   * it per call.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Most connections open to HAC at once (a keep-alive pool): further concurrent calls wait for a
   * free connection instead of opening more. From 1 to 256.
   * @default 10
   */
  maxConnections?: number;
  /**
   * Largest answer read, in bytes: a bigger (or endless) body is cut off with a
   * `HacResponseTooLargeError`. From 1 KiB up; the default holds several million FlexibleSearch rows.
   * @default 268435456 (256 MiB)
   */
  maxResponseBytes?: number;
  /**
   * Skip TLS certificate verification (self-signed development certificates). Prefer adding the CA
   * with `NODE_EXTRA_CA_CERTS`. Emits a one-time process warning unless `quiet`.
   * @default false
   */
  ignoreSsl?: boolean;
  /**
   * Suppress the library's only notice: the library prints nothing itself, but the first request of
   * a client with `ignoreSsl: true` on an https URL emits a process warning (once per process, via
   * `process.emitWarning`, code `HAC_CLIENT_INSECURE_TLS`; Node prints it on stderr). `quiet: true`
   * skips it. The `debug` trace is not affected.
   * @default false
   */
  quiet?: boolean;
  /**
   * Receives a redacted trace of every HTTP exchange and session decision (for `hac --debug`). Cookie
   * values, CSRF tokens, passwords and session ids appear as `[REDACTED]`.
   * @default undefined
   */
  debug?: (line: string) => void;
  /**
   * Receives the library's notices, one line each, at most once per client and kind: the session
   * cache cannot be used or written (the call goes on without it), or a call has waited two seconds
   * for another process's login. Without it they are process warnings (code
   * `HAC_CLIENT_SESSION_CACHE`) unless `quiet`.
   * @default undefined
   */
  onWarning?: (message: string) => void;
  /**
   * How many times a GET is retried after a connection error or a 502/503/504 (exponential backoff
   * with jitter, `Retry-After` honoured). POSTs are never retried. From 0 to 10.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Name of the servlet session cookie (configurable on the server side).
   * @default 'JSESSIONID'
   */
  sessionCookieName?: string;
}

/** Options after defaults were applied and validated. */
export interface ResolvedHacClientOptions {
  /** Origin only (`https://host:9002`), no trailing slash. */
  baseUrl: string;
  authHandler: AuthHandler;
  environment: string;
  sessionPersistence: boolean;
  /** `''` without session persistence when there is no home directory (the cache is never used then). */
  cacheDir: string;
  hacPath: string;
  timeoutMs: number;
  maxConnections: number;
  maxResponseBytes: number;
  ignoreSsl: boolean;
  quiet: boolean;
  debug: ((line: string) => void) | undefined;
  onWarning: ((message: string) => void) | undefined;
  maxRetries: number;
  sessionCookieName: string;
}

export const DEFAULT_HAC_PATH = '/hac';

function invalid(message: string): never {
  throw new HacClientError(`Invalid HacClient options: ${message}`);
}

/**
 * The default directory of a client without session persistence, which never reads or writes it:
 * `''` rather than an error when there is no home to put it in (a container's bare uid).
 */
function unusedCacheDir(): string {
  try {
    return defaultCacheDir();
  } catch {
    return '';
  }
}

/**
 * `~/.cache/hac-client`, where the Python tool keeps its sessions (`Path.home() / ".cache" /
 * "hac-client"`: `$HOME`, else the account's home). It ignores `XDG_CACHE_HOME`, so this does too:
 * otherwise setting it would split the two tools' sessions. An empty or relative `HOME` is taken as
 * none (the account's home from the password database decides): `os.homedir()` answers it as it is,
 * and the sessions would be written into whatever directory the process runs in.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  // process.getBuiltinModule: see internal/lazy.ts (the entry imports no built-in module).
  const { isAbsolute, join } = process.getBuiltinModule('node:path');
  const home = process.platform === 'win32' ? undefined : env['HOME'];
  if (home !== undefined && isAbsolute(home)) return join(home, '.cache', 'hac-client');
  const os = process.getBuiltinModule('node:os');
  if (home === undefined) return join(os.homedir(), '.cache', 'hac-client');
  let account: string | undefined;
  try {
    account = os.userInfo().homedir;
  } catch {
    // No entry for this user (a container started with a bare uid): nothing to fall back on.
  }
  if (account && isAbsolute(account)) return join(account, '.cache', 'hac-client');
  throw new HacClientError(`No session cache directory: HOME is ${JSON.stringify(home)}, not an absolute path, and the account has no home directory; set HOME or pass cacheDir`);
}

/**
 * Validates a base URL and splits it into its origin (`https://host:port`, no trailing slash) and the
 * context path it ends in (`/hac`), if any.
 */
function splitBaseUrl(baseUrl: string): { origin: string; path: string | undefined } {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') invalid('baseUrl is required (e.g. https://localhost:9002)');
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    invalid(`baseUrl "${baseUrl}" is not a valid URL (e.g. https://localhost:9002)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') invalid(`baseUrl must use http or https, got "${url.protocol}"`);
  if (url.username || url.password) invalid('baseUrl must not contain credentials; use authHandler');
  if (url.search || url.hash) invalid('baseUrl must not contain a query or fragment');
  const path = url.pathname.replace(/\/+$/, '');
  return { origin: url.origin, path: path === '' ? undefined : path };
}

/** The origin, and the context path: `hacPath`, else the path `baseUrl` ends in, else `/hac`. */
function resolveLocation(baseUrl: string, hacPath: string | undefined): { baseUrl: string; hacPath: string } {
  const { origin, path } = splitBaseUrl(baseUrl);
  if (path !== undefined && hacPath !== undefined && checkHacPath(hacPath) !== path) {
    invalid(`baseUrl ends in a path ("${path}") and hacPath is "${hacPath}": give the context path in one of them`);
  }
  return { baseUrl: origin, hacPath: checkHacPath(hacPath ?? path ?? DEFAULT_HAC_PATH) };
}

function checkHacPath(hacPath: string): string {
  if (hacPath === '' || hacPath === '/') return '';
  if (!hacPath.startsWith('/')) invalid(`hacPath must start with "/" (or be "" for the root), got "${hacPath}"`);
  if (hacPath.endsWith('/')) invalid(`hacPath must not end with "/", got "${hacPath}"`);
  if (/[?#\s]/.test(hacPath)) invalid(`hacPath must be a plain path, got "${hacPath}"`);
  return hacPath;
}

export const DEFAULT_MAX_CONNECTIONS = 10;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
/** More retries only multiply the wait: backoff doubles each time. */
const MAX_RETRIES_LIMIT = 10;

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(`${name} must be a whole number from ${min} to ${max}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
  return value;
}

export function resolveOptions(options: HacClientOptions): ResolvedHacClientOptions {
  if (options === null || typeof options !== 'object') invalid('an options object with baseUrl and authHandler is required');
  const { baseUrl, hacPath } = resolveLocation(options.baseUrl, options.hacPath);
  const auth = options.authHandler;
  if (!auth || typeof auth.getCredentials !== 'function') {
    invalid('authHandler is required (e.g. new BasicAuthHandler(username, password))');
  }
  const environment = options.environment ?? 'local';
  if (typeof environment !== 'string' || environment === '') invalid('environment must be a non-empty string');
  const sessionPersistence = options.sessionPersistence ?? true;
  if (options.cacheDir !== undefined && (typeof options.cacheDir !== 'string' || options.cacheDir === '')) {
    invalid('cacheDir must be a non-empty path');
  }
  if (options.debug !== undefined && typeof options.debug !== 'function') invalid('debug must be a function (line: string) => void');
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') invalid('onWarning must be a function (message: string) => void');
  const sessionCookieName = options.sessionCookieName ?? 'JSESSIONID';
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(sessionCookieName)) invalid(`sessionCookieName "${sessionCookieName}" is not a valid cookie name`);
  return {
    baseUrl,
    authHandler: auth,
    environment,
    sessionPersistence,
    cacheDir: options.cacheDir ?? (sessionPersistence ? defaultCacheDir() : unusedCacheDir()),
    hacPath,
    timeoutMs: checkDuration('timeoutMs', options.timeoutMs ?? 30_000, 1, invalid),
    maxConnections: checkInteger('maxConnections', options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, 1, 256),
    maxResponseBytes: checkInteger('maxResponseBytes', options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 1024, Number.MAX_SAFE_INTEGER),
    ignoreSsl: options.ignoreSsl ?? false,
    quiet: options.quiet ?? false,
    debug: options.debug,
    onWarning: options.onWarning,
    maxRetries: checkInteger('maxRetries', options.maxRetries ?? 2, 0, MAX_RETRIES_LIMIT),
    sessionCookieName,
  };
}

/**
 * The `base_url` part of the session cache key. For the default context path `/hac` it is the bare
 * origin, exactly what the Python tool uses, so cache files are shared with it; any other context path
 * is appended (`/` for the root) so sessions of different HAC web apps on one server never mix.
 */
export function sessionBaseUrl(baseUrl: string, hacPath: string): string {
  if (hacPath === DEFAULT_HAC_PATH) return baseUrl;
  return `${baseUrl}${hacPath === '' ? '/' : hacPath}`;
}
