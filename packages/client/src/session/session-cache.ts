/**
 * What the session transport asks of the cache: read a session, log in under the cross-process
 * lock, save what changed. The cache is an optimisation: whatever goes wrong with it (a directory that
 * cannot be trusted, a full disk, a lock that cannot be created) is said once through the warning
 * channel and the call goes on without it. The file is written only when the session changes (login,
 * new CSRF token or cookie) and to record `last_used_at`, at most every `LAST_USED_INTERVAL_S`.
 */
import { errorCode } from './cache-fs.js';
import { UnsafeCacheDirError } from '../errors.js';
import { SessionStore } from './cache-store.js';
import { warn, type SessionContext } from './context.js';
import { acquireLock, hostname, type HeldLock, type LockHolder } from './file-lock.js';
import { nowSeconds, type StoredSession } from './session-types.js';

/** `last_used_at` is rewritten at most this often (seconds) when nothing else about the session changed. */
export const LAST_USED_INTERVAL_S = 5;
/** How long a call waits before it says that it waits for another process's login. */
const LONG_WAIT_NOTICE_MS = 2000;
/** How long saving a changed session may wait for another process's lock before giving up. */
const CHANGE_LOCK_WAIT_MS = 2000;

export type CacheKey = [baseUrl: string, username: string, environment: string];

/** The lock a login holds; `undefined` when logging in without the cache. */
export interface LoginLock {
  waited: boolean;
  /** The session file's real path (the failure marker lives beside it). */
  realPath: string;
  /** When this process started to wait for the lock (ms): failures recorded since then count. */
  since: number;
}

