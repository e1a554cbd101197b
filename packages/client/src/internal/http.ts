/**
 * The one internal request function: a single HTTP exchange over `node:http(s)` (or the proxy path)
 * with no redirect following, a per-attempt timeout combined with the caller's AbortSignal, the whole
 * body read up to a size limit, network failures mapped to `HacConnectionError`/`HacTimeoutError`,
 * and bounded retries for GETs. Status codes are not judged here: the session layer decides what a
 * 302/405/5xx means.
 */
import type { Readable } from 'node:stream';
import { HacConnectionError, HacResponseTooLargeError, HacTimeoutError } from '../errors.js';
import { sleep } from './abort.js';
import { Cancellation, createConnections, type Connections, type Incoming } from './connections.js';
import type { BodyChunks } from './form-body.js';
import { ResponseHeaders } from './headers.js';
import type { Redactor } from './redact.js';
import { RETRY_STATUSES, retryDelay } from './retry.js';
import { KeptUntilRejected } from './lazy.js';
import { warnInsecureTls } from './tls-warning.js';
import { monotonicMs } from './duration.js';
import { CUT_SHORT, StreamedBody, TooLarge } from './body-stream.js';
import { Deadline } from './deadline.js';

export interface RawRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string | Buffer | BodyChunks;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** A POST that only reads: retried like a GET. */
  idempotent?: boolean;
}

export interface RawResponse {
  status: number;
  url: string;
  headers: ResponseHeaders;
  /** Every `Set-Cookie` header line, unparsed. */
  setCookies: string[];
  body: Buffer;
  /** Milliseconds from sending the request to the last body byte (this attempt). */
  elapsedMs: number;
}

/** An answer whose head has arrived and whose body is read as it comes (`HttpLayer.open`). */
export interface RawStream extends Omit<RawResponse, 'body'> {
  body: StreamedBody;
}

export interface HttpLayerOptions {
  /** Origin of HAC, named by the insecure-TLS warning. */
  baseUrl: string;
  ignoreSsl: boolean;
  quiet: boolean;
  maxRetries: number;
  maxConnections: number;
  maxResponseBytes: number;
  redactor: Redactor;
  debug: ((line: string) => void) | undefined;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** `write EPROTO …:SSL routines:ssl3_get_record:wrong version number:…` */
const OPENSSL_REASON = /:SSL routines:[^:]*:([a-z ]+):/;

/**
 * The most specific error code in an error's cause chain. An OpenSSL failure met while writing
 * comes as a bare `EPROTO` with the reason only in its message: it is named as Node names the same
 * failure met while reading (`ERR_SSL_WRONG_VERSION_NUMBER`).
 */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    const c = (current as { code?: unknown }).code;
    if (typeof c === 'string') code = c;
    const reason = c === 'EPROTO' && current instanceof Error ? OPENSSL_REASON.exec(current.message)?.[1] : undefined;
    if (reason) code = `ERR_SSL_${reason.toUpperCase().replaceAll(' ', '_')}`;
    current = (current as { cause?: unknown }).cause;
  }
  return code;
}

function isTlsError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'));
}

/** Human explanation of a network failure, with the hint that helps most for its kind. */
function describeNetworkError(error: unknown, url: URL): string {
  const code = errorCode(error) ?? 'unknown';
  const host = url.host;
  // A TLS handshake answered with plain HTTP: skipping verification (ignoreSsl) would not help.
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return `${host} speaks plain HTTP, not HTTPS (${code}): use http://${host}`;
  }
  if (isTlsError(error)) {
    return (
      `TLS certificate of ${host} is not trusted (${code}). For a self-signed development certificate set ` +
      `ignoreSsl: true, or keep verification on and trust its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem`
    );
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `Connection refused by ${host} (is HAC running there?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Host ${url.hostname} not found (${code})`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return `Connection to ${host} was closed before the response was complete (${code})`;
    case CUT_SHORT:
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return `Response from ${host} was cut short (${code})`;
    default: {
      // One line: OpenSSL messages end in a line break.
      const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
      return `Could not talk to ${host} (${code}: ${message})`;
    }
  }
}

function bodyChunks(body: RawRequest['body']): Buffer[] {
  if (body === undefined) return [];
  if (typeof body === 'string') return [Buffer.from(body, 'utf8')];
  if (Buffer.isBuffer(body)) return [body];
  return body.chunks;
}

/**
 * The whole body, refused once it passes `limit` bytes. With a `Content-Length` the bytes are copied
 * into one buffer as they arrive; without one the chunks are joined once at the end.
 */
