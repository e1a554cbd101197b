/**
 * The emulator's HTTP core: one listening socket, an optional sticky load balancer over N virtual
 * nodes, latency and fault injection, the request log, and the control API. Console behaviour comes
 * in as plain routes; everything HTTP-level (sessions, login, CSRF) happens here and in `hac-node.ts`.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsoleRoute } from '../consoles/route-types.js';
import { BodyTooLargeError, readBody } from './body-parsing.js';
import { CONTROL_PREFIX, handleControl, type ControlTarget } from './control-api.js';
import { reasonPhrase, tomcatErrorPage } from './error-pages.js';
import { FaultRegistry } from './faults.js';
import { HacNode } from './hac-node.js';
import { LoadBalancer } from './load-balancer.js';
import { checkLimit, LIMITS } from './limits.js';
import { LoginGuard } from './login-guard.js';
import { dashboardRoute } from './pages.js';
import { RequestLog } from './request-log.js';
import { RouteTable } from './route-table.js';
import { selfSignedCertificate } from './tls.js';
import type { Answer, FaultRule, RequestRecord, ServerOptions } from './types.js';

/** The controls of a running server; `Emulator` (the public API) extends them. */
export interface HacServer {
  /** Base URL without the context path, e.g. `http://127.0.0.1:PORT` (`https` with `tls`). */
  readonly url: string;
  /** The context path, `''` for root, e.g. `/hac`. */
  readonly contextPath: string;
  /** Every request except control requests, oldest first (bounded to the last 100 000). */
  readonly requests: readonly RequestRecord[];
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
  /** Every session on every node dies, as after the idle timeout. */
  expireSessions(): void;
  /** As a server restart: all sessions die and login lockouts are lifted. */
  restart(): void;
  setLatency(ms: number): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Requests with this method (case-insensitive), and this exact path incl. context path when given. */
  count(method: string, path?: string): number;
  resetRequests(): void;
  /** Lock a user after `after` failed logins (0 = never). */
  setLockout(after: number): void;
}

/** Console-level switches the control API exposes when consoles are wired in. */
export type ConsoleControls = Pick<ControlTarget, 'setUpdateDuration' | 'setUpdateLocked'>;

function statusAnswer(rule: FaultRule): Answer {
  const status = rule.status ?? 503;
  const reason = reasonPhrase(status);
  const body = `<html><head><title>${status} ${reason}</title></head><body><center><h1>${status} ${reason}</h1></center></body></html>\n`;
  const headers: Record<string, string> = { 'Content-Type': 'text/html' };
  if (rule.retryAfterSeconds !== undefined) headers['Retry-After'] = String(rule.retryAfterSeconds);
  return { status, headers, setCookies: [], body };
}

function headersOf(answer: Answer, length: number): Record<string, string | string[]> {
  // The core owns the framing: a route's own Content-Length (any case) is replaced.
  const headers: Record<string, string | string[]> = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.toLowerCase() !== 'content-length'));
  headers['Content-Length'] = String(length);
  if (answer.setCookies.length > 0) headers['Set-Cookie'] = answer.setCookies;
  return headers;
}

/**
 * The host of the URL to use: bound to every interface (`0.0.0.0`, `::`), the emulator is reached
 * through loopback (a client cannot connect to `0.0.0.0`), which its TLS certificate also names.
 */
function urlHost(bound: string): string {
  if (isAnyAddress(bound)) return bound.includes(':') ? '[::1]' : '127.0.0.1';
  return bound.includes(':') ? `[${bound}]` : bound;
}

/**
 * What to tell a person when the emulator listens on every interface: its URL names loopback, which
 * only works on this machine. Undefined for any other `host`.
 */
export function allInterfacesNote(host: string, url: string): string | undefined {
  if (!isAnyAddress(host)) return undefined;
  return `listening on all interfaces (${host}): from another machine use this machine's name or address instead of ${new URL(url).hostname}`;
}

/** `0.0.0.0`, `::` and their spellings (`[::]`, `0:0:0:0:0:0:0:0`): listen on every interface. */
export function isAnyAddress(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare === '0.0.0.0' || (bare.includes(':') && /^[0:]+$/.test(bare));
}

/** What Tomcat's connector lists for `OPTIONS *` (TRACE is off by default). */
const TOMCAT_ALLOW = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';

/** The request target as a URL, or null when it is neither a path nor an absolute URL (`*`, `foo`). */
function requestTarget(raw: string): URL | null {
  // Origin-form targets are joined, not resolved: `//hac/login` is a path, not a host.
  if (raw.startsWith('/')) return new URL(`http://emulator.invalid${raw}`);
  return URL.canParse(raw) ? new URL(raw) : null;
}

