/**
 * The session layer around the HTTP layer: it obtains a session (memory, then cache file, then a
 * form login under a cross-process lock), attaches it to every request, and when Spring Security
 * provably rejected the session, logs in again and replays that one request once. A warm call costs
 * exactly one HTTP request; nothing else is ever repeated.
 */
import type { Credentials } from '../auth.js';
import { HacAuthenticationError } from '../errors.js';
import { raceSignal } from '../internal/abort.js';
import type { HttpLayer, RawResponse } from '../internal/http.js';
import { extractCsrfToken } from '../internal/html.js';
import type { HacRequest, HacResponse, HacStreamResponse, HacTransport } from '../internal/transport.js';
import { sessionBaseUrl } from '../options.js';
import type { SessionContext } from './context.js';
import {
  absorbCookies,
  callTimeout,
  freshSessionRejected,
  isRejected,
  openWithSession,
  sendWithSession,
  toHacResponse,
  type OpenedAnswer,
} from './exchange.js';
import { formLogin } from './form-login.js';
import { SessionCache, type CacheKey } from './session-cache.js';
import { nowSeconds, type StoredSession } from './session-types.js';

interface Acquired {
  session: StoredSession;
  /** Created by a login this process just performed: a rejection of it is not retried. */
  fresh: boolean;
}

/**
 * The one in-flight attempt to obtain a session, shared by concurrent callers. It stops (lock wait,
 * login) when every caller waiting for it has aborted; a caller without a signal keeps it going.
 */
interface Pending {
  promise: Promise<Acquired>;
  controller: AbortController;
  /** Callers still waiting that can abort; `Infinity` once one that cannot has joined. */
  holders: number;
}

interface EstablishMode {
  validate: boolean;
  candidate: StoredSession | undefined;
  avoid: Set<string>;
}

export class SessionTransport implements HacTransport {
  readonly #ctx: SessionContext;
  readonly #cache: SessionCache;
  #username: Promise<string> | undefined;
  /** What `getCredentials()` returned to name the user: it serves the first login, so a prompt is not shown twice. */
  #probed: Credentials | undefined;
  #current: Acquired | undefined;
  #pending: Pending | undefined;

  constructor(ctx: SessionContext) {
    this.#ctx = ctx;
    this.#cache = new SessionCache(ctx);
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

  async #key(): Promise<CacheKey> {
    const { baseUrl, hacPath, environment } = this.#ctx.options;
    return [sessionBaseUrl(baseUrl, hacPath), await this.username(), environment];
  }

