import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../src/index.js';
import { Browser, form, send, type RawResponse } from './server-helpers.js';

/**
 * The whole emulator (two nodes, real consoles) against clients that cut the corners the protocol file
 * lists: each must fail the way it fails against HAC, while the careful client succeeds.
 */
describe('corner-cutting clients fail as against HAC', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ port: 0, nodes: 2 });
  });
  after(() => emu.close());

  const EXECUTE = '/hac/console/flexsearch/execute';
  const QUERY = { flexibleSearchQuery: 'SELECT {pk} FROM {Product}', maxCount: '1' };
  const execute = (cookie: string, token: string, path = EXECUTE): Promise<RawResponse> =>
    send(emu.url + path, { method: 'POST', headers: { ...form(QUERY).headers, Cookie: cookie, 'X-CSRF-TOKEN': token }, body: form(QUERY).body });

  /** Login page, then login: the cookies and tokens before and after. */
  async function loginKeepingOld(): Promise<{ browser: Browser; preSession: string; preToken: string; route: string }> {
    const browser = new Browser(emu.url);
    const page = await browser.request('/hac/login');
    // No Domain attribute, so a jar keyed by the bare host sends them back; the session cookie is per context path.
    assert.ok(page.setCookies.every((line) => !/;\s*domain=/i.test(line)), page.setCookies.join('\n'));
    const preSession = browser.cookies.get('JSESSIONID') ?? '';
    const preToken = browser.token ?? '';
    const route = browser.cookies.get('ROUTE') ?? '';
    assert.ok(preSession && preToken && route);
    // Before login, a valid pre-login session and token pass the CSRF check but not authentication.
    const early = await execute(`JSESSIONID=${preSession}; ROUTE=${route}`, preToken);
    assert.deepEqual([early.status, early.headers.location], [302, '/hac/login']);
    const login = await browser.post('/hac/j_spring_security_check', { j_username: 'admin', j_password: 'nimda', _csrf: preToken });
    assert.deepEqual([login.status, login.headers.location], [302, '/hac/']);
    await browser.request('/hac/');
    return { browser, preSession, preToken, route };
  }

  it('the careful client: new session id, new token, ROUTE kept, no trailing slash', async () => {
    const { browser, route } = await loginKeepingOld();
    const answer = await execute(`JSESSIONID=${browser.cookies.get('JSESSIONID')}; ROUTE=${route}`, browser.token ?? '');
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).resultCount, 1);
  });

  it('keeping the pre-login session id: 405 on POST (with either token), 302 to login on GET', async () => {
    const { browser, preSession, preToken, route } = await loginKeepingOld();
    const old = `JSESSIONID=${preSession}; ROUTE=${route}`;
    assert.equal((await execute(old, preToken)).status, 405);
    assert.equal((await execute(old, browser.token ?? '')).status, 405);
    const page = await send(`${emu.url}/hac/console/flexsearch`, { headers: { Cookie: old } });
    assert.deepEqual([page.status, page.headers.location], [302, '/hac/login']);
  });

  it('reusing the pre-login CSRF token with the new session: 405', async () => {
    const { browser, preToken, route } = await loginKeepingOld();
    assert.equal((await execute(`JSESSIONID=${browser.cookies.get('JSESSIONID')}; ROUTE=${route}`, preToken)).status, 405);
  });

  it('sending no cookies (a jar pinned to another domain sends none): 405', async () => {
    const { browser } = await loginKeepingOld();
    assert.equal((await execute('', browser.token ?? '')).status, 405);
  });

  it('dropping ROUTE: the balancer picks a node that does not know the session, and the POST gets 405', async () => {
    const { browser } = await loginKeepingOld();
    const statuses = [];
    for (let i = 0; i < 2; i += 1) statuses.push((await execute(`JSESSIONID=${browser.cookies.get('JSESSIONID')}`, browser.token ?? '')).status);
    // Round-robin over two nodes: one of two consecutive requests lands on the other node.
    assert.ok(statuses.includes(405), statuses.join(','));
  });

  it('a trailing slash: 404 on consoles and on JSON endpoints', async () => {
    const { browser, route } = await loginKeepingOld();
    const cookie = `JSESSIONID=${browser.cookies.get('JSESSIONID')}; ROUTE=${route}`;
    assert.equal((await execute(cookie, browser.token ?? '', `${EXECUTE}/`)).status, 404);
    assert.equal((await send(`${emu.url}/hac/platform/init/data/`, { headers: { Cookie: cookie } })).status, 404);
  });

  it('the cluster page lists every node and marks the one that serves the session', async () => {
    const { browser, route } = await loginKeepingOld();
    const page = await browser.request('/hac/monitoring/cluster');
    assert.equal(page.status, 200);
    assert.deepEqual([...page.body.matchAll(/<tr data-node="(node\d)"/g)].map((m) => m[1]), ['node0', 'node1']);
    assert.match(page.body, new RegExp(`<tr data-node="${route.slice(1)}" class="currentNode">`));
  });

  it('following the login 302 with a POST: 405', async () => {
    const browser = new Browser(emu.url);
    await browser.request('/hac/login');
    const login = await browser.post('/hac/j_spring_security_check', { j_username: 'admin', j_password: 'nimda', _csrf: browser.token ?? '' });
    const followed = await browser.post(login.headers.location ?? '', { j_username: 'admin', j_password: 'nimda', _csrf: browser.token ?? '' });
    assert.equal(followed.status, 405);
  });
});
