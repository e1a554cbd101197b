/**
 * The session layer around the HTTP layer: it obtains a session (memory, then cache file, then a
 * form login under a cross-process lock), attaches it to every request, and when Spring Security
 * provably rejected the session, logs in again and replays that one request once. A warm call costs
 * exactly one HTTP request; nothing else is ever repeated.
 */
import type { Credentials } from '../auth.js';
import { HacAuthenticationError } from '../errors.js';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { raceSignal } from '../internal/abort.js';
import type { HttpLayer } from '../internal/http.js';
import { extractCsrfToken } from '../internal/html.js';
import type { HacRequest, HacResponse, HacTransport } from '../internal/transport.js';
import { sessionBaseUrl } from '../options.js';
import { SessionStore } from './cache-store.js';
import type { SessionContext } from './context.js';
import { absorbCookies, freshSessionRejected, isRejected, sendWithSession, toHacResponse } from './exchange.js';
import { withFileLock } from './file-lock.js';
import { formLogin } from './form-login.js';
import { nowSeconds, type StoredSession } from './session-types.js';

interface Acquired {
  session: StoredSession;
  /** Created by a login this process just performed: a rejection of it is not retried. */
  fresh: boolean;
}

export class SessionTransport implements HacTransport {
  readonly #ctx: SessionContext;
  readonly #store: SessionStore | undefined;
  #username: Promise<string> | undefined;
  /** What `getCredentials()` returned to name the user: it serves the first login, so a prompt is not shown twice. */
  #probed: Credentials | undefined;
  #current: Acquired | undefined;
  #pending: Promise<Acquired> | undefined;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(ctx: SessionContext) {
    this.#ctx = ctx;
    this.#store = ctx.options.sessionPersistence ? new SessionStore(ctx.options.cacheDir) : undefined;
  }

  get #http(): HttpLayer {
    return this.#ctx.http;
  }

  /** The username the session is keyed by: the handler's `username`, else from `getCredentials()`. */
  username(): Promise<string> {
    const handler = this.#ctx.options.authHandler;
    this.#username ??= handler.username
      ? Promise.resolve(handler.username)
      : Promise.resolve(handler.getCredentials()).then((credentials) => {
          this.#probed = credentials;
          return credentials.username;
        });
    return this.#username;
  }

  async #key(): Promise<[string, string, string]> {
    const { baseUrl, hacPath, environment } = this.#ctx.options;
    return [sessionBaseUrl(baseUrl, hacPath), await this.username(), environment];
  }

  async send(request: HacRequest): Promise<HacResponse> {
    const first = await raceSignal(this.#acquire(), request.signal);
    let used = first.session;
    let res = await sendWithSession(this.#ctx, request, used);
    if (isRejected(res, request)) {
      if (first.fresh) throw freshSessionRejected(this.#ctx, request, res, await this.username());
      this.#http.debug(`session: rejected (HTTP ${res.status}) on ${request.method} ${res.url}; logging in again and replaying once`);
      const second = await raceSignal(this.#renew(first), request.signal);
      used = second.session;
      res = await sendWithSession(this.#ctx, request, used);
      if (isRejected(res, request)) throw freshSessionRejected(this.#ctx, request, res, await this.username());
    }
    const response = toHacResponse(this.#ctx, request, res);
    const changed = absorbCookies(this.#ctx, used, res);
    await this.#touch(used, changed);
    return response;
  }

  /** Explicit login: validates the cached (or in-memory) session with one GET, else logs in. */
  async login(signal?: AbortSignal): Promise<void> {
    const previous = this.#current;
    const prior = this.#pending;
    this.#current = undefined;
    // Registered synchronously, so that calls made meanwhile join this login instead of starting one.
    const task = this.#share(
      (async () => {
        await prior?.catch(() => undefined);
        this.#current = undefined;
        return this.#establish({ validate: true, candidate: previous?.session, avoid: new Set() });
      })(),
    );
    await raceSignal(task, signal);
  }

  /** Ends the server session (best effort) and removes the cached session. */
  async logout(signal?: AbortSignal): Promise<void> {
    const inMemory = this.#current?.session;
    this.#current = undefined;
    const key = this.#store ? await this.#key() : undefined;
    const session = inMemory ?? (this.#store && key ? await this.#store.read(...key) : null);
    try {
      if (session) {
        // The answer (a redirect to the login page) is not judged: logout is best effort.
        const request: HacRequest = { method: 'POST', path: '/j_spring_security_logout', form: { _csrf: session.csrfToken }, expect: 'html' };
        if (signal) request.signal = signal;
        await sendWithSession(this.#ctx, request, session);
        this.#http.debug('session: logged out');
      }
    } finally {
      if (this.#store && key) await this.#store.remove(...key);
    }
  }

  /** The current session (memory), or the cached one: `null` when none. For status displays. */
  async cachedSession(): Promise<StoredSession | null> {
    if (this.#current) return this.#current.session;
    return this.#store ? this.#readCache(this.#store, await this.#key()) : null;
  }

  /** Path of this client's session file (`''` without session persistence). */
  async cachePath(): Promise<string> {
    return this.#store ? this.#store.path(...(await this.#key())) : '';
  }

  #acquire(): Promise<Acquired> {
    if (this.#current) return Promise.resolve({ session: this.#current.session, fresh: false });
    return this.#pending ?? this.#share(this.#establish({ validate: false, candidate: undefined, avoid: new Set() }));
  }

  /** A new session after `dead` was rejected; concurrent callers share one renewal. */
  #renew(dead: Acquired): Promise<Acquired> {
    if (this.#current && this.#current.session !== dead.session) return Promise.resolve(this.#current);
    if (this.#pending) return this.#pending;
    this.#current = undefined;
    return this.#share(this.#establish({ validate: false, candidate: undefined, avoid: new Set([dead.session.sessionId]) }));
  }

  /** Makes `task` the one in-flight session attempt that concurrent callers join. */
  #share(task: Promise<Acquired>): Promise<Acquired> {
    const shared: Promise<Acquired> = task.finally(() => {
      if (this.#pending === shared) this.#pending = undefined;
    });
    this.#pending = shared;
    return shared;
  }

  async #establish(mode: { validate: boolean; candidate: StoredSession | undefined; avoid: Set<string> }): Promise<Acquired> {
    const key = await this.#key();
    const store = this.#store;
    const known = store ? await this.#readCache(store, key) : (mode.candidate ?? null);
    if (known && !mode.avoid.has(known.sessionId)) {
      this.#ctx.redactor.add(known.sessionId, known.csrfToken, known.routeCookie);
      if (!mode.validate) {
        this.#http.debug('session: using the cached session');
        return this.#adopt(known, false);
      }
      if (await this.#validate(known)) {
        this.#http.debug('session: cached session is valid');
        if (store) await this.#write(store, known);
        return this.#adopt(known, false);
      }
      this.#http.debug('session: cached session is no longer valid; replacing it');
      mode.avoid.add(known.sessionId);
    }
    if (!store || !(await this.#cacheUsable(store))) return this.#adopt(await this.#freshLogin(key), true);
    const path = store.path(...key);
    const waitStarted = Date.now();
    return withFileLock(`${path}.lock`, async (waited) => {
      // Another process may have logged in while we waited for (or raced to) the lock: use its session.
      const again = await this.#readCache(store, key);
      if (again && !mode.avoid.has(again.sessionId)) {
        this.#ctx.redactor.add(again.sessionId, again.csrfToken, again.routeCookie);
        this.#http.debug(`session: using the session another process just saved${waited ? ' (waited for its login)' : ''}`);
        return this.#adopt(again, false);
      }
      // The dead session goes only now, under the lock: removed before it, the check-then-delete could
      // delete the fresh session another process had just saved (and make the next process log in too).
      if (again) await store.remove(...key, again.sessionId).catch((error: unknown) => this.#cacheTrouble(error));
      // The process we waited for was refused: the same credentials would be refused again.
      const failure = waited ? await store.loginFailedSince(path, waitStarted) : undefined;
      if (failure) throw new HacAuthenticationError(failure);
      let session: StoredSession;
      try {
        session = await this.#freshLogin(key);
      } catch (error) {
        if (error instanceof HacAuthenticationError) await store.markLoginFailed(path, error.message);
        throw error;
      }
      await store.write(session).catch((error: unknown) => this.#cacheTrouble(error));
      await store.clearLoginFailure(path);
      return this.#adopt(session, true);
    }, { staleMs: this.#lockStaleMs() });
  }

  /**
   * How old a lock of a live holder may get before it counts as abandoned: longer than the slowest
   * login (three requests, each allowed `timeoutMs`, plus GET retries), else a slow but healthy
   * login would be broken into and a second process would log in too. A holder that died on this
   * host is noticed at once by its pid, whatever its age.
   */
  #lockStaleMs(): number {
    return 4 * this.#ctx.options.timeoutMs + 30_000;
  }

  /*
   * The cache is an optimisation: an unreadable or unwritable cache directory (read-only home,
   * permissions) degrades to logging in per process, it never fails a call.
   */
  #cacheTrouble(error: unknown): void {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
    this.#http.debug(`session: session cache in ${this.#ctx.options.cacheDir} not usable (${code}); continuing without it`);
  }

  async #readCache(store: SessionStore, key: [string, string, string]): Promise<StoredSession | null> {
    try {
      return await store.read(...key);
    } catch (error) {
      this.#cacheTrouble(error);
      return null;
    }
  }

  async #cacheUsable(store: SessionStore): Promise<boolean> {
    try {
      await store.ensureDir();
      await access(store.dir, constants.W_OK);
      return true;
    } catch (error) {
      this.#cacheTrouble(error);
      return false;
    }
  }

  #adopt(session: StoredSession, fresh: boolean): Acquired {
    // A session is at hand: the password is not kept for a later login.
    this.#probed = undefined;
    const acquired = { session, fresh };
    this.#current = acquired;
    return acquired;
  }

  async #freshLogin([baseUrl, username, environment]: [string, string, string]): Promise<StoredSession> {
    const probed = this.#probed;
    this.#probed = undefined;
    const credentials = probed ?? (await this.#ctx.options.authHandler.getCredentials());
    if (credentials.username !== username) {
      throw new HacAuthenticationError(`The auth handler's username '${credentials.username}' differs from its declared username '${username}'`);
    }
    const result = await formLogin(this.#ctx, username, credentials.password);
    const now = nowSeconds();
    return { ...result, environment, baseUrl, username, createdAt: now, lastUsedAt: now, isAuthenticated: true };
  }

  /** One GET of `<ctx>/`: the dashboard means valid (and refreshes the token); the login page means dead. */
  async #validate(session: StoredSession): Promise<boolean> {
    const home: HacRequest = { method: 'GET', path: '/', expect: 'html' };
    const res = await sendWithSession(this.#ctx, home, session);
    if (isRejected(res, home)) return false;
    // Any other failure status or redirect is thrown, not taken for a dead session.
    toHacResponse(this.#ctx, home, res);
    absorbCookies(this.#ctx, session, res);
    const token = extractCsrfToken(res.body.toString('utf8'));
    if (token && token !== session.csrfToken) {
      this.#ctx.redactor.add(token);
      session.csrfToken = token;
    }
    return true;
  }

  /**
   * Records the use (`last_used_at`) without any request. The file is only rewritten while it still
   * holds this session, so a session cleared or replaced by another process is not resurrected.
   */
  async #touch(session: StoredSession, changed: boolean): Promise<void> {
    session.lastUsedAt = nowSeconds();
    const store = this.#store;
    if (!store) return;
    const write = this.#writes.then(async () => {
      const onDisk = await store.read(session.baseUrl, session.username, session.environment);
      if (onDisk?.sessionId === session.sessionId || (changed && onDisk !== null)) await store.write(session);
    });
    this.#writes = write.catch((error: unknown) => this.#http.debug(`session: could not update the cache file: ${String(error)}`));
    await this.#writes;
  }

  #write(store: SessionStore, session: StoredSession): Promise<void> {
    const write = this.#writes.then(() => store.write(session));
    this.#writes = write.catch((error: unknown) => this.#http.debug(`session: could not write the cache file: ${String(error)}`));
    return this.#writes.then(() => undefined);
  }
}

