/**
 * One authenticated exchange: a `HacRequest` turned into an HTTP request carrying the session cookie,
 * ROUTE and CSRF token, and the classification of the answer (accepted, or provably rejected by
 * Spring Security before anything ran: protocol section 2).
 */
import { HacAuthenticationError, HacClientError, HacHttpError, HacUnexpectedResponseError } from '../errors.js';
import { findSetCookie } from '../internal/cookies.js';
import { checkDuration } from '../internal/duration.js';
import { multipartBody, urlEncodedForm, type BodyChunks } from '../internal/form-body.js';
import type { StreamedBody } from '../internal/body-stream.js';
import type { RawRequest, RawResponse } from '../internal/http.js';
import { looksLikeLoginPage, mayBeLoginPage } from '../internal/html.js';
import type { HacRequest, HacResponse } from '../internal/transport.js';
import { authHeaders, hacUrl, isLoginLocation, serverUrl, type SessionContext } from './context.js';
import { normalizeRouteCookie, type StoredSession } from './session-types.js';

/** The `Accept` header for each kind of answer a request expects (the login pages are `html`). */
export const ACCEPT = {
  json: 'application/json, text/javascript, */*; q=0.01',
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
  binary: '*/*',
} as const;

function cookieHeader(ctx: SessionContext, session: StoredSession): string {
  const parts = [`${ctx.options.sessionCookieName}=${session.sessionId}`];
  if (session.routeCookie) parts.push(session.routeCookie);
  return parts.join('; ');
}

/** A per-call timeout, checked like the client's own (a value past Node's timer range fired at once). */
export function callTimeout(ctx: SessionContext, request: HacRequest): number {
  if (request.timeoutMs === undefined) return ctx.options.timeoutMs;
  return checkDuration('timeoutMs', request.timeoutMs, 1, (message) => {
    throw new HacClientError(`Invalid call option: ${message}`);
  });
}

export async function sendWithSession(ctx: SessionContext, request: HacRequest, session: StoredSession): Promise<RawResponse> {
  if (request.outsideContext) return sendOutsideContext(ctx, request, session);
  return ctx.http.send(await rawRequest(ctx, request, session));
}

/**
 * An answer taken as it arrives (`SessionTransport.stream`): `live` when it is JSON data to be read
 * chunk by chunk (`200` and a body opening with `{`); otherwise the whole body was read and `res`
 * is judged as `sendWithSession`'s answer would be (a login page, a redirect, an error status).
 */
export interface OpenedAnswer {
  res: RawResponse;
  live?: StreamedBody;
}

export async function openWithSession(ctx: SessionContext, request: HacRequest, session: StoredSession): Promise<OpenedAnswer> {
  if (request.outsideContext || request.expect !== 'json') throw new TypeError('only JSON answers inside HAC\'s context path are streamed');
  const { body, ...head } = await ctx.http.open(await rawRequest(ctx, request, session));
  // A JSON object can be neither HAC's login page nor an error page: it is data, read as it comes.
  if (head.status === 200 && (await body.firstByte()) === 0x7b) return { res: { ...head, body: Buffer.alloc(0) }, live: body };
  const whole = await body.whole();
  return { res: { ...head, body: whole } };
}

async function rawRequest(ctx: SessionContext, request: HacRequest, session: StoredSession): Promise<RawRequest> {
  const query = { ...(request.query ?? {}) };
  // HAC's upload form carries the token in the query: multipart bodies are read after the CSRF filter.
  if (request.multipart) query['_csrf'] = session.csrfToken;
  const headers: Record<string, string> = {
    ...(await authHeaders(ctx)),
    accept: ACCEPT[request.expect],
    cookie: cookieHeader(ctx, session),
  };
  if (request.method === 'POST') headers['x-csrf-token'] = session.csrfToken;
  if (request.method === 'POST' || request.expect === 'json') headers['x-requested-with'] = 'XMLHttpRequest';
  let body: string | Buffer | BodyChunks | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
    body = urlEncodedForm(request.form);
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json; charset=UTF-8';
    body = JSON.stringify(request.json);
  } else if (request.multipart) {
    const encoded = await multipartBody(request.multipart);
    headers['content-type'] = encoded.contentType;
    body = encoded.body;
  }
  return {
    method: request.method,
    url: hacUrl(ctx, request.path, query),
    headers,
    ...(body !== undefined ? { body } : {}),
    timeoutMs: callTimeout(ctx, request),
    signal: request.signal,
    ...(request.idempotent === true && { idempotent: true }),
  };
}

