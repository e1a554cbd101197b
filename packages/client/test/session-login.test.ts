import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dirname } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { BasicAuthHandler, HacAuthenticationError, HacClient, HacContextPathError, SessionManager } from 'hac-client';
import { cleanupDirs, client, emulator, useEmulator, LOGIN, log, PASSWORD, tempCacheDir, USER } from './session-helpers.js';

const SCRIPT = 'POST /hac/console/scripting/execute 200';

describe('login and the session cache', () => {
  const emu = useEmulator();
  afterEach(() => emu.resetRequests());

  it('cold start: login page, form POST, start page, then the call (3 + 1 requests)', async () => {
    const cacheDir = await tempCacheDir();
    const result = await client(emu, cacheDir).executeGroovy('return 6 * 7');
    assert.equal(result.success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
  });

  it('warm call from a new client with a cached session costs exactly 1 request', async () => {
    const cacheDir = await tempCacheDir();
    await client(emu, cacheDir).executeGroovy('return 1');
    emu.resetRequests();
    const result = await client(emu, cacheDir).executeGroovy('return 2');
    assert.equal(result.success, true);
    assert.deepEqual(log(emu), [SCRIPT]);
  });

  it('explicit login() validates a cached session with a single GET, and the next call needs nothing else', async () => {
    const cacheDir = await tempCacheDir();
    await client(emu, cacheDir).login();
    emu.resetRequests();
    const c = client(emu, cacheDir);
    await c.login();
    assert.deepEqual(log(emu), ['GET /hac/ 200']);
    await c.executeGroovy('return 3');
    assert.deepEqual(log(emu), ['GET /hac/ 200', SCRIPT]);
  });

  it('calls made while login() runs join it instead of logging in again', async () => {
    // Without the cache, so that the file lock cannot hide a second in-process login.
    const c = client(emu, await tempCacheDir(), { sessionPersistence: false });
    const results = await Promise.all([c.login(), c.executeGroovy('return 1'), c.executeGroovy('return 2')]);
    assert.equal(results[1].success && results[2].success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT, SCRIPT]);
  });

  it('explicit login() replaces a dead cached session (1 GET, then a fresh login)', async () => {
    const cacheDir = await tempCacheDir();
    await client(emu, cacheDir).login();
    const before = await new SessionManager({ cacheDir }).loadSession(emu.url, USER);
    emu.expireSessions();
    emu.resetRequests();
    await client(emu, cacheDir).login();
    assert.deepEqual(log(emu), ['GET /hac/ 302', ...LOGIN()]);
    const afterLogin = await new SessionManager({ cacheDir }).loadSession(emu.url, USER);
    assert.ok(afterLogin && before && afterLogin.sessionId !== before.sessionId);
  });

  it('wrong password: a clear HacAuthenticationError, one attempt, nothing cached, no password in it', async () => {
    const cacheDir = await tempCacheDir();
    const c = new HacClient({ baseUrl: emu.url, authHandler: new BasicAuthHandler(USER, 'Wr0ng-Passw0rd'), cacheDir });
    await assert.rejects(c.executeGroovy('return 1'), (error: unknown) => {
      assert.ok(error instanceof HacAuthenticationError);
      assert.equal(error.message, `Login failed for user 'admin' at ${emu.url}/hac: wrong username or password`);
      assert.ok(!JSON.stringify(error, Object.getOwnPropertyNames(error)).includes('Wr0ng-Passw0rd'));
      return true;
    });
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
    assert.equal(emu.count('POST', '/hac/console/scripting/execute'), 0);
    const files = await readdir(cacheDir).catch(() => []);
    assert.deepEqual(files.filter((f) => /^session_\w+\.json$/.test(f)), []);
    for (const file of files) assert.ok(!(await readFile(`${cacheDir}/${file}`, 'utf8')).includes('Wr0ng'), file);
    // A second call tries once more (the caller decides), never in a loop.
    await assert.rejects(c.executeGroovy('return 1'), HacAuthenticationError);
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 2);
  });

  it('caches in a 0700 directory, a 0600 file, with no password; a corrupt file means a fresh login', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.executeGroovy('return 1');
    const path = new SessionManager({ cacheDir }).sessionPath(emu.url, USER);
    assert.equal(dirname(path), cacheDir);
    assert.equal((await stat(cacheDir)).mode & 0o777, 0o700);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const text = await readFile(path, 'utf8');
    assert.ok(!text.includes(PASSWORD));
    const info = await c.sessionInfo();
    assert.equal(info?.username, USER);
    assert.equal(info?.environment, 'local');
    assert.equal(info?.path, path);
    await writeFile(path, '{ not json');
    emu.resetRequests();
    assert.equal((await client(emu, cacheDir).executeGroovy('return 2')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
    assert.ok(JSON.parse(await readFile(path, 'utf8')));
  });

  it('an unusable cache directory degrades to logging in per process, with one warning, never fails a call', async () => {
    const parent = await tempCacheDir();
    await writeFile(`${parent}-file`, 'not a directory');
    const warnings: string[] = [];
    const c = client(emu, `${parent}-file/cache`, { onWarning: (message) => warnings.push(message) });
    assert.equal((await c.executeGroovy('return 1')).success, true);
    assert.equal((await c.executeGroovy('return 2')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT, SCRIPT]);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /^session cache not used: .*cache-file\/cache cannot be created: .*cache-file is not a directory; remove it; calls go on without it/);
  });

  for (const host of ['localhost', '127.0.0.1']) {
    it(`logs in through http://${host}:PORT (host-only cookies, JSESSIONID on Path=/hac)`, async () => {
      emu.resetRequests();
      const cacheDir = await tempCacheDir();
      const baseUrl = emu.url.replace('127.0.0.1', host);
      const c = client(emu, cacheDir, { baseUrl });
      assert.equal((await c.executeGroovy('return 1')).success, true);
      assert.equal((await c.executeGroovy('return 2')).success, true);
      // `GET /hac/ 200` (not a redirect to the login page): the new session cookie was sent.
      assert.deepEqual(log(emu), [...LOGIN(), SCRIPT, SCRIPT]);
      const stored = await new SessionManager({ cacheDir }).loadSession(baseUrl, USER);
      assert.match(stored?.sessionId ?? '', /^[^"=;\s]+$/);
    });
  }

  it('sessionPersistence: false never touches the cache', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir, { sessionPersistence: false });
    await c.executeGroovy('return 1');
    await c.executeGroovy('return 2');
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT, SCRIPT]);
    await assert.rejects(readdir(cacheDir), { code: 'ENOENT' });
  });

  it('records last_used_at without an extra request', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.executeGroovy('return 1');
    const path = new SessionManager({ cacheDir }).sessionPath(emu.url, USER);
    const first = JSON.parse(await readFile(path, 'utf8')) as { last_used_at: number; created_at: number };
    assert.ok(Math.abs(first.last_used_at - Date.now() / 1000) < 5);
    assert.equal(first.created_at, first.last_used_at);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
  });

  it('logout ends the session on the server and removes the cache file', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.executeGroovy('return 1');
    const mgr = new SessionManager({ cacheDir });
    const ended = await mgr.loadSession(emu.url, USER);
    assert.ok(ended);
    emu.resetRequests();
    await c.logout();
    assert.equal(emu.count('POST', '/hac/j_spring_security_logout'), 1);
    // 302 to the login page: HAC took the session cookie and CSRF token (405 would be a refusal).
    assert.deepEqual(log(emu), ['POST /hac/j_spring_security_logout 302']);
    assert.equal(await mgr.loadSession(emu.url, USER), null);
    emu.resetRequests();
    await c.executeGroovy('return 2');
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
    // The old session is dead on the server: put back into the cache, it is rejected and replaced.
    await mgr.saveSession({ baseUrl: emu.url, username: USER, sessionId: ended.sessionId, csrfToken: ended.csrfToken });
    emu.resetRequests();
    await client(emu, cacheDir).executeGroovy('return 3');
    assert.deepEqual(log(emu), ['POST /hac/console/scripting/execute 405', ...LOGIN(), SCRIPT]);
  });

  it('uses a session imported from a browser (JSESSIONID, CSRF token) without logging in', async () => {
    const source = await tempCacheDir();
    await client(emu, source).login();
    const mgr = new SessionManager({ cacheDir: source });
    const live = await mgr.loadSession(emu.url, USER);
    assert.ok(live);
    const cacheDir = await tempCacheDir();
    await new SessionManager({ cacheDir }).saveSession({ baseUrl: emu.url, username: USER, sessionId: live.sessionId, csrfToken: live.csrfToken });
    emu.resetRequests();
    await client(emu, cacheDir).executeGroovy('return 1');
    assert.deepEqual(log(emu), [SCRIPT]);
  });

  it('asks the auth handler for the password only when it must log in', async () => {
    const cacheDir = await tempCacheDir();
    let asked = 0;
    const handler = {
      username: USER,
      getCredentials: () => {
        asked++;
        return { username: USER, password: PASSWORD };
      },
    };
    const make = (): HacClient => new HacClient({ baseUrl: emu.url, authHandler: handler, cacheDir });
    await make().executeGroovy('return 1');
    await make().executeGroovy('return 2');
    assert.equal(asked, 1);
  });

  it('a handler without a declared username is asked once on a cold start: the answer that names the user also logs in', async () => {
    const cacheDir = await tempCacheDir();
    let asked = 0;
    const handler = {
      getCredentials: async () => {
        asked++;
        return { username: USER, password: PASSWORD };
      },
    };
    const make = (): HacClient => new HacClient({ baseUrl: emu.url, authHandler: handler, cacheDir });
    await make().executeGroovy('return 1');
    assert.equal(asked, 1);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
    emu.resetRequests();
    // A new client asks once to learn whose cached session to use, and logs in with nothing.
    await make().executeGroovy('return 2');
    assert.equal(asked, 2);
    assert.deepEqual(log(emu), [SCRIPT]);
  });
});

