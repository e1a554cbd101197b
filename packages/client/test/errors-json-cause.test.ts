import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { BasicAuthHandler, HacClient, HacUnexpectedResponseError, SessionManager } from '../src/index.js';

// A server that answers a console call with a body that starts with the session's own CSRF token:
// JSON.parse would quote its first characters in its message, so the error's cause must not carry it.
const TOKEN = 'TOKEN-7f3c9e1a-secret-4b2d';
let server: Server;
let baseUrl: string;
let cacheDir: string;

before(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`${TOKEN} is not JSON at all`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  baseUrl = `http://127.0.0.1:${address.port}`;
  cacheDir = await mkdtemp(join(tmpdir(), 'hac-json-cause-'));
  await new SessionManager({ cacheDir }).saveSession({ baseUrl, username: 'admin', environment: 'local', sessionId: 'SID-0123456789abcdef', csrfToken: TOKEN, routeCookie: null });
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(cacheDir, { recursive: true, force: true });
});

it('a non-JSON answer is HacUnexpectedResponseError whose message, excerpt and cause hold no part of the token', async () => {
  const client = new HacClient({ baseUrl, authHandler: new BasicAuthHandler('admin', 'nimda'), cacheDir });
  const error = await client.executeGroovy('return 1').then(
    () => assert.fail('expected an error'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof HacUnexpectedResponseError, String(error));
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
  for (const text of [error.message, error.excerpt, cause]) {
    assert.ok(!text.includes(TOKEN.slice(0, 8)), `leaks part of the token: ${text}`);
  }
  assert.match(error.excerpt, /\[REDACTED\] is not JSON at all/);
  await client.close();
});
