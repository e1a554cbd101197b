/**
 * Public access to the session cache, for tools that list, import or clear sessions (`hac session …`).
 * Keys and file format are those of the Python tool; see `sessionBaseUrl` for the context path.
 * `touchSession` reads and rewrites under the lock a login takes, so it never puts back a session
 * another process has just replaced.
 */
import { HacClientError } from '../errors.js';
import { KeptUntilRejected, loadImplementation } from '../internal/lazy.js';
import { defaultCacheDir, DEFAULT_HAC_PATH, sessionBaseUrl } from '../options.js';
import { sessionFilePath } from './cache-file-names.js';
import type { SessionStore } from './cache-store.js';
import { normalizeRouteCookie, nowSeconds, sessionValuesProblem, type StoredSession } from './session-types.js';

export interface SessionManagerOptions {
  /** @default `~/.cache/hac-client`, the Python tool's directory (`XDG_CACHE_HOME` does not move it) */
  cacheDir?: string;
}

/** Which cached sessions `listSessions` returns: every given field must match. */
export interface SessionListFilter {
  /** Base URL without context path; compared after folding in `hacPath` as the cache key does. */
  baseUrl?: string;
  /** @default '/hac' (only used with `baseUrl`) */
  hacPath?: string;
  username?: string;
  environment?: string;
}

/** What `saveSession` needs, e.g. cookies and token copied from a browser's developer tools. */
export interface SessionInput {
  /** Base URL without context path (`https://localhost:9002`). */
  baseUrl: string;
  username: string;
  /** @default 'local' */
  environment?: string;
  /** @default '/hac' */
  hacPath?: string;
  /** The `JSESSIONID` value. */
  sessionId: string;
  /** The CSRF token (`<meta name="_csrf">` of any HAC page). */
  csrfToken: string;
  /** `ROUTE` cookie, as `value` or `ROUTE=value`. */
  routeCookie?: string | null;
  /** Unix seconds. @default now */
  createdAt?: number;
}

/** A cached session with derived ages, as listed by `listSessions()`. Contains no secrets. */
export class SessionMetadata {
  readonly environment: string;
  /** The key's base URL: the origin, plus the context path when it is not `/hac`. */
  readonly baseUrl: string;
  readonly username: string;
  readonly hasRoute: boolean;
  /** Unix seconds. */
  readonly createdAt: number;
  /** Unix seconds. */
  readonly lastUsedAt: number;
  /** Where the session file lives (`''` for a client without session persistence). */
  readonly path: string;

  constructor(session: StoredSession, path: string) {
    this.environment = session.environment;
    this.baseUrl = session.baseUrl;
    this.username = session.username;
    this.hasRoute = session.routeCookie !== null;
    this.createdAt = session.createdAt;
    this.lastUsedAt = session.lastUsedAt;
    this.path = path;
  }

  get ageSeconds(): number {
    return Math.max(0, nowSeconds() - this.createdAt);
  }

  get idleSeconds(): number {
    return Math.max(0, nowSeconds() - this.lastUsedAt);
  }

  /** `YYYY-MM-DD HH:MM:SS`, local time (as the Python tool prints it). */
  get createdAtFormatted(): string {
    return formatLocal(this.createdAt);
  }

  get lastUsedAtFormatted(): string {
    return formatLocal(this.lastUsedAt);
  }

  toJSON(): Record<string, unknown> {
    return {
      environment: this.environment,
      baseUrl: this.baseUrl,
      username: this.username,
      hasRoute: this.hasRoute,
      createdAt: this.createdAt,
      lastUsedAt: this.lastUsedAt,
      createdAtFormatted: this.createdAtFormatted,
      lastUsedAtFormatted: this.lastUsedAtFormatted,
      ageSeconds: this.ageSeconds,
      idleSeconds: this.idleSeconds,
    };
  }
}

