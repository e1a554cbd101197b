/**
 * Where requests go out: a bounded keep-alive pool of `node:http`/`node:https` sockets, or, when
 * `HTTPS_PROXY`/`HTTP_PROXY` is set, undici's `EnvHttpProxyAgent` (loaded only then: it honours
 * `NO_PROXY`, tunnels with `CONNECT`, and a proxy is rare enough not to weigh on every run).
 * Certificates are verified against Node's CA store, which includes `NODE_EXTRA_CA_CERTS`;
 * `ignoreSsl` turns verification off for HAC only (a proxy's own certificate is still verified).
 *
 * Both paths hand back the same thing: status, headers as an object keyed by lower-case name
 * (`set-cookie` as an array) and the body as a stream, read by the HTTP layer.
 */
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { monotonicMs } from './duration.js';
import { onDemand } from './lazy.js';
import type * as ProxyConnections from './proxy-connections.js';

export interface Outgoing {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  /** Sent in order; `content-length` is set from their total. */
  body: readonly Buffer[];
  /** Cancelling it ends the exchange at once (timeout or caller); the body stream then errors. */
  cancel: Cancellation;
}

/**
 * Ends one exchange, for a timeout or the caller's abort. Lighter than an AbortController per
 * request: a fresh AbortSignal and the listener Node's ClientRequest puts on it cost ~0.09 ms per
 * call, a third of the library's overhead over bare node:http at 50 calls in flight (issue 8).
 */
export class Cancellation {
  #reason: Error | undefined;
  #listener: ((reason: Error) => void) | undefined;

  get cancelled(): boolean {
    return this.#reason !== undefined;
  }

  cancel(reason: Error): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.#listener?.(reason);
  }

  /** The one listener of this exchange; called at once when it was already cancelled. */
  onCancel(listener: (reason: Error) => void): void {
    this.#listener = listener;
    if (this.#reason) listener(this.#reason);
  }
}

export interface Incoming {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Readable;
}

export interface ConnectionOptions {
  ignoreSsl: boolean;
  /** Most sockets open to HAC at once; more concurrent requests wait for a free one. */
  maxConnections: number;
  /** Receives a line per new connection (debug trace), or nothing. */
  trace: ((line: string) => void) | undefined;
}

export interface Connections {
  exchange(request: Outgoing): Promise<Incoming>;
  close(): Promise<void>;
}

const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/**
 * Idle sockets are closed after this long: before servers close theirs (Node 5 s, Tomcat 20 s), so a
 * request is never written into a socket the server is closing (a POST could then not be retried).
 * A shorter `Keep-Alive: timeout=` from the server wins (Node's agent honours it).
 */
const IDLE_SOCKET_MS = 4_000;

export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARS.some((name) => Boolean(env[name]));
}

const PROXY_CONNECTIONS = './proxy-connections.js';
// Loaded on demand: undici costs ~70 ms to load, which only proxied runs pay.
const loadProxyConnections = onDemand(
  () => import('./proxy-connections.js'),
  (query) => import(`${PROXY_CONNECTIONS}${query}`) as Promise<typeof ProxyConnections>,
);

export async function createConnections(options: ConnectionOptions): Promise<Connections> {
  if (proxyConfigured()) {
    const { createProxyConnections } = await loadProxyConnections();
    return createProxyConnections(options);
  }
  return new PooledConnections(options);
}

/** One keep-alive agent per scheme, created on first use; `https` is loaded only for https URLs. */
class PooledConnections implements Connections {
  readonly #options: ConnectionOptions;
  #http: { module: typeof Http; agent: Http.Agent } | undefined;
  #https: { module: typeof Https; agent: Https.Agent } | undefined;

  constructor(options: ConnectionOptions) {
    this.#options = options;
  }

  #client(url: URL): { module: typeof Http | typeof Https; agent: Http.Agent } {
    const pool = { keepAlive: true, maxSockets: this.#options.maxConnections, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' as const };
    if (url.protocol === 'https:') {
      if (!this.#https) {
        const module = process.getBuiltinModule('node:https') as typeof Https;
        // Sessions are cached per agent (maxCachedSessions): a second socket resumes the handshake.
        // `ignoreSsl` verifies nothing, so it needs no CA certificates: without `ca`, Node builds its
        // root store on the process's first TLS connection (its ~140 certificates parsed by OpenSSL 3:
        // ~25 ms, more than the rest of a login; with NODE_EXTRA_CA_CERTS it is built at start-up).
        const verify = this.#options.ignoreSsl ? { rejectUnauthorized: false, ca: [] } : { rejectUnauthorized: true };
        const agent = new module.Agent({ ...pool, ...verify });
        this.#https = { module, agent };
      }
      return this.#https;
    }
    if (!this.#http) {
      const module = process.getBuiltinModule('node:http') as typeof Http;
      this.#http = { module, agent: new module.Agent(pool) };
    }
    return this.#http;
  }

  exchange(request: Outgoing): Promise<Incoming> {
    const { module, agent } = this.#client(request.url);
    let length = 0;
    for (const chunk of request.body) length += chunk.length;
    const headers: Record<string, string> = { ...request.headers };
    if (request.method === 'POST') headers['content-length'] = String(length);
    return new Promise<Incoming>((resolve, reject) => {
      let response: Http.IncomingMessage | undefined;
      const req = module.request(request.url, { method: request.method, headers, agent }, (res) => {
        response = res;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
      });
      // Stays attached: errors after the response began also reach the body stream, and an
      // 'error' without a listener would crash the process.
      req.on('error', reject);
      // Destroying the request ends a queued one and the sending; once the answer came, destroying
      // the answer ends its body (its stream errors). Not the request then: it first reads the rest
      // of a body already received (a small one read as it arrives), which hands the socket back to
      // the pool, and the socket's error then has no listener and crashes the process.
      request.cancel.onCancel((reason) => (response ? response.destroy(reason) : req.destroy(reason)));
      const trace = this.#options.trace;
      if (trace) req.once('socket', (socket) => traceConnection(trace, request.url, socket));
      for (const chunk of request.body) req.write(chunk);
      req.end();
    });
  }

  async close(): Promise<void> {
    this.#http?.agent.destroy();
    this.#https?.agent.destroy();
    this.#http = undefined;
    this.#https = undefined;
  }
}

/**
 * `connected to host:port (TLS …)`: makes pool reuse and TLS handshakes visible in `--debug`. Only a
 * socket still connecting is new (`reusedSocket` is false for a queued request handed a freed socket,
 * and a listener added there would never fire).
 */
function traceConnection(trace: (line: string) => void, url: URL, socket: Socket): void {
  if (!socket.connecting) return;
  const started = monotonicMs();
  const tls = url.protocol === 'https:';
  socket.once(tls ? 'secureConnect' : 'connect', () => {
    const ms = (monotonicMs() - started).toFixed(1);
    const how = tls ? ` (TLS ${(socket as TLSSocket).isSessionReused() ? 'session resumed' : 'full handshake'})` : '';
    trace(`connected to ${url.host}${how} in ${ms} ms`);
  });
}
