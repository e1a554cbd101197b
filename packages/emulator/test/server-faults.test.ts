import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { HacServer } from '../src/server/http-server.js';
import { Browser, send, startTestServer } from './server-helpers.js';
import type { ConsoleRoute } from '../src/consoles/route-types.js';
import { echoRoutes } from './server-helpers.js';

describe('faults, latency and the request log', () => {
  let server: HacServer;
  let browser: Browser;
  let executions = 0;
  const counted: ConsoleRoute = {
    method: 'POST',
    path: '/console/count',
    handle: () => {
      executions += 1;
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ executions, padding: 'x'.repeat(2000) }) };
    },
  };
  const exec = (): Promise<Awaited<ReturnType<Browser['post']>>> => browser.post('/hac/console/count', {}, { 'X-CSRF-TOKEN': browser.token ?? '' });

  before(async () => {
    server = await startTestServer({}, [...echoRoutes, counted]);
    browser = new Browser(server.url);
    await browser.login();
  });
  after(() => server.close());
  beforeEach(() => {
    server.clearFaults();
    server.setLatency(0);
  });

  it('status: answers the status with Retry-After without reaching HAC, once by default', async () => {
    server.injectFault({ path: '/hac/console/count', method: 'POST', kind: 'status', status: 503, retryAfterSeconds: 1 });
    const before = executions;
    const failed = await exec();
    assert.equal(failed.status, 503);
    assert.equal(failed.headers['retry-after'], '1');
    assert.equal(executions, before);
    assert.equal((await exec()).status, 200);
  });

  it('matches by method and path, "*" for any, and hits `times` requests', async () => {
    server.injectFault({ path: '/hac/console/count', method: 'GET', kind: 'status', status: 502 });
    assert.equal((await exec()).status, 200);
    server.clearFaults();
    server.injectFault({ path: '*', kind: 'status', status: 429, times: 2 });
    assert.equal((await browser.request('/hac/console/echo')).status, 429);
    assert.equal((await exec()).status, 429);
    assert.equal((await exec()).status, 200);
    server.injectFault({ path: '*', kind: 'status', times: Infinity });
    for (let i = 0; i < 3; i += 1) assert.equal((await browser.request('/hac/console/echo')).status, 503);
    server.clearFaults();
    assert.equal((await browser.request('/hac/console/echo')).status, 200);
  });

  it('status with delayMs: a gateway that answers late', async () => {
    server.injectFault({ path: '/hac/console/count', kind: 'status', status: 504, delayMs: 250 });
    const started = Date.now();
    assert.equal((await exec()).status, 504);
    assert.ok(Date.now() - started >= 240);
  });

  it('html-error: a 500 HTML error page instead of the answer', async () => {
    server.injectFault({ path: '/hac/console/count', kind: 'html-error' });
    const answer = await exec();
    assert.equal(answer.status, 500);
    assert.match(String(answer.headers['content-type']), /text\/html/);
    assert.match(answer.body, /HTTP Status 500/);
  });

  it('reset: the request runs, then the connection dies without an answer', async () => {
    server.injectFault({ path: '/hac/console/count', kind: 'reset' });
    const before = executions;
    await assert.rejects(exec(), /socket hang up|ECONNRESET/);
    assert.equal(executions, before + 1);
    assert.equal(server.requests.at(-1)?.status, 0);
  });

  it('truncate: the headers promise more body than arrives', async () => {
    server.injectFault({ path: '/hac/console/count', kind: 'truncate' });
    await assert.rejects(exec(), /aborted|ECONNRESET|socket hang up/);
  });

  it('slow-body: the body completes only after delayMs', async () => {
    server.injectFault({ path: '/hac/console/count', kind: 'slow-body', delayMs: 300 });
    const started = Date.now();
    const answer = await exec();
    assert.equal(answer.status, 200);
    assert.ok(Date.now() - started >= 280);
    assert.equal(JSON.parse(answer.body).padding.length, 2000);
  });

  it('rejects impossible rules', () => {
    assert.throws(() => server.injectFault({ path: '*', kind: 'explode' as 'status' }), /fault kind/);
    assert.throws(() => server.injectFault({ path: '*', kind: 'status', status: 42 }), /status/);
    assert.throws(() => server.injectFault({ path: '*', kind: 'status', times: 0 }), /times/);
  });

  it('adds latency to every request', async () => {
    server.setLatency(200);
    const started = Date.now();
    assert.equal((await browser.request('/hac/console/echo')).status, 200);
    assert.ok(Date.now() - started >= 190);
    assert.throws(() => server.setLatency(-1), /latency/);
  });

  it('logs requests with method, path without query, status and node, and counts them', async () => {
    server.resetRequests();
    await browser.request('/hac/console/echo?x=1');
    await exec();
    await send(`${server.url}/hac/console/count`, { method: 'POST' });
    assert.deepEqual(
      server.requests.map(({ method, path, status, node }) => ({ method, path, status, node })),
      [
        { method: 'GET', path: '/hac/console/echo', status: 200, node: 'node0' },
        { method: 'POST', path: '/hac/console/count', status: 200, node: 'node0' },
        { method: 'POST', path: '/hac/console/count', status: 405, node: 'node0' },
      ],
    );
    assert.ok(server.requests.every((record) => record.at instanceof Date));
    assert.equal(server.count('POST', '/hac/console/count'), 2);
    assert.equal(server.count('post'), 2);
    assert.equal(server.count('GET'), 1);
    server.resetRequests();
    assert.equal(server.requests.length, 0);
    assert.equal(server.count('POST'), 0);
  });
});
