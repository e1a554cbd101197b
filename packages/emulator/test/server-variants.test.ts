import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { Browser, echoRoutes, form, send, startTestServer } from './server-helpers.js';

describe('server variants', () => {
  it('legacy: login at /login.jsp, 403 instead of 405', async () => {
    const server = await startTestServer({ legacy: true });
    try {
      assert.equal((await send(`${server.url}/hac/`)).headers.location, '/hac/login.jsp');
      const browser = new Browser(server.url);
      await browser.request('/hac/login.jsp');
      const failed = await browser.post('/hac/j_spring_security_check', { j_username: 'admin', j_password: 'x', _csrf: browser.token ?? '' });
      assert.equal(failed.headers.location, '/hac/login.jsp?login_error=1');
      const ok = await browser.post('/hac/j_spring_security_check', { j_username: 'admin', j_password: 'nimda', _csrf: browser.token ?? '' });
      assert.equal(ok.headers.location, '/hac/');
      assert.equal((await browser.post('/hac/console/echo', {})).status, 403);
      assert.equal((await send(`${server.url}/hac/console/echo`, { method: 'POST', ...form({}) })).status, 403);
    } finally {
      await server.close();
    }
  });

  it('serves HAC at the root with contextPath "" and cookies on Path=/', async () => {
    const server = await startTestServer({ contextPath: '' });
    try {
      const browser = new Browser(server.url);
      const page = await browser.request('/login');
      assert.match(page.setCookies[0] ?? '', /^JSESSIONID=\w+; Path=\/; Secure; HttpOnly$/);
      assert.match(page.body, /action="\/j_spring_security_check"/);
      const dashboard = await browser.login('');
      assert.equal(dashboard.status, 200);
      const echo = await browser.post('/console/echo', { a: 'b' }, { 'X-CSRF-TOKEN': browser.token ?? '' });
      assert.deepEqual(JSON.parse(echo.body).contextPath, '');
      assert.equal(JSON.parse(echo.body).path, '/console/echo');
      assert.equal((await browser.request('/console/echo/')).status, 404);
      assert.equal((await send(`${server.url}/`)).headers.location, '/login');
    } finally {
      await server.close();
    }
  });

  it('expires an idle session after the timeout, but not an active one', async () => {
    const server = await startTestServer({ sessionTimeoutSeconds: 1 });
    try {
      const active = new Browser(server.url);
      const idle = new Browser(server.url);
      await active.login();
      await idle.login();
      for (let i = 0; i < 3; i += 1) {
        await sleep(450);
        assert.equal((await active.request('/hac/console/echo')).status, 200);
      }
      assert.equal((await idle.request('/hac/console/echo')).status, 302);
      assert.equal((await idle.post('/hac/console/echo', {}, { 'X-CSRF-TOKEN': idle.token ?? '' })).status, 405);
    } finally {
      await server.close();
    }
  });

  it('locks a user out after N failed logins until restart()', async () => {
    const server = await startTestServer({ lockoutAfter: 2, users: [{ username: 'admin', password: 'nimda' }, { username: 'dev', password: 'secret' }] });
    try {
      const browser = new Browser(server.url);
      await browser.request('/hac/login');
      const attempt = async (username: string, password: string): Promise<string | undefined> =>
        (await browser.post('/hac/j_spring_security_check', { j_username: username, j_password: password, _csrf: browser.token ?? '' })).headers.location;
      assert.equal(await attempt('admin', 'a'), '/hac/login?login_error=1');
      assert.equal(await attempt('admin', 'b'), '/hac/login?login_error=1');
      assert.equal(await attempt('admin', 'nimda'), '/hac/login?login_error=1');
      await new Browser(server.url).login('/hac', 'dev', 'secret');
      server.restart();
      await new Browser(server.url).login('/hac', 'admin', 'nimda');
      server.setLockout(0);
      assert.throws(() => server.setLockout(-1), /lockout/);
    } finally {
      await server.close();
    }
  });

  it('expireSessions() and restart() kill every session on every node', async () => {
    const server = await startTestServer({ nodes: 2 });
    try {
      const browsers = [new Browser(server.url), new Browser(server.url)];
      for (const browser of browsers) await browser.login();
      assert.notEqual(browsers[0]?.cookies.get('ROUTE'), browsers[1]?.cookies.get('ROUTE'));
      server.expireSessions();
      for (const browser of browsers) assert.equal((await browser.request('/hac/')).status, 302);
      for (const browser of browsers) await browser.login();
      server.restart();
      for (const browser of browsers) assert.equal((await browser.request('/hac/')).status, 302);
    } finally {
      await server.close();
    }
  });

  it('speaks HTTPS with a self-signed certificate and marks cookies Secure', async () => {
    const server = await startTestServer({ tls: true, nodes: 2 });
    try {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      await assert.rejects(fetch(`${server.url}/hac/login`), /fetch failed/);
      const browser = new Browser(server.url);
      const page = await browser.request('/hac/login');
      assert.match(page.setCookies.find((line) => line.startsWith('JSESSIONID=')) ?? '', /; Path=\/hac; Secure; HttpOnly$/);
      assert.match(page.setCookies.find((line) => line.startsWith('ROUTE=')) ?? '', /^ROUTE=\.node\d; Path=\/; Secure; HttpOnly$/);
      assert.equal((await browser.login()).status, 200);
      assert.equal((await browser.post('/hac/console/echo', {}, { 'X-CSRF-TOKEN': browser.token ?? '' })).status, 200);
    } finally {
      await server.close();
    }
  });

  it('bound to every interface, it gives a loopback URL that works (0.0.0.0 is no address to connect to)', async () => {
    const server = await startTestServer({ host: '0.0.0.0' });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await send(`${server.url}/hac/login`)).status, 200);
    } finally {
      await server.close();
    }
  });

  it('answers a target that is neither a path nor a URL as Tomcat does: 400, and OPTIONS * with Allow', async () => {
    const server = await startTestServer();
    try {
      const { port } = new URL(server.url);
      const raw = (line: string): Promise<string> =>
        new Promise((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () => socket.end(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`));
          let answer = '';
          socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
          socket.on('end', () => resolve(answer));
          socket.on('error', reject);
        });
      assert.match(await raw('GET * HTTP/1.1'), /^HTTP\/1\.1 400 [\s\S]*HTTP Status 400/);
      assert.match(await raw('OPTIONS * HTTP/1.1'), /^HTTP\/1\.1 200 [\s\S]*\r\nAllow: GET, HEAD, POST, PUT, DELETE, OPTIONS\r\n/);
      assert.equal((await send(`${server.url}/hac/login`)).status, 200);
      assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`), ['GET * 400', 'OPTIONS * 200', 'GET /hac/login 200']);
    } finally {
      await server.close();
    }
  });

  it('aborts the route\'s signal when the client goes away', { timeout: 5000 }, async () => {
    let aborted: Promise<void> | undefined;
    const server = await startTestServer({}, [
      ...echoRoutes,
      {
        method: 'POST',
        path: '/console/wait',
        handle: (request) => {
          aborted = new Promise((resolve) => request.signal.addEventListener('abort', () => resolve()));
          return aborted.then(() => ({ status: 200, headers: {}, body: 'late' }));
        },
      },
    ]);
    try {
      const browser = new Browser(server.url);
      await browser.login();
      const controller = new AbortController();
      const pending = fetch(`${server.url}/hac/console/wait`, {
        method: 'POST',
        headers: { Cookie: browser.cookieHeader(), 'X-CSRF-TOKEN': browser.token ?? '' },
        signal: controller.signal,
      });
      while (!aborted) await sleep(10);
      controller.abort();
      await assert.rejects(pending, /abort/i);
      await aborted;
    } finally {
      await server.close();
    }
  });
});
