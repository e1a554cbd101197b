/**
 * Helpers for the HTTP core's tests: a server with a few echo routes on a random port, and a minimal
 * cookie-keeping client built on node:http(s) so every request is observed exactly as sent.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ConsoleRoute } from '../src/consoles/route-types.js';
import { startHacServer, type HacServer } from '../src/server/http-server.js';
import type { ServerOptions } from '../src/server/types.js';

export const echoRoutes: ConsoleRoute[] = [
  {
    method: 'POST',
    path: '/console/echo',
    handle: (request) => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        form: Object.fromEntries(request.form),
        files: request.files.map((file) => ({ field: file.field, filename: file.filename, content: file.content.toString('utf8') })),
        username: request.username,
        nodeId: request.nodeId,
        path: request.path,
        contextPath: request.contextPath,
      }),
    }),
  },
  {
    method: 'GET',
    path: '/console/echo',
    // A wrong Content-Length from a route must not break the framing.
    handle: (request) => ({ status: 200, headers: { 'Content-Type': 'text/plain', 'content-length': '1' }, body: `hello ${request.username} from ${request.nodeId}` }),
  },
  {
    method: 'POST',
    path: '/console/boom',
    handle: () => {
      throw new Error('route failed');
    },
  },
];

export const defaultOptions: ServerOptions = {
  port: 0,
  host: '127.0.0.1',
  contextPath: '/hac',
  users: [{ username: 'admin', password: 'nimda' }],
  tls: false,
  nodes: 1,
  latencyMs: 0,
  sessionTimeoutSeconds: 1800,
  legacy: false,
  control: false,
  lockoutAfter: 0,
};

export function startTestServer(options: Partial<ServerOptions> = {}, routes: ConsoleRoute[] = echoRoutes): Promise<HacServer> {
  return startHacServer(routes, { ...defaultOptions, ...options });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  setCookies: string[];
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request, no redirects followed, no keep-alive; rejects on a reset or truncated answer. */
export function send(url: string, init: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url);
  const requestFn = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = requestFn(
      target,
      { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false, rejectUnauthorized: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('aborted')));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            setCookies: response.headers['set-cookie'] ?? [],
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}

export function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0 && pair.slice(0, eq) === name) return pair.slice(eq + 1);
  }
  return undefined;
}

export function metaToken(html: string): string | undefined {
  return /<meta name="_csrf" content="([^"]+)"/.exec(html)?.[1];
}

export function form(fields: Record<string, string>): { headers: Record<string, string>; body: string } {
  return { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

/** A client that keeps cookies by name (no domain, no path: like a jar for one host). */
export class Browser {
  readonly cookies = new Map<string, string>();
  token: string | undefined;

  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(path: string, init: RawRequest = {}): Promise<RawResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers['Cookie'] = this.cookieHeader();
    const response = await send(this.base + path, { ...init, headers });
    for (const line of response.setCookies) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const token = metaToken(response.body);
    if (token) this.token = token;
    return response;
  }

  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<RawResponse> {
    const body = form(fields);
    return this.request(path, { method: 'POST', headers: { ...body.headers, ...headers }, body: body.body });
  }

  /** The whole HAC login dance; returns the dashboard response. */
  async login(ctx = '/hac', username = 'admin', password = 'nimda'): Promise<RawResponse> {
    await this.request(`${ctx}/login`);
    const answer = await this.post(`${ctx}/j_spring_security_check`, { j_username: username, j_password: password, _csrf: this.token ?? '' });
    if (answer.status !== 302 || answer.headers.location !== `${ctx}/`) throw new Error(`login failed: ${answer.status} ${answer.headers.location}`);
    return this.request(`${ctx}/`);
  }
}