  async send(request: HacRequest): Promise<HacResponse> {
    const { answer, used } = await this.#exchange(request, async (session) => ({ res: await sendWithSession(this.#ctx, request, session) }));
    const response = toHacResponse(this.#ctx, request, answer.res);
    await this.#absorb(used, answer.res, request);
    return response;
  }

  /**
   * `send` with the body handed over as it arrives: the same session handling and replay (only an
   * answer that is not a JSON object can be a rejection, and such an answer is read whole and
   * judged as `send` judges it), for JSON answers inside the context path; an `idempotent` request
   * is retried as `send` retries it only until the answer's head arrived.
   */
  async stream(request: HacRequest): Promise<HacStreamResponse> {
    const { answer, used } = await this.#exchange(request, (session) => openWithSession(this.#ctx, request, session));
    const { res, live } = answer;
    if (!live) {
      const response = toHacResponse(this.#ctx, request, res);
      await this.#absorb(used, res, request);
      return {
        status: response.status,
        get url() {
          return response.url;
        },
        headers: response.headers,
        body: bodyOf(response.body),
        cancel: () => undefined,
      };
    }
    try {
      await this.#absorb(used, res, request);
    } catch (error) {
      live.cancel();
      throw error;
    }
    const redactor = this.#ctx.redactor;
    let url: string | undefined;
    return {
      status: res.status,
      // Redacted when read (an error names it): see `toHacResponse`.
      get url() {
        return (url ??= redactor.url(res.url));
      },
      // Session cookies stay inside the session layer.
      headers: res.headers.without('set-cookie'),
      body: live.chunks(),
      cancel: () => live.cancel(),
    };
  }

  /**
   * One exchange inside a session: the session is obtained, the request sent; when Spring Security
   * provably rejected the session, a new one is obtained and the request sent once more.
   */
  async #exchange<T extends OpenedAnswer>(request: HacRequest, attempt: (session: StoredSession) => Promise<T>): Promise<{ answer: T; used: StoredSession }> {
    // A bad per-call option fails before any request (a login included).
    callTimeout(this.#ctx, request);
    const first = await this.#acquire(request.signal);
    let used = first.session;
    let answer = await attempt(used);
    if (!answer.live && isRejected(answer.res, request)) {
      const res = answer.res;
      if (first.fresh) throw freshSessionRejected(this.#ctx, request, res, await this.username());
      this.#http.debug(`session: rejected (HTTP ${res.status}) on ${request.method} ${res.url}; logging in again and replaying once`);
      const second = await this.#renew(first, request.signal);
      used = second.session;
      answer = await attempt(used);
      if (!answer.live && isRejected(answer.res, request)) throw freshSessionRejected(this.#ctx, request, answer.res, await this.username());
    }
    return { answer, used };
  }

  /** Cookie updates of an accepted answer, and the session's use, recorded in the cache. */
  async #absorb(used: StoredSession, res: RawResponse, request: HacRequest): Promise<void> {
    const before = used.sessionId;
    const changed = absorbCookies(this.#ctx, used, res, request);
    await this.#cache.recordUse(used, changed ? before : undefined);
  }

  /** Explicit login: validates the cached (or in-memory) session with one GET, else logs in. */
  async login(signal?: AbortSignal): Promise<void> {
    const previous = this.#current;
    const prior = this.#pending?.promise;
    this.#current = undefined;
    // Registered synchronously, so that calls made meanwhile join this login instead of starting one.
    const pending = this.#share(async (stop) => {
      await prior?.catch(() => undefined);
      this.#current = undefined;
      return this.#establish({ validate: true, candidate: previous?.session, avoid: new Set() }, stop);
    });
    await this.#join(pending, signal);
  }

  /** Ends the server session (best effort) and removes the cached session. */
  async logout(signal?: AbortSignal): Promise<void> {
    const inMemory = this.#current?.session;
    this.#current = undefined;
    const key = this.#cache.enabled ? await this.#key() : undefined;
    const session = inMemory ?? (key ? await this.#cache.read(key) : null);
    try {
      if (session) {
        // The answer (a redirect to the login page) is not judged: logout is best effort.
        const request: HacRequest = { method: 'POST', path: '/j_spring_security_logout', form: { _csrf: session.csrfToken }, expect: 'html' };
        if (signal) request.signal = signal;
        await sendWithSession(this.#ctx, request, session);
        this.#http.debug('session: logged out');
      }
    } finally {
      if (key) await this.#cache.remove(key);
    }
  }

  /** The current session (memory), or the cached one: `null` when none. For status displays. */
  async cachedSession(): Promise<StoredSession | null> {
    if (this.#current) return this.#current.session;
    return this.#cache.enabled ? this.#cache.read(await this.#key()) : null;
  }

  /** Path of this client's session file (`''` without session persistence). */
  async cachePath(): Promise<string> {
    return this.#cache.enabled ? this.#cache.path(await this.#key()) : '';
  }

  #acquire(signal: AbortSignal | undefined): Promise<Acquired> {
    if (this.#current) return Promise.resolve({ session: this.#current.session, fresh: false });
    const pending = this.#pending ?? this.#share((stop) => this.#establish({ validate: false, candidate: undefined, avoid: new Set() }, stop));
    return this.#join(pending, signal);
  }

  /** A new session after `dead` was rejected; concurrent callers share one renewal. */
  #renew(dead: Acquired, signal: AbortSignal | undefined): Promise<Acquired> {
    if (this.#current && this.#current.session !== dead.session) return Promise.resolve(this.#current);
    if (!this.#pending) {
      this.#current = undefined;
      this.#share((stop) => this.#establish({ validate: false, candidate: undefined, avoid: new Set([dead.session.sessionId]) }, stop));
    }
    return this.#join(this.#pending!, signal);
  }

  /** Makes `run` the one in-flight session attempt that concurrent callers join. */
  #share(run: (stop: AbortSignal) => Promise<Acquired>): Pending {
    const controller = new AbortController();
    const pending: Pending = { promise: Promise.resolve() as unknown as Promise<Acquired>, controller, holders: 0 };
    pending.promise = run(controller.signal).finally(() => {
      if (this.#pending === pending) this.#pending = undefined;
    });
    // Nobody may be waiting any more when it fails (all aborted): not an unhandled rejection.
    pending.promise.catch(() => undefined);
    this.#pending = pending;
    return pending;
  }

  /** Waits for `pending` as one of its callers; the last caller to abort stops it. */
  #join(pending: Pending, signal: AbortSignal | undefined): Promise<Acquired> {
    if (!signal) {
      pending.holders = Number.POSITIVE_INFINITY;
      return pending.promise;
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    pending.holders += 1;
    const onAbort = (): void => {
      pending.holders -= 1;
      if (pending.holders === 0) pending.controller.abort(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return raceSignal(pending.promise, signal).finally(() => signal.removeEventListener('abort', onAbort));
  }

  async #establish(mode: EstablishMode, stop: AbortSignal): Promise<Acquired> {
    const key = await this.#key();
    const cache = this.#cache;
    const known = cache.enabled ? await cache.read(key) : (mode.candidate ?? null);
    if (known && !mode.avoid.has(known.sessionId)) {
      this.#ctx.redactor.add(known.sessionId, known.csrfToken, known.routeCookie);
      if (!mode.validate) {
        this.#http.debug('session: using the cached session');
        return this.#adopt(known, false);
      }
      const before = known.sessionId;
      const validated = await this.#validate(known);
      if (validated) {
        this.#http.debug('session: cached session is valid');
        await cache.recordUse(known, validated.changed ? before : undefined);
        return this.#adopt(known, false);
      }
      this.#http.debug('session: cached session is no longer valid; replacing it');
      mode.avoid.add(known.sessionId);
    }
    stop.throwIfAborted();
    return cache.underLoginLock(key, stop, async (lock) => {
      if (lock) {
        // Another process may have logged in while we waited for (or raced to) the lock: use its session.
        const again = await cache.read(key);
        if (again && !mode.avoid.has(again.sessionId)) {
          this.#ctx.redactor.add(again.sessionId, again.csrfToken, again.routeCookie);
          this.#http.debug(`session: using the session another process just saved${lock.waited ? ' (waited for its login)' : ''}`);
          return this.#adopt(again, false);
        }
        // The dead session goes only now, under the lock: removed before it, the check-then-delete could
        // delete the fresh session another process had just saved (and make the next process log in too).
        if (again) await cache.removeDead(key, again.sessionId);
        // The process we waited for was refused: the same credentials would be refused again.
        const failure = lock.waited ? await cache.loginFailedSince(lock) : undefined;
        if (failure) throw new HacAuthenticationError(failure);
      }
      // Nobody waits for this session any more: no prompt, no login.
      stop.throwIfAborted();
      let session: StoredSession;
      try {
        session = await this.#freshLogin(key);
      } catch (error) {
        if (lock && error instanceof HacAuthenticationError) await cache.markLoginFailed(lock, error.message);
        throw error;
      }
      if (lock) await cache.saveLogin(lock, session);
      return this.#adopt(session, true);
    });
  }

  #adopt(session: StoredSession, fresh: boolean): Acquired {
    // A session is at hand: the password is not kept for a later login.
    this.#probed = undefined;
    const acquired = { session, fresh };
    this.#current = acquired;
    return acquired;
  }

  async #freshLogin([baseUrl, username, environment]: CacheKey): Promise<StoredSession> {
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

  /**
   * One GET of `<ctx>/`: the dashboard means valid (and refreshes the token), `changed` when the token
   * or a cookie is new; the login page means dead (`null`).
   */
  async #validate(session: StoredSession): Promise<{ changed: boolean } | null> {
    const home: HacRequest = { method: 'GET', path: '/', expect: 'html' };
    const res = await sendWithSession(this.#ctx, home, session);
    if (isRejected(res, home)) return null;
    // Any other failure status or redirect is thrown, not taken for a dead session.
    toHacResponse(this.#ctx, home, res);
    let changed = absorbCookies(this.#ctx, session, res);
    const token = extractCsrfToken(res.body.toString('utf8'));
    if (token && token !== session.csrfToken) {
      this.#ctx.redactor.add(token);
      session.csrfToken = token;
      changed = true;
    }
    return { changed };
  }
}

/** A body read whole, handed over as one chunk. */
async function* bodyOf(body: Buffer): AsyncGenerator<Buffer, void, undefined> {
  yield body;
}
