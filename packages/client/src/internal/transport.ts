/**
 * The contract between the session layer (login, cookies, CSRF, cache, safe replay) and the console
 * functions. Console functions describe a request; the transport sends it inside a valid session and
 * hands back a fully read response, or throws a `HacClientError`.
 */

export interface HacRequest {
  method: 'GET' | 'POST';
  /** Path below the HAC context path, starting with `/`, no trailing slash: `/console/scripting/execute`. */
  path: string;
  /**
   * `path` is from the server root and lies outside HAC's context path: a media download
   * (`/medias/…`) linked from a HAC page. Sent as a browser sends it: without HAC's session cookie
   * (its `Path` is the context path) or CSRF token, with the load balancer's `ROUTE` (`Path=/`).
   */
  outsideContext?: boolean;
  /** Query parameters. */
  query?: Record<string, string>;
  /** A form body (`application/x-www-form-urlencoded`); repeated keys via arrays. */
  form?: Record<string, string | string[]>;
  /** A JSON body (`application/json`). */
  json?: unknown;
  /** A multipart body; the transport adds the CSRF token as `?_csrf=` query parameter as HAC's upload form does. */
  multipart?: FormData;
  /**
   * What the caller expects back. `json`: a body that is not JSON (e.g. the login page after a followed
   * redirect) is treated as a rejected session or `HacUnexpectedResponseError`. `html`: an HTML page.
   * `binary`: raw bytes (downloads).
   */
  expect: 'json' | 'html' | 'binary';
  /** Per-call override of the client's timeout (system updates run for minutes); 1 to 2147483647 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * The request only reads (a FlexibleSearch without commit): after a connection failure or a
   * 502/503/504 it is retried like a GET, up to `maxRetries` times. Never set it on a request that
   * changes anything. @default false (GETs are always retried)
   */
  idempotent?: boolean;
}

import type { HacHeaders } from './headers.js';

export interface HacResponse {
  status: number;
  /** Final URL of the request (no secrets). */
  url: string;
  /** Response headers (`Set-Cookie` stays inside the session layer). A fetch `Headers` object fits. */
  headers: HacHeaders;
  body: Buffer;
  /**
   * Milliseconds the HTTP exchange that produced this response took (the replay's, after a rejected
   * session), without any login before it. Optional for custom transports.
   */
  elapsedMs?: number;
  text(): string;
  /** Parsed JSON (parsed once: every call returns the same value); throws `HacUnexpectedResponseError` if the body is not JSON. */
  json<T = unknown>(): T;
}

/**
 * An answer handed over as it arrives (`HacTransport.stream`): the head is read, the body is not.
 * The session was accepted and any error status or non-JSON answer already thrown, as `send` does.
 */
export interface HacStreamResponse {
  status: number;
  /** Final URL of the request (no secrets). */
  url: string;
  headers: HacHeaders;
  /**
   * The body's chunks, each read from the connection when the loop asks for it (a slow loop holds
   * the reading back). Iterate once. Ending the loop early closes the connection. Read failures are
   * the `HacClientError`s `send` throws (timeout, connection, size limit), or the signal's reason.
   */
  body: AsyncIterable<Buffer>;
  /** Stops reading and closes the connection, unless the body was read to its end. */
  cancel(): void;
}

export interface HacTransport {
  send(request: HacRequest): Promise<HacResponse>;
  /**
   * Optional: the same exchange as `send` (session, replay of a provably rejected session, errors),
   * with the body handed over as it arrives instead of read whole. For JSON answers inside HAC's
   * context path (`expect: 'json'`). Retried only as `send` retries (an `idempotent` request) and
   * only before any of the body is handed over. Console functions that read answers as they arrive
   * fall back to `send` on a transport without it.
   */
  stream?(request: HacRequest): Promise<HacStreamResponse>;
}