function readBody(stream: Readable, declared: number | undefined, limit: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    if (declared !== undefined && declared > limit) {
      stream.destroy();
      reject(new TooLarge());
      return;
    }
    const target = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => {
      const end = length + chunk.length;
      if (end > limit) {
        stream.destroy();
        reject(new TooLarge());
        return;
      }
      if (target && end <= target.length) chunk.copy(target, length);
      else chunks.push(chunk);
      length = end;
    });
    stream.on('end', () => {
      if (target && length === target.length && chunks.length === 0) resolve(target);
      else if (target) resolve(Buffer.concat([target.subarray(0, Math.min(length, target.length)), ...chunks]));
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length));
    });
    stream.on('error', reject);
    // A close without 'end' or 'error' (e.g. a reset after part of the body). Every body closes after
    // its end: the error (whose stack trace costs more than the rest of a small answer) only when due.
    stream.on('close', () => {
      if (!stream.readableEnded) reject(Object.assign(new Error('the connection closed before the response was complete'), { code: CUT_SHORT }));
    });
  });
}

function declaredLength(headers: Readonly<Record<string, string | string[] | undefined>>): number | undefined {
  const value = headers['content-length'];
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** `256 MiB`, `4 KiB`, `1000 B`. */
function sizeText(bytes: number): string {
  const round = (n: number): number => Math.round(n * 10) / 10;
  if (bytes >= 1024 * 1024) return `${round(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}

export class HttpLayer {
  readonly #options: HttpLayerOptions;
  /** Made by the first request; a failed load of the proxy path is tried again by the next request. */
  readonly #connections = new KeptUntilRejected<Connections>(() => {
    warnInsecureTls(this.#options.baseUrl, this.#options);
    const trace = this.#options.debug ? (line: string): void => this.debug(line) : undefined;
    return createConnections({ ignoreSsl: this.#options.ignoreSsl, maxConnections: this.#options.maxConnections, trace });
  });

  constructor(options: HttpLayerOptions) {
    this.#options = options;
  }

  debug(line: string): void {
    const sink = this.#options.debug;
    if (!sink) return;
    try {
      sink(this.#options.redactor.redact(line));
    } catch {
      // A failing trace sink must not fail the request it describes.
    }
  }

  /** Sends a request; GETs and idempotent POSTs are retried on connection errors and 502/503/504 (bounded). */
  send(req: RawRequest): Promise<RawResponse> {
    return this.#retried(req, () => this.#attempt(req), () => undefined);
  }

  /**
   * Runs `attempt` until it gives an answer to keep: a GET or an idempotent POST is tried again after
   * a connection error (not a TLS one: the next try meets the same certificate) or a 502/503/504,
   * up to `maxRetries` times. `discard` lets go of an answer that is retried.
   */
  async #retried<T extends { status: number; headers: ResponseHeaders }>(req: RawRequest, attempt: () => Promise<T>, discard: (answer: T) => void): Promise<T> {
    const retries = req.method === 'GET' || req.idempotent === true ? this.#options.maxRetries : 0;
    for (let n = 0; ; n++) {
      let response: T;
      try {
        response = await attempt();
      } catch (error) {
        const retryable = error instanceof HacConnectionError && !isTlsError(error.cause);
        if (!retryable || n >= retries) throw error;
        const delay = retryDelay(n, undefined) ?? 0;
        this.debug(`retry ${n + 1}/${retries} of ${req.method} ${req.url.href} in ${delay} ms after: ${error.message}`);
        await sleep(delay, req.signal);
        continue;
      }
      if (n < retries && RETRY_STATUSES.has(response.status)) {
        const delay = retryDelay(n, response.headers.get('retry-after'));
        if (delay !== undefined) {
          discard(response);
          this.debug(`retry ${n + 1}/${retries} of ${req.method} ${req.url.href} in ${delay} ms after HTTP ${response.status}`);
          await sleep(delay, req.signal);
          continue;
        }
      }
      return response;
    }
  }

  async #attempt(req: RawRequest): Promise<RawResponse> {
    const { method, url } = req;
    req.signal?.throwIfAborted();
    const connections = await this.#connections.get();
    // One cancellation ends the exchange for either reason; which one fired decides the error.
    const cancel = new Cancellation();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      cancel.cancel(new Error(`timeout after ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    const onCallerAbort = (): void => cancel.cancel(new Error('aborted by the caller'));
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const started = monotonicMs();
    this.debug(`→ ${method} ${url.href}${req.headers['cookie'] ? ' with session cookies' : ''}`);
    try {
      const res = await connections.exchange({ method, url, headers: req.headers, body: bodyChunks(req.body), cancel });
      const body = await readBody(res.body, declaredLength(res.headers), this.#options.maxResponseBytes);
      const headers = new ResponseHeaders(res.headers);
      const setCookies = headers.all('set-cookie');
      const elapsedMs = Math.round(monotonicMs() - started);
      if (this.#options.debug) this.#traceAnswer(req, res.status, headers, setCookies, `${elapsedMs} ms, ${body.length} B`);
      return { status: res.status, url: url.href, headers, setCookies, body, elapsedMs };
    } catch (error) {
      throw this.#failure(req, error, timedOut);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /**
   * One exchange whose body is handed over as it arrives (`RawStream.body`), for answers too big to
   * hold (100k rows of FlexibleSearch). Retried as `send` retries (a GET or an idempotent POST) only
   * until its head arrives: a body once handed over may already be partly used by its reader. The
   * timeout covers the exchange up to the body's last byte as `send`'s does, except the time the
   * reader holds a chunk; the caller's signal ends it at any point, body included.
   */
  open(req: RawRequest): Promise<RawStream> {
    return this.#retried(req, () => this.#openAttempt(req), (answer) => answer.body.cancel());
  }

  async #openAttempt(req: RawRequest): Promise<RawStream> {
    const { method, url } = req;
    req.signal?.throwIfAborted();
    const connections = await this.#connections.get();
    const cancel = new Cancellation();
    const deadline = new Deadline(req.timeoutMs, () => cancel.cancel(new Error(`timeout after ${req.timeoutMs} ms`)));
    const onCallerAbort = (): void => cancel.cancel(new Error('aborted by the caller'));
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const settle = (): void => {
      deadline.clear();
      req.signal?.removeEventListener('abort', onCallerAbort);
    };
    const fail = (error: unknown): unknown => this.#failure(req, error, deadline.expired);
    const started = monotonicMs();
    this.debug(`→ ${method} ${url.href}${req.headers['cookie'] ? ' with session cookies' : ''} (answer streamed)`);
    let res: Incoming;
    try {
      res = await connections.exchange({ method, url, headers: req.headers, body: bodyChunks(req.body), cancel });
    } catch (error) {
      settle();
      throw fail(error);
    }
    const declared = declaredLength(res.headers);
    if (declared !== undefined && declared > this.#options.maxResponseBytes) {
      res.body.destroy();
      settle();
      throw fail(new TooLarge());
    }
    const headers = new ResponseHeaders(res.headers);
    const setCookies = headers.all('set-cookie');
    const body = new StreamedBody(res.body, {
      limit: this.#options.maxResponseBytes,
      deadline,
      fail,
      done: (bytes, complete) => {
        settle();
        if (this.#options.debug) {
          const ms = Math.round(monotonicMs() - started);
          this.#traceAnswer(req, res.status, headers, setCookies, `${ms} ms, ${bytes} B${complete ? '' : ', not read to its end'}`);
        }
      },
    });
    return { status: res.status, url: url.href, headers, setCookies, body, elapsedMs: Math.round(monotonicMs() - started) };
  }

  #traceAnswer(req: RawRequest, status: number, headers: ResponseHeaders, setCookies: string[], detail: string): void {
    const location = headers.get('location');
    this.debug(
      `← ${status} ${req.method} ${req.url.href} (${detail})` +
        (location ? ` location: ${location}` : '') +
        (setCookies.length ? ` set-cookie: ${setCookies.map((c) => c.split('=')[0]).join(', ')}` : ''),
    );
  }

  /** The error a failed attempt is reported as. */
  #failure(req: RawRequest, error: unknown, timedOut: boolean): unknown {
    const { method, url } = req;
    const where = `${method} ${this.#options.redactor.url(url)}`;
    if (req.signal?.aborted) {
      this.debug(`✗ ${method} ${url.href} aborted by caller`);
      return req.signal.reason;
    }
    if (error instanceof TooLarge) {
      const limit = this.#options.maxResponseBytes;
      this.debug(`✗ ${method} ${url.href}: answer larger than ${limit} B`);
      const ran = method === 'POST' ? ' (the request has run on the server; only its answer was dropped)' : '';
      return new HacResponseTooLargeError(
        `HAC's answer exceeded maxResponseBytes (${sizeText(limit)})${ran}; raise maxResponseBytes if an answer this big is expected: ${where}`,
        { method, url: this.#options.redactor.url(url), limitBytes: limit },
      );
    }
    if (timedOut) {
      this.debug(`✗ ${method} ${url.href} timed out after ${req.timeoutMs} ms`);
      const unsure = method === 'POST' ? ' (the request may still have run on the server)' : '';
      return new HacTimeoutError(`No complete response within ${req.timeoutMs} ms${unsure}: ${where}`, {
        method,
        url: this.#options.redactor.url(url),
        timeoutMs: req.timeoutMs,
        cause: error,
      });
    }
    const message = describeNetworkError(error, url);
    this.debug(`✗ ${method} ${url.href}: ${message}`);
    return new HacConnectionError(`${this.#options.redactor.redact(message)}: ${where}`, {
      method,
      url: this.#options.redactor.url(url),
      cause: error,
    });
  }

  /** Closes idle keep-alive connections. */
  async close(): Promise<void> {
    const connections = this.#connections.take();
    if (connections) await (await connections).close();
  }
}
