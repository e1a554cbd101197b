import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HacServer } from '../src/server/http-server.js';
import { Browser, send, startTestServer } from './server-helpers.js';

describe('several nodes behind a sticky load balancer', () => {
  let server: HacServer;
  before(async () => {
    server = await startTestServer({ nodes: 3 });
  });
  after(() => server.close());

  it('sets ROUTE (Path=/, HttpOnly) on a request without one and keeps a client on its node', async () => {
    const browser = new Browser(server.url);
    const first = await browser.request('/hac/login');
    const route = first.setCookies.find((line) => line.startsWith('ROUTE='));
    assert.match(route ?? '', /^ROUTE=\.node[0-2]; Path=\/; HttpOnly$/);
    await browser.login();
    const nodes = new Set<string>();
    for (let i = 0; i < 6; i += 1) {
      const answer = await browser.request('/hac/console/echo');
      assert.equal(answer.status, 200);
      assert.equal(answer.setCookies.length, 0);
      nodes.add(answer.body);
    }
    assert.equal(nodes.size, 1);
    assert.equal([...nodes][0], `hello admin from ${browser.cookies.get('ROUTE')?.slice(1)}`);
  });

  it('spreads requests without ROUTE round-robin, so a client that drops ROUTE loses its session', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3; i += 1) {
      const answer = await send(`${server.url}/hac/login`);
      seen.add(answer.setCookies.find((line) => line.startsWith('ROUTE=')) ?? '');
    }
    assert.equal(seen.size, 3);

    const browser = new Browser(server.url);
    await browser.request('/hac/login');
    browser.cookies.delete('ROUTE');
    // The next request lands on another node, which does not know the session: the login POST fails.
    const login = await browser.post('/hac/j_spring_security_check', { j_username: 'admin', j_password: 'nimda', _csrf: browser.token ?? '' });
    assert.equal(login.status, 405);
  });

  it('keeps sessions per node: a session id sent with another ROUTE is unknown there', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    const mine = browser.cookies.get('ROUTE') ?? '';
    const other = ['.node0', '.node1', '.node2'].find((route) => route !== mine) ?? '';
    const answer = await send(`${server.url}/hac/console/echo`, { headers: { Cookie: `JSESSIONID=${browser.cookies.get('JSESSIONID')}; ROUTE=${other}` } });
    assert.equal(answer.status, 302);
    const targeted = await send(`${server.url}/hac/console/echo`, { headers: { Cookie: `ROUTE=${mine}; JSESSIONID=${browser.cookies.get('JSESSIONID')}` } });
    assert.equal(targeted.status, 200);
  });

  it('answers 400 to a doubled ROUTE=ROUTE= value and re-assigns an unknown route', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    const bad = await send(`${server.url}/hac/`, { headers: { Cookie: `JSESSIONID=${browser.cookies.get('JSESSIONID')}; ROUTE=ROUTE=${browser.cookies.get('ROUTE')}` } });
    assert.equal(bad.status, 400);
    const unknown = await send(`${server.url}/hac/login`, { headers: { Cookie: 'ROUTE=.somewhere-else' } });
    assert.equal(unknown.status, 200);
    assert.match(unknown.setCookies.join('\n'), /ROUTE=\.node\d/);
  });

  it('sets no ROUTE with a single node', async () => {
    const single = await startTestServer();
    try {
      const answer = await send(`${single.url}/hac/login`, { headers: { Cookie: 'ROUTE=ROUTE=x' } });
      assert.equal(answer.status, 200);
      assert.ok(!answer.setCookies.some((line) => line.startsWith('ROUTE=')));
    } finally {
      await single.close();
    }
  });
});
