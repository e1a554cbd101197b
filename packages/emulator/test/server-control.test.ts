import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HacServer } from '../src/server/http-server.js';
import { Browser, send, startTestServer } from './server-helpers.js';

async function control(server: HacServer, method: string, name: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const init = body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const answer = await send(`${server.url}/__emulator/${name}`, init);
  return { status: answer.status, json: JSON.parse(answer.body) };
}

describe('HTTP control API', () => {
  let server: HacServer;
  before(async () => {
    server = await startTestServer({ control: true });
  });
  after(() => server.close());

  it('counts and lists requests, without logging control requests', async () => {
    const browser = new Browser(server.url);
    await control(server, 'POST', 'reset-requests');
    await browser.login();
    const counts = await control(server, 'GET', 'counts');
    assert.deepEqual(counts.json, { 'GET /hac/login': 1, 'POST /hac/j_spring_security_check': 1, 'GET /hac/': 1 });
    const requests = (await control(server, 'GET', 'requests')).json as { method: string; path: string; status: number; node: string; at: string }[];
    assert.deepEqual(requests.map((record) => record.status), [200, 302, 200]);
    assert.ok(!Number.isNaN(Date.parse(requests[0]?.at ?? '')));
    await control(server, 'POST', 'reset-requests');
    assert.deepEqual((await control(server, 'GET', 'counts')).json, {});
  });

  it('expires sessions, restarts, sets latency and lockout', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    assert.deepEqual(await control(server, 'POST', 'expire-sessions'), { status: 200, json: { ok: true } });
    assert.equal((await browser.request('/hac/')).status, 302);

    assert.equal((await control(server, 'POST', 'lockout', { after: 1 })).status, 200);
    await browser.request('/hac/login');
    await browser.post('/hac/j_spring_security_check', { j_username: 'admin', j_password: 'bad', _csrf: browser.token ?? '' });
    await assert.rejects(browser.login(), /login failed/);
    assert.equal((await control(server, 'POST', 'restart')).status, 200);
    await control(server, 'POST', 'lockout', { after: 0 });
    await browser.login();

    assert.equal((await control(server, 'POST', 'latency', { ms: 150 })).status, 200);
    const started = Date.now();
    await browser.request('/hac/');
    assert.ok(Date.now() - started >= 140);
    await control(server, 'POST', 'latency', { ms: 0 });
    assert.equal((await control(server, 'POST', 'latency', { ms: -5 })).status, 400);
  });

  it('injects, lists and clears faults; "times": null keeps one until cleared', async () => {
    assert.equal((await control(server, 'POST', 'faults', { path: '/hac/login', kind: 'status', status: 503, retryAfterSeconds: 2, times: null })).status, 200);
    assert.deepEqual((await control(server, 'GET', 'faults')).json, [
      { path: '/hac/login', kind: 'status', status: 503, retryAfterSeconds: 2, times: null, remaining: null },
    ]);
    for (let i = 0; i < 2; i += 1) {
      const answer = await send(`${server.url}/hac/login`);
      assert.equal(answer.status, 503);
      assert.equal(answer.headers['retry-after'], '2');
    }
    assert.equal((await control(server, 'DELETE', 'faults')).status, 200);
    assert.equal((await send(`${server.url}/hac/login`)).status, 200);
    const bad = await control(server, 'POST', 'faults', { path: '*', kind: 'nope' });
    assert.equal(bad.status, 400);
    assert.match((bad.json as { error: string }).error, /fault kind/);
  });

  it('refuses numbers out of range instead of letting a timer overflow (1e300 ms would fire after 1 ms)', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['latency', { ms: 1e300 }, /latency must be a number from 0 to 600000 \(ms\), got 1e\+300/],
      ['latency', { ms: -5 }, /latency must be a number from 0/],
      ['latency', { ms: '10' }, /"ms" must be a number/],
      ['lockout', { after: 1e300 }, /lockout must be an integer from 0 to 1000000/],
      ['lockout', { after: 1.5 }, /lockout must be an integer/],
      ['faults', { path: '*', kind: 'slow-body', delayMs: 1e300 }, /fault delayMs must be a number from 0 to 600000/],
      ['faults', { path: '*', kind: 'status', retryAfterSeconds: 1e12 }, /fault retryAfterSeconds must be a number from 0 to 86400/],
      ['faults', { path: '*', kind: 'status', times: 1.5 }, /fault times .* must be an integer from 1/],
    ];
    for (const [name, body, message] of cases) {
      const answer = await control(server, 'POST', name, body);
      assert.equal(answer.status, 400, `${name} ${JSON.stringify(body)}`);
      assert.match((answer.json as { error: string }).error, message);
    }
    assert.deepEqual((await control(server, 'GET', 'faults')).json, []);
    assert.throws(() => server.setLatency(Infinity), /latency must be a number from 0 to 600000/);
  });

  it('answers unknown endpoints and bad bodies with JSON errors', async () => {
    assert.equal((await control(server, 'GET', 'nothing')).status, 404);
    const notJson = await send(`${server.url}/__emulator/latency`, { method: 'POST', body: '{oops' });
    assert.equal(notJson.status, 400);
  });

  it('is off by default: /__emulator/ answers 404', async () => {
    const plain = await startTestServer();
    try {
      assert.equal((await send(`${plain.url}/__emulator/counts`)).status, 404);
      assert.equal((await send(`${plain.url}/__emulator/restart`, { method: 'POST' })).status, 404);
    } finally {
      await plain.close();
    }
  });
});