/** A GET outside the context path: only the `ROUTE` cookie (`Path=/`) applies there, as in a browser. */
async function sendOutsideContext(ctx: SessionContext, request: HacRequest, session: StoredSession): Promise<RawResponse> {
  if (request.method !== 'GET') throw new TypeError('only GET requests may leave HAC\'s context path');
  const headers: Record<string, string> = { ...(await authHeaders(ctx)), accept: ACCEPT[request.expect] };
  if (session.routeCookie) headers['cookie'] = session.routeCookie;
  return ctx.http.send({
    method: 'GET',
    url: serverUrl(ctx, request.path, request.query),
    headers,
    timeoutMs: request.timeoutMs ?? ctx.options.timeoutMs,
    signal: request.signal,
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether Spring Security turned the request away because the session is dead or the token wrong:
 * a redirect to the login page, 401/403/405 on a POST, or the login page's HTML where data was
 * expected. Only these are safe to replay; anything else may have run on the server.
 *
 * A GET without a valid session is redirected to the login page on every HAC version (protocol
 * section 2), so a 401/403 on a GET is HAC denying this user the page, and a 405 a route that takes
 * no GET: logging in again would only get the same answer.
 */
export function isRejected(res: RawResponse, request: HacRequest): boolean {
  if (res.status >= 300 && res.status < 400) return isLoginLocation(res.headers.get('location'));
  if (res.status === 401 || res.status === 403 || res.status === 405) return request.method === 'POST';
  if (res.status !== 200 || request.expect === 'binary') return false;
  // A JSON object can be neither the login page nor an error page (as `openWithSession` judges it):
  // no search through a big answer (10 MB of FlexibleSearch rows: ~4 ms) for the login page's markers.
  if (request.expect === 'json' && res.body[0] === 0x7b) return false;
  if (!mayBeLoginPage(res.body)) return false;
  const text = res.body.toString('utf8');
  // A JSON answer that mentions the login page's markers is data: only such a rare body is parsed here.
  return looksLikeLoginPage(text) && !(request.expect === 'json' && isJson(text));
}

/**
 * Cookie updates a server may send on an accepted response (a rotated session id, a new ROUTE).
 * Returns whether the session changed (and must be saved).
 */
export function absorbCookies(ctx: SessionContext, session: StoredSession, res: RawResponse, request?: HacRequest): boolean {
  let changed = false;
  // Another web app's session cookie (the media server's) is not HAC's.
  const id = request?.outsideContext ? undefined : findSetCookie(res.setCookies, ctx.options.sessionCookieName, res.url);
  if (id && !id.deleted && id.value && id.value !== session.sessionId) {
    ctx.redactor.add(id.value);
    session.sessionId = id.value;
    changed = true;
  }
  const route = findSetCookie(res.setCookies, 'ROUTE', res.url);
  if (route && !route.deleted && route.value) {
    const cookie = normalizeRouteCookie(route.value);
    if (cookie !== session.routeCookie) {
      ctx.redactor.add(route.value);
      session.routeCookie = cookie;
      changed = true;
    }
  }
  return changed;
}

/** The message of a failure status; 401/403 name the likely reason, a missing permission. */
export function httpStatusMessage(status: number, where: string): string {
  if (status === 401 || status === 403) return `HAC denied access (HTTP ${status}; the user may lack the permission for it): ${where}`;
  return `HAC answered HTTP ${status}${status >= 500 ? ' (server error)' : ''}: ${where}`;
}

/**
 * The error for a request HAC rejected although its session was just created by a login: with
 * 401/403 a permission denial (or a CSRF token HAC will not take), otherwise a login that did not
 * take. Never answered with another login: that one would be rejected the same way.
 */
export function freshSessionRejected(ctx: SessionContext, request: HacRequest, res: RawResponse, username: string): HacClientError {
  const url = ctx.redactor.url(res.url);
  const where = `${request.method} ${url}`;
  if (res.status === 401 || res.status === 403) {
    return new HacHttpError(
      `HAC denied access (HTTP ${res.status}) to a freshly logged-in session of user '${username}': the user lacks the permission, or HAC refused the CSRF token: ${where}`,
      { status: res.status, method: request.method, url, excerpt: ctx.redactor.excerpt(res.body.toString('utf8')) },
    );
  }
  return new HacAuthenticationError(`HAC rejected a freshly created session of user '${username}' (HTTP ${res.status}): ${where}`);
}

/** Bodies from this size on are big enough for `jsonText` to read as an external string (Node's `EXTERN_APEX`). */
const EXTERNAL_TEXT_BYTES = 0xfbee9;

/**
 * A JSON body's text, for `JSON.parse`. A big body of ASCII only (a FlexibleSearch result, as a
 * rule) is read as latin1, which for ASCII is the same text: Node makes a string of a megabyte or
 * more from latin1 bytes an external string, outside V8's heap, where utf8 makes a heap string
 * that grows the old generation (100k rows over https: peak +71 MiB instead of +82).
 */
function jsonText(body: Buffer): string {
  // process.getBuiltinModule: no ES module facade when the implementation loads (internal/lazy.ts).
  const ascii = body.length >= EXTERNAL_TEXT_BYTES && process.getBuiltinModule('node:buffer').isAscii(body);
  return ascii ? body.toString('latin1') : body.toString('utf8');
}

/** Turns an accepted raw response into a `HacResponse`, or throws for failure statuses and bad bodies. */
export function toHacResponse(ctx: SessionContext, request: HacRequest, res: RawResponse): HacResponse {
  // Redacted when first needed (an error, or a caller reading `url`): the redaction's regular
  // expressions cost a process ~0.4 ms to compile, and a warm call that succeeds reads no URL.
  let redactedUrl: string | undefined;
  const url = (): string => (redactedUrl ??= ctx.redactor.url(res.url));
  const where = (): string => `${request.method} ${url()}`;
  const excerpt = (): string => ctx.redactor.excerpt(res.body.toString('utf8'));
  if (res.status >= 400) {
    throw new HacHttpError(httpStatusMessage(res.status, where()), {
      status: res.status,
      method: request.method,
      url: url(),
      excerpt: excerpt(),
    });
  }
  if (res.status >= 300) {
    const location = ctx.redactor.url(res.headers.get('location') ?? '(none)');
    throw new HacUnexpectedResponseError(`HAC redirected to ${location}: ${where()}`, {
      status: res.status,
      method: request.method,
      url: url(),
      excerpt: excerpt(),
    });
  }
  let text: string | undefined;
  const textOf = (): string => (text ??= res.body.toString('utf8'));
  // Parsed once: the check below and the console's parser read the same value (results can be
  // megabytes). The text it is parsed from is not kept: a JSON answer's text is rarely read again.
  let parsed: { value: unknown } | undefined;
  const parseJson = <T>(): T => {
    try {
      parsed ??= { value: JSON.parse(text ?? jsonText(res.body)) };
      return parsed.value as T;
    } catch {
      throw new HacUnexpectedResponseError(`HAC answered with something other than JSON: ${where()}`, {
        status: res.status,
        method: request.method,
        url: url(),
        excerpt: excerpt(),
        // JSON.parse's message quotes raw body characters (possibly part of a token); the redacted
        // excerpt already shows the body, so the cause keeps only what kind of failure it was.
        cause: new SyntaxError('the response body is not valid JSON'),
      });
    }
  };
  if (request.expect === 'json') parseJson();
  // Session cookies stay inside the session layer.
  const headers = res.headers.without('set-cookie');
  return {
    status: res.status,
    get url() {
      return url();
    },
    headers,
    body: res.body,
    elapsedMs: res.elapsedMs,
    text: textOf,
    json: parseJson,
  };
}