function formatLocal(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Trailing slashes removed, then the context path folded in as `HacClient` does. */
function cacheBaseUrl(baseUrl: string, hacPath: string = DEFAULT_HAC_PATH): string {
  return sessionBaseUrl(baseUrl.trim().replace(/\/+$/, ''), hacPath === '/' ? '' : hacPath);
}

/** A file system failure as one line (`… (ENOSPC: no space left on device)`), or the cache's own error. */
function cacheError(dir: string, error: unknown): HacClientError {
  if (error instanceof HacClientError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new HacClientError(`session cache ${dir}: ${code ? message.split(',')[0]! : message}`, { cause: error });
}

export class SessionManager {
  readonly #dir: string;
  /**
   * The store and the lock, loaded with the implementation by the first method that reads or writes;
   * a failed load is tried again by the next method, not kept for the manager's life.
   */
  readonly #cache = new KeptUntilRejected(() =>
    loadImplementation().then(({ SessionStore, withFileLock }) => ({ store: new SessionStore(this.#dir), withFileLock })),
  );

  constructor(options: SessionManagerOptions = {}) {
    this.#dir = options.cacheDir ?? defaultCacheDir();
  }

  get cacheDir(): string {
    return this.#dir;
  }

  async #do<T>(work: (store: SessionStore) => Promise<T>): Promise<T> {
    try {
      return await work((await this.#cache.get()).store);
    } catch (error) {
      throw cacheError(this.#dir, error);
    }
  }

  /** Runs `work` holding the lock a login of this key would take. */
  async #locked<T>(store: SessionStore, key: [string, string, string], work: () => Promise<T>): Promise<T> {
    const { withFileLock } = await this.#cache.get();
    return withFileLock(`${await store.realPath(...key)}.lock`, work);
  }

  /** Path of the cache file for this key (it may not exist). */
  sessionPath(baseUrl: string, username: string, environment = 'local', hacPath: string = DEFAULT_HAC_PATH): string {
    return sessionFilePath(this.#dir, cacheBaseUrl(baseUrl, hacPath), username, environment);
  }

  /**
   * The cached session (secrets included: handle with care), or `null`. Throws a `HacClientError`
   * when the cache directory cannot be trusted (not the user's own, or open to other users).
   */
  loadSession(baseUrl: string, username: string, environment = 'local', hacPath: string = DEFAULT_HAC_PATH): Promise<StoredSession | null> {
    return this.#do((store) => store.read(cacheBaseUrl(baseUrl, hacPath), username, environment));
  }

  /**
   * Saves (or replaces) a session, e.g. one imported from a browser. Throws a `TypeError` naming the
   * value when the session id, CSRF token or ROUTE cookie could not be sent (see `sessionValuesProblem`).
   */
  async saveSession(input: SessionInput): Promise<SessionMetadata> {
    if (!input.sessionId || !input.csrfToken) throw new TypeError('saveSession: sessionId and csrfToken are required');
    const now = nowSeconds();
    const session: StoredSession = {
      sessionId: input.sessionId.trim().replace(/^JSESSIONID=/i, ''),
      csrfToken: input.csrfToken.trim(),
      routeCookie: input.routeCookie ? normalizeRouteCookie(input.routeCookie) : null,
      environment: input.environment ?? 'local',
      baseUrl: cacheBaseUrl(input.baseUrl, input.hacPath),
      username: input.username,
      createdAt: input.createdAt ?? now,
      lastUsedAt: now,
      isAuthenticated: true,
    };
    const problem = sessionValuesProblem(session);
    if (problem) throw new TypeError(`saveSession: ${problem}`);
    // A blind atomic replace: no lock needed (a login saving at the same time simply wins or loses whole).
    await this.#do((store) => store.write(session));
    return new SessionMetadata(session, sessionFilePath(this.#dir, session.baseUrl, session.username, session.environment));
  }

  /** Marks a cached session as used now. Returns `false` when there is none. */
  async touchSession(baseUrl: string, username: string, environment = 'local', hacPath: string = DEFAULT_HAC_PATH): Promise<boolean> {
    const key: [string, string, string] = [cacheBaseUrl(baseUrl, hacPath), username, environment];
    return this.#do((store) =>
      this.#locked(store, key, async () => {
        const session = await store.read(...key);
        if (!session) return false;
        await store.write({ ...session, lastUsedAt: nowSeconds() });
        return true;
      }),
    );
  }

  /** Deletes a cached session. Returns whether a file was deleted. */
  removeSession(baseUrl: string, username: string, environment = 'local', hacPath: string = DEFAULT_HAC_PATH): Promise<boolean> {
    return this.#do((store) => store.remove(cacheBaseUrl(baseUrl, hacPath), username, environment));
  }

  /**
   * Cached sessions, most recently used first: every one, or those matching `filter` (e.g. a target's
   * sessions whatever the user: `{ baseUrl, environment }`). Reads each file of the cache once.
   */
  async listSessions(filter: SessionListFilter = {}): Promise<SessionMetadata[]> {
    const { baseUrl, hacPath, username, environment } = filter;
    const sessions = await this.#do((store) =>
      store.list({
        ...(baseUrl !== undefined ? { baseUrl: cacheBaseUrl(baseUrl, hacPath) } : {}),
        ...(username !== undefined ? { username } : {}),
        ...(environment !== undefined ? { environment } : {}),
      }),
    );
    return sessions
      .map(({ session, path }) => new SessionMetadata(session, path))
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt);
  }

  /** Deletes every cached session; returns how many were deleted. */
  clearAllSessions(): Promise<number> {
    return this.#do((store) => store.clear());
  }
}