/** Send the answer, misbehaving as the fault says; resolves to the status the client saw (0: none). */
async function send(request: IncomingMessage, response: ServerResponse, answer: Answer, fault: FaultRule | undefined, closing: AbortSignal): Promise<number> {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  const payload = request.method === 'HEAD' ? Buffer.alloc(0) : body;
  if (fault?.kind === 'reset') {
    request.socket.destroy();
    return 0;
  }
  response.writeHead(answer.status, headersOf(answer, body.length));
  if (fault?.kind === 'truncate' || fault?.kind === 'slow-body') {
    const half = Math.floor(payload.length / 2);
    response.flushHeaders();
    if (fault.kind === 'truncate') {
      response.write(payload.subarray(0, half), () => request.socket.destroy());
      return answer.status;
    }
    response.write(payload.subarray(0, half));
    await pause(fault.delayMs ?? 2000, closing);
    if (!response.destroyed) response.end(payload.subarray(half));
    return answer.status;
  }
  response.end(payload);
  return answer.status;
}

/** A delay that ends early when the server closes, so no timer keeps the process alive after `close()`. */
async function pause(ms: number, closing: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal: closing }).catch(() => undefined);
}

export async function startHacServer(routes: readonly ConsoleRoute[], options: ServerOptions, consoleControls: ConsoleControls = {}): Promise<HacServer> {
  const guard = new LoginGuard(options.users, options.lockoutAfter);
  const shared = {
    contextPath: options.contextPath,
    legacy: options.legacy,
    guard,
    routes: new RouteTable([dashboardRoute, ...routes.filter((route) => !route.outsideContext)]),
    outsideContext: routes.filter((route) => route.outsideContext === true),
    sessionTimeoutSeconds: options.sessionTimeoutSeconds,
  };
  const nodes = Array.from({ length: options.nodes }, (_, i) => new HacNode(`node${i}`, shared));
  const balancer = new LoadBalancer(nodes, options.tls);
  const faults = new FaultRegistry();
  const log = new RequestLog();
  let latencyMs = options.latencyMs;
  const closing = new AbortController();

  const controls: HacServer & ControlTarget = {
    url: '',
    contextPath: options.contextPath,
    get requests() {
      return log.records;
    },
    close: async () => undefined,
    expireSessions: () => nodes.forEach((node) => node.sessions.clear()),
    restart: () => {
      nodes.forEach((node) => node.sessions.clear());
      guard.reset();
    },
    setLatency: (ms) => {
      latencyMs = checkLimit('latency', ms, LIMITS.latencyMs);
    },
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    count: (method, path) => log.count(method, path),
    counts: () => log.counts(),
    resetRequests: () => log.reset(),
    setLockout: (after) => {
      guard.setLockout(checkLimit('lockout', after, LIMITS.lockoutAfter));
    },
    ...consoleControls,
  };

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = request.url ?? '/';
    const method = (request.method ?? 'GET').toUpperCase();
    const url = requestTarget(raw);
    if (!url) {
      // Tomcat answers `OPTIONS *` itself and refuses any other target that is not a path or a URL.
      const answer: Answer = method === 'OPTIONS' && raw === '*' ? { status: 200, headers: { Allow: TOMCAT_ALLOW }, setCookies: [], body: '' } : tomcatErrorPage(400);
      log.add({ method, path: raw, status: await send(request, response, answer, undefined, closing.signal), node: null, at: new Date() });
      return;
    }
    // Tomcat merges repeated slashes before the application sees the path.
    const path = url.pathname.replace(/\/{2,}/g, '/');
    if (options.control && path.startsWith(CONTROL_PREFIX)) return handleControl(controls, request, response, path);

    const record = (status: number, node: string | null): void => log.add({ method, path, status, node, at: new Date() });
    const abort = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
    });

    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      record(await send(request, response, tomcatErrorPage(413), undefined, closing.signal), null);
      return;
    }
    if (latencyMs > 0) await pause(latencyMs, closing.signal);
    if (closing.signal.aborted) return;

    const fault = faults.take(method, path);
    // A gateway that gives up late: status and html-error faults may answer after delayMs.
    if ((fault?.kind === 'status' || fault?.kind === 'html-error') && fault.delayMs) await pause(fault.delayMs, closing.signal);
    if (closing.signal.aborted) return;
    if (fault?.kind === 'status') return record(await send(request, response, statusAnswer(fault), undefined, closing.signal), null);
    if (fault?.kind === 'html-error') return record(await send(request, response, tomcatErrorPage(fault.status ?? 500), undefined, closing.signal), null);

    const pick = balancer.pick(request.headers.cookie);
    if ('badRequest' in pick) return record(await send(request, response, tomcatErrorPage(400), undefined, closing.signal), null);
    const answer = await pick.node.handle({ method, path, query: url.searchParams, headers: request.headers, body, signal: abort.signal });
    if (pick.setCookie) answer.setCookies.push(pick.setCookie);
    record(await send(request, response, answer, fault, closing.signal), pick.node.id);
  }

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    serve(request, response).catch(() => {
      // Only a bug gets here; answer like Tomcat would rather than hang the client.
      if (!response.headersSent) {
        const page = tomcatErrorPage(500);
        response.writeHead(500, headersOf(page, Buffer.byteLength(page.body)));
        response.end(page.body);
      } else response.destroy();
    });
  };

  // node:https and the certificate generator load only for a TLS emulator.
  const server: Server = options.tls ? (await import('node:https')).createServer(await selfSignedCertificate(options.host), listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  Object.assign(controls, {
    url: `${options.tls ? 'https' : 'http'}://${urlHost(options.host)}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  });
  return controls;
}
