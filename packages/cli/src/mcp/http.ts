/**
 * `hac mcp --http`: Streamable HTTP on 127.0.0.1 only, for clients that cannot start a process.
 * Every request needs `Authorization: Bearer <token>`; the token is made at start (32 random bytes),
 * written to a 0600 file in the state directory (or `--token-file`) and never printed or logged.
 * Host and Origin are checked (DNS rebinding: a web page must not reach the server through a name
 * that resolves to 127.0.0.1). One MCP session per client, each with its own server instance.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { isInitializeRequest, StreamableHTTPServerTransport } from './sdk.js';
import type { CoreRuntime } from '../runtime.js';
import { createHacMcpServer } from './server.js';
import type { StartOptions } from './start.js';
import type { ServerContext } from './tool-kit.js';

/** The token file: created anew (temporary file, then rename), 0600, inside a directory of the user's own. */
async function writeTokenFile(path: string, token: string): Promise<string> {
  const { securePrivateDirectory } = await import('hac-client');
  const dir = await securePrivateDirectory(dirname(path));
  const final = join(dir, basename(path));
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    await handle.writeFile(`${token}\n`, 'utf8');
  } finally {
    await handle.close();
  }
  await rename(temp, final);
  return final;
}

function tokenMatches(header: string | undefined, token: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'utf8');
  return given.length === token.length && timingSafeEqual(given, token);
}

function reject(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) throw new Error('request body larger than 4 MiB');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function serveHttp(ctx: ServerContext, runtime: CoreRuntime, options: StartOptions): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const tokenBuffer = Buffer.from(token, 'utf8');
  const transports = new Map<string, StreamableHTTPServerTransport>();
  let allowedHosts: string[] = [];

  const http = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/mcp') return reject(res, 404, 'not found: the MCP endpoint is /mcp');
      // Before the token: a browser page on a rebinding name learns nothing, not even whether the token is right.
      if (!allowedHosts.includes((req.headers.host ?? '').toLowerCase())) return reject(res, 403, 'forbidden host');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) return reject(res, 403, 'forbidden origin');
      if (!tokenMatches(req.headers.authorization, tokenBuffer)) return reject(res, 401, 'missing or wrong bearer token', { 'www-authenticate': 'Bearer' });
      const sessionId = req.headers['mcp-session-id'];
      const known = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
      if (req.method === 'POST') {
        const body = await readJson(req).catch(() => undefined);
        if (body === undefined) return reject(res, 400, 'the body must be JSON');
        if (known) return known.handleRequest(req, res, body);
        if (sessionId !== undefined || !isInitializeRequest(body)) return reject(res, 400, 'no valid session: start with an initialize request');
        const transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => void transports.set(id, transport),
        });
        transport.onclose = () => {
          if (transport.sessionId !== undefined) transports.delete(transport.sessionId);
        };
        await createHacMcpServer(ctx).connect(transport);
        return transport.handleRequest(req, res, body);
      }
      if (!known) return reject(res, 400, 'unknown or missing mcp-session-id');
      return known.handleRequest(req, res);
    })().catch((error: unknown) => {
      ctx.log(`HTTP request failed: ${(error as Error).message}`);
      if (!res.headersSent) reject(res, 500, 'internal error');
    });
  });

  await new Promise<void>((resolve, fail) => {
    http.once('error', fail);
    http.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const { auditLogPath } = await import('../config/paths.js');
  const tokenPath = await writeTokenFile(options.tokenFile ?? join(dirname(auditLogPath(runtime.env)), 'mcp-token'), token);
  ctx.log(`serving ${ctx.registry.list().length} endpoint(s) on http://127.0.0.1:${port}/mcp; bearer token in ${tokenPath}; audit log ${ctx.audit.path}; Ctrl-C stops`);

  await new Promise<void>((resolve) => runtime.signal.addEventListener('abort', () => resolve(), { once: true }));
  await Promise.all([...transports.values()].map((t) => t.close()));
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await unlink(tokenPath).catch(() => undefined);
}