describe('context paths and old HAC', () => {
  after(cleanupDirs);

  it('HAC marks JSESSIONID Secure; over http:// to loopback the client still sends it back, as browsers do', async () => {
    const emu = await emulator();
    try {
      const page = await fetch(`${emu.url}/hac/login`);
      assert.match(page.headers.getSetCookie().find((line) => line.startsWith('JSESSIONID=')) ?? '', /; Secure;/);
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:/);
      emu.resetRequests();
      assert.equal((await client(emu, await tempCacheDir()).executeGroovy('return 1')).success, true);
      assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
    } finally {
      await emu.close();
    }
  });

  it('over http:// to another host the Secure cookie cannot come back: one clear error before the password is sent, never a login loop', async (t) => {
    const address = Object.values(networkInterfaces()).flat().find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (!address) return t.skip('this machine has no non-loopback IPv4 address to listen on');
    const emu = await emulator({ host: address });
    try {
      const c = client(emu, await tempCacheDir());
      for (let attempt = 0; attempt < 2; attempt++) {
        await assert.rejects(c.executeGroovy('return 1'), (error: unknown) => {
          assert.ok(error instanceof HacAuthenticationError);
          assert.match(error.message, /over plain HTTP: HAC marks its JSESSIONID cookie Secure.*use https:\/\//);
          return true;
        });
      }
      // Each call made one request, and the credentials never travelled over the plain connection.
      assert.deepEqual(log(emu), ['GET /hac/login 200', 'GET /hac/login 200']);
    } finally {
      await emu.close();
    }
  });

  it('works with HAC at the root context path', async () => {
    const emu = await emulator({ contextPath: '' });
    try {
      const cacheDir = await tempCacheDir();
      assert.equal((await client(emu, cacheDir, { hacPath: '' }).executeGroovy('return 1')).success, true);
      assert.deepEqual(log(emu), [...LOGIN(''), 'POST /console/scripting/execute 200']);
      emu.resetRequests();
      await client(emu, cacheDir, { hacPath: '' }).executeGroovy('return 2');
      assert.deepEqual(log(emu), ['POST /console/scripting/execute 200']);
      // keyed apart from a /hac session of the same server
      assert.ok(new SessionManager({ cacheDir }).sessionPath(emu.url, USER, 'local', '') !== new SessionManager({ cacheDir }).sessionPath(emu.url, USER));
      assert.ok(await new SessionManager({ cacheDir }).loadSession(emu.url, USER, 'local', ''));
      // The default /hac there: HAC sends it to its login page at the root; the message points at
      // the context path, and no password was sent.
      emu.resetRequests();
      await assert.rejects(client(emu, cacheDir, { hacPath: '/hac' }).executeGroovy('return 3'), (error: Error) => {
        assert.ok(error instanceof HacContextPathError);
        assert.equal(error.status, 302);
        assert.match(error.message, /^The login page redirects to \/login, outside http:\/\/127\.0\.0\.1:\d+\/hac: check the URL and the context path \(hacPath; default \/hac\): GET http:\/\/\S+\/hac\/login$/);
        return true;
      });
      assert.deepEqual(log(emu), ['GET /hac/login 302']);
    } finally {
      await emu.close();
    }
  });

  it('a server that is not HAC (a page for every path, or 404) is a context path error; no password is sent', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
      if (request.url?.startsWith('/admin/')) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h1>Storefront</h1><form action="/search"><input name="q"></form></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const cacheDir = await tempCacheDir();
      const at = (hacPath: string): HacClient => new HacClient({ baseUrl: `http://127.0.0.1:${port}`, hacPath, authHandler: new BasicAuthHandler(USER, PASSWORD), cacheDir });
      await assert.rejects(at('/hac').executeGroovy('return 1'), (error: Error) => {
        assert.ok(error instanceof HacContextPathError);
        assert.match(error.message, /^No HAC login page at http:\/\/127\.0\.0\.1:\d+\/hac \(HTTP 200: a page without a login form\): check the URL and the context path \(hacPath; default \/hac\): GET \S+\/hac\/login$/);
        assert.match(error.excerpt, /Storefront/);
        return true;
      });
      await assert.rejects(at('/admin').executeGroovy('return 1'), (error: Error) => {
        assert.ok(error instanceof HacContextPathError);
        assert.equal(error.status, 404);
        assert.match(error.message, /^No HAC login page at http:\/\/\S+\/admin \(HTTP 404\): check the URL and the context path \(hacPath; default \/hac\): GET \S+\/admin\/login\.jsp$/);
        return true;
      });
      assert.deepEqual(requests, ['GET /hac/login', 'GET /admin/login', 'GET /admin/login.jsp']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('falls back to login.jsp and recovers from 403 on legacy HAC', async () => {
    const emu = await emulator({ legacy: true });
    try {
      const cacheDir = await tempCacheDir();
      await client(emu, cacheDir).executeGroovy('return 1');
      assert.equal(emu.count('GET', '/hac/login.jsp'), 1);
      assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
      emu.expireSessions();
      emu.resetRequests();
      assert.equal((await client(emu, cacheDir).executeGroovy('return 2')).success, true);
      assert.equal(emu.requests[0]?.status, 403);
      assert.equal(emu.count('POST', '/hac/console/scripting/execute'), 2);
      assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
    } finally {
      await emu.close();
    }
  });

  it('keeps the load balancer ROUTE so every request reaches the node that owns the session', async () => {
    const emu = await emulator({ nodes: 2 });
    try {
      const cacheDir = await tempCacheDir();
      const c = client(emu, cacheDir);
      for (let i = 0; i < 6; i++) assert.equal((await c.executeGroovy(`return ${i}`)).success, true);
      const warm = client(emu, cacheDir);
      for (let i = 0; i < 3; i++) await warm.executeGroovy(`return ${i}`);
      assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
      const nodes = new Set(emu.requests.slice(1).map((r) => r.node));
      assert.equal(nodes.size, 1, `requests spread over ${[...nodes].join(', ')}`);
      const stored = await new SessionManager({ cacheDir }).loadSession(emu.url, USER);
      assert.match(stored?.routeCookie ?? '', /^ROUTE=(?!ROUTE=)./);
    } finally {
      await emu.close();
    }
  });
});
