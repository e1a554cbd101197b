import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { BasicAuthHandler, HacClient, HacUnexpectedResponseError } from '../src/index.js';
import { startFakeHac, type FakeHac } from './session-helpers.js';

// A server that answers a console call with a body that starts with the session's own CSRF token:
// JSON.parse would quote its first characters in its message, so the error's cause must not carry it.
const TOKEN = 'TOKEN-7f3c9e1a-secret-4b2d';
let hac: FakeHac;

before(async () => {
  hac = await startFakeHac(
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${TOKEN} is not JSON at all`);
    },
    { sessionId: 'SID-0123456789abcdef', csrfToken: TOKEN },
  );
});

after(() => hac.close());

it('a non-JSON answer is HacUnexpectedResponseError whose message, excerpt and cause hold no part of the token', async () => {
  const client = new HacClient({ baseUrl: hac.baseUrl, authHandler: new BasicAuthHandler('admin', 'nimda'), cacheDir: hac.cacheDir });
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
