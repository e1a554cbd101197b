/**
 * The one internal request function: a single HTTP exchange through undici with no redirect
 * following, a per-attempt timeout combined with the caller's AbortSignal, the whole body read,
 * network failures mapped to `HacConnectionError`/`HacTimeoutError`, and bounded retries for GETs.
 * Status codes are not judged here: the session layer decides what a 302/405/5xx means.
 */
import { request, type Dispatcher } from 'undici';
import { HacConnectionError, HacTimeoutError } from '../errors.js';
import { createDispatcher, warnInsecureTls } from './dispatcher.js';
import type { Redactor } from './redact.js';
import { RETRY_STATUSES, retryDelay } from './retry.js';
import { sleep } from './abort.js';

export interface RawRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string | Buffer | FormData;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface RawResponse {
  status: number;
  url: string;
  headers: Headers;
  /** Every `Set-Cookie` header line, unparsed. */
  setCookies: string[];
  body: Buffer;
  /** Milliseconds from sending the request to the last body byte (this attempt). */
  elapsedMs: number;
}

export interface HttpLayerOptions {
  /** Origin of HAC, named by the insecure-TLS warning. */
  baseUrl: string;
  ignoreSsl: boolean;
  quiet: boolean;
  maxRetries: number;
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

/** The most specific error code in an error's cause chain. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    const c = (current as { code?: unknown }).code;
    if (typeof c === 'string') code = c;
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
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return `Response from ${host} was cut short (${code})`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return `Could not talk to ${host} (${code}: ${message})`;
    }
  }
}

function toHeaders(raw: Record<string, string | string[] | undefined>): { headers: Headers; setCookies: string[] } {
  const headers = new Headers();
  let setCookies: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (name.toLowerCase() === 'set-cookie') setCookies = setCookies.concat(values);
    for (const v of values) headers.append(name, v);
  }
  return { headers, setCookies };
}

export class HttpLayer {
  readonly #options: HttpLayerOptions;
  #dispatcher: Dispatcher | undefined;

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

  /** Sends a request; GETs are retried on connection errors and 502/503/504 (bounded). */
  async send(req: RawRequest): Promise<RawResponse> {
    const retries = req.method === 'GET' ? this.#options.maxRetries : 0;
    for (let attempt = 0; ; attempt++) {
      let response: RawResponse;
      try {
        response = await this.#attempt(req);
      } catch (error) {
        const retryable = error instanceof HacConnectionError && !isTlsError(error.cause);
        if (!retryable || attempt >= retries) throw error;
        const delay = retryDelay(attempt, undefined) ?? 0;
        this.debug(`retry ${attempt + 1}/${retries} of GET ${req.url.href} in ${delay} ms after: ${error.message}`);
        await sleep(delay, req.signal);
        continue;
      }
      if (attempt < retries && RETRY_STATUSES.has(response.status)) {
        const delay = retryDelay(attempt, response.headers.get('retry-after'));
        if (delay !== undefined) {
          this.debug(`retry ${attempt + 1}/${retries} of GET ${req.url.href} in ${delay} ms after HTTP ${response.status}`);
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
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error(`timeout after ${req.timeoutMs} ms`)), req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    const started = Date.now();
    this.debug(`→ ${method} ${url.href}${req.headers['cookie'] ? ' with session cookies' : ''}`);
    if (!this.#dispatcher) {
      warnInsecureTls(this.#options.baseUrl, this.#options);
      this.#dispatcher = createDispatcher({ ignoreSsl: this.#options.ignoreSsl });
    }
    try {
      const res = await request(url, {
        method,
        headers: req.headers,
        body: req.body ?? null,
        signal,
        dispatcher: this.#dispatcher,
        maxRedirections: 0,
        // Our own timer covers connect, headers and body; undici's 300 s defaults would cut long updates.
        headersTimeout: 0,
        bodyTimeout: 0,
      } as Parameters<typeof request>[1]);
      const body = Buffer.from(await res.body.arrayBuffer());
      const { headers, setCookies } = toHeaders(res.headers);
      const location = headers.get('location');
      const elapsedMs = Date.now() - started;
      this.debug(
        `← ${res.statusCode} ${method} ${url.href} (${elapsedMs} ms, ${body.length} B)` +
          (location ? ` location: ${location}` : '') +
          (setCookies.length ? ` set-cookie: ${setCookies.map((c) => c.split('=')[0]).join(', ')}` : ''),
      );
      return { status: res.statusCode, url: url.href, headers, setCookies, body, elapsedMs };
    } catch (error) {
      const where = `${method} ${this.#options.redactor.url(url)}`;
      if (req.signal?.aborted) {
        this.debug(`✗ ${method} ${url.href} aborted by caller`);
        throw req.signal.reason;
      }
      if (timeout.signal.aborted) {
        this.debug(`✗ ${method} ${url.href} timed out after ${req.timeoutMs} ms`);
        const unsure = method === 'POST' ? ' (the request may still have run on the server)' : '';
        throw new HacTimeoutError(`No complete response within ${req.timeoutMs} ms${unsure}: ${where}`, {
          method,
          url: this.#options.redactor.url(url),
          timeoutMs: req.timeoutMs,
          cause: error,
        });
      }
      const message = describeNetworkError(error, url);
      this.debug(`✗ ${method} ${url.href}: ${message}`);
      throw new HacConnectionError(`${this.#options.redactor.redact(message)}: ${where}`, {
        method,
        url: this.#options.redactor.url(url),
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes idle keep-alive connections. */
  async close(): Promise<void> {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = undefined;
    if (dispatcher) await dispatcher.close();
  }
}