/** `ENOSPC: no space left on device` from `ENOSPC: no space left on device, open '/…'`. */
function describe(error: unknown): string {
  if (error instanceof UnsafeCacheDirError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return errorCode(error) ? message.split(',')[0]! : message;
}

export class SessionCache {
  readonly #ctx: SessionContext;
  readonly #store: SessionStore | undefined;
  #usable: Promise<boolean> | undefined;
  readonly #warned = new Set<string>();
  /** The `last_used_at` this process knows to be in the file, per session object. */
  readonly #persistedUse = new WeakMap<StoredSession, number>();
  #writes: Promise<unknown> = Promise.resolve();

  constructor(ctx: SessionContext) {
    this.#ctx = ctx;
    this.#store = ctx.options.sessionPersistence ? new SessionStore(ctx.options.cacheDir, (line) => ctx.http.debug(line)) : undefined;
  }

  get enabled(): boolean {
    return this.#store !== undefined;
  }

  /** Path of the session file of `key` (`''` without session persistence). */
  path(key: CacheKey): string {
    return this.#store ? this.#store.path(...key) : '';
  }

  #warnOnce(kind: string, message: string): void {
    if (this.#warned.has(kind)) return;
    this.#warned.add(kind);
    warn(this.#ctx, message);
  }

  #trouble(error: unknown): void {
    this.#ctx.http.debug(`session: session cache trouble: ${describe(error)}`);
    this.#warnOnce('write', `could not write the session cache in ${this.#ctx.options.cacheDir} (${describe(error)}); calls go on without saving the session`);
  }

  /** Whether the cache directory may be used; when not, says so once. */
  usable(): Promise<boolean> {
    const store = this.#store;
    if (!store) return Promise.resolve(false);
    this.#usable ??= store.prepare().then(
      () => true,
      (error: unknown) => {
        const reason = error instanceof UnsafeCacheDirError ? error.message : `${store.dir}: ${describe(error)}`;
        this.#ctx.http.debug(`session: session cache not usable: ${reason}`);
        this.#warnOnce('dir', `session cache not used: ${reason}; calls go on without it (each process logs in)`);
        return false;
      },
    );
    return this.#usable;
  }

  /** The cached session of `key`, or `null` (also when the cache cannot be read). */
  async read(key: CacheKey): Promise<StoredSession | null> {
    if (!this.#store || !(await this.usable())) return null;
    try {
      const session = await this.#store.read(...key);
      if (session) this.#persistedUse.set(session, session.lastUsedAt);
      return session;
    } catch (error) {
      this.#ctx.http.debug(`session: could not read the session cache: ${describe(error)}`);
      return null;
    }
  }

  /**
   * Runs a login (`fn`) holding the lock of `key`, so that concurrent processes log in once between
   * them. Without a usable cache, or when the lock cannot be created (full disk), `fn` runs without it.
   */
  async underLoginLock<T>(key: CacheKey, signal: AbortSignal, fn: (lock: LoginLock | undefined) => Promise<T>): Promise<T> {
    const store = this.#store;
    if (!store || !(await this.usable())) return fn(undefined);
    const since = Date.now();
    let realPath: string;
    let held: HeldLock;
    try {
      realPath = await store.realPath(...key);
      const lockPath = `${realPath}.lock`;
      held = (await acquireLock(lockPath, {
        staleMs: this.#lockStaleMs(),
        signal,
        noticeAfterMs: LONG_WAIT_NOTICE_MS,
        onWaitStart: (holder) => this.#ctx.http.debug(`session: waiting for ${holderText(holder)} (session lock ${lockPath})`),
        onLongWait: (holder) =>
          warn(
            this.#ctx,
            `waiting for ${holderText(holder)} to finish logging in as ${key[1]} (session lock ${lockPath}; ` +
              `taken as abandoned after ${Math.round(this.#lockStaleMs() / 1000)} s)`,
          ),
      }))!;
    } catch (error) {
      if (signal.aborted) {
        this.#ctx.http.debug('session: stopped waiting for the session lock (aborted)');
        throw error;
      }
      this.#trouble(error);
      return fn(undefined);
    }
    try {
      return await fn({ waited: held.waited, realPath, since });
    } finally {
      await held.release();
    }
  }

  /**
   * How old a lock of a live holder may get before it counts as abandoned: longer than the slowest
   * login (three requests, each allowed `timeoutMs`, plus GET retries), else a slow but healthy
   * login would be broken into and a second process would log in too. A holder that died on this
   * host, or a lock file that is not a live lock, is noticed at once whatever its age.
   */
  #lockStaleMs(): number {
    return 4 * this.#ctx.options.timeoutMs + 30_000;
  }

  /** Under the login lock: removes the dead session `sessionId` if the file still holds it. */
  async removeDead(key: CacheKey, sessionId: string): Promise<void> {
    await this.#store?.remove(...key, sessionId).catch((error: unknown) => this.#trouble(error));
  }

  loginFailedSince(lock: LoginLock): Promise<string | undefined> {
    return this.#store ? this.#store.loginFailedSince(lock.realPath, lock.since) : Promise.resolve(undefined);
  }

  async markLoginFailed(lock: LoginLock, message: string): Promise<void> {
    await this.#store?.markLoginFailed(lock.realPath, message);
  }

  /** Under the login lock: saves the session a login just created. */
  async saveLogin(lock: LoginLock, session: StoredSession): Promise<void> {
    const store = this.#store;
    if (!store) return;
    try {
      await store.write(session);
      this.#persistedUse.set(session, session.lastUsedAt);
    } catch (error) {
      this.#trouble(error);
    }
    await store.clearLoginFailure(lock.realPath);
  }

  /** Removes the cached session of `key` (logout). */
  async remove(key: CacheKey): Promise<void> {
    if (!this.#store || !(await this.usable())) return;
    await this.#store.remove(...key).catch((error: unknown) => this.#trouble(error));
  }

  /**
   * Records a successful use of `session`. `replacedId` (the session id before the answer's cookies
   * were taken) means the session changed: it is saved now, if the file still holds it (a session
   * cleared or replaced by another process is not brought back). Otherwise only `last_used_at` is
   * refreshed, at most every `LAST_USED_INTERVAL_S`, and skipped while another process holds the lock.
   */
  async recordUse(session: StoredSession, replacedId?: string): Promise<void> {
    const now = nowSeconds();
    session.lastUsedAt = now;
    const store = this.#store;
    if (!store) return;
    const changed = replacedId !== undefined;
    if (!changed && now - (this.#persistedUse.get(session) ?? 0) < LAST_USED_INTERVAL_S) return;
    // Claimed before the write, so that concurrent calls of this process do not all write.
    const previous = this.#persistedUse.get(session);
    this.#persistedUse.set(session, now);
    const write = this.#writes.then(async () => {
      if (!(await this.usable())) return;
      const key: CacheKey = [session.baseUrl, session.username, session.environment];
      const lock = await acquireLock(`${await store.realPath(...key)}.lock`, {
        staleMs: this.#lockStaleMs(),
        wait: changed,
        ...(changed ? { signal: AbortSignal.timeout(CHANGE_LOCK_WAIT_MS) } : {}),
      }).catch((error: unknown) => {
        if ((error as Error | undefined)?.name !== 'TimeoutError') throw error;
        return null;
      });
      if (!lock) {
        this.#ctx.http.debug('session: another process holds the session lock; not saving now');
        // Not written: the next call tries again.
        if (this.#persistedUse.get(session) === now) this.#persistedUse.set(session, previous ?? 0);
        return;
      }
      try {
        const onDisk = await store.read(...key);
        if (changed) {
          if (onDisk && (onDisk.sessionId === replacedId || onDisk.sessionId === session.sessionId)) await store.write(session);
        } else if (onDisk?.sessionId === session.sessionId) {
          // The file's own values are kept: another process may have stored a newer token.
          await store.write({ ...onDisk, lastUsedAt: now });
        }
      } finally {
        await lock.release();
      }
    });
    this.#writes = write.catch((error: unknown) => this.#trouble(error));
    await this.#writes;
  }
}

function holderText(holder: LockHolder): string {
  return `another hac process (pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`})`;
}
