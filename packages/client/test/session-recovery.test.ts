import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { afterEach, describe, it } from 'node:test';
import { HacAuthenticationError, HacConnectionError, HacHttpError, HacTimeoutError, SessionManager } from 'hac-client';
import { SessionStore } from '../src/session/cache-store.js';
import { client, useEmulator, LOGIN, log, tempCacheDir, USER } from './session-helpers.js';

const SCRIPT_PATH = '/hac/console/scripting/execute';
const SCRIPT = `POST ${SCRIPT_PATH} 200`;
const DATA_PATH = '/hac/platform/init/data';

describe('dead sessions, replay and retries', () => {
  const emu = useEmulator();
  afterEach(() => {
    emu.clearFaults();
    emu.resetRequests();
  });

  it('recovers transparently from a session that expired mid-run: exactly one replay', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.executeGroovy('return 1');
    const old = await new SessionManager({ cacheDir }).loadSession(emu.url, USER);
    emu.expireSessions();
    emu.resetRequests();
    const result = await c.executeGroovy('return 2');
    assert.equal(result.success, true);
    assert.deepEqual(log(emu), [`POST ${SCRIPT_PATH} 405`, ...LOGIN(), SCRIPT]);
    const fresh = await new SessionManager({ cacheDir }).loadSession(emu.url, USER);
    assert.ok(fresh && old && fresh.sessionId !== old.sessionId, 'the new session replaces the dead one in the cache');
  });

  it('removes a dead cached session only while holding the cache lock (no check-then-delete race with other processes)', async () => {
    const cacheDir = await tempCacheDir();
    await client(emu, cacheDir).login();
    const lockHeld: boolean[] = [];
    const original = SessionStore.prototype.remove;
    SessionStore.prototype.remove = async function (this: SessionStore, ...args: Parameters<SessionStore['remove']>) {
      if (args[3] !== undefined) lockHeld.push(existsSync(`${this.path(args[0], args[1], args[2])}.lock`));
      return original.apply(this, args);
    };
    try {
      emu.expireSessions();
      assert.equal((await client(emu, cacheDir).executeGroovy('return 1')).success, true);
      emu.expireSessions();
      await client(emu, cacheDir).login();
    } finally {
      SessionStore.prototype.remove = original;
    }
    assert.deepEqual(lockHeld, [true, true], 'one removal per dead session, each under the lock');
  });

  it('waits for a slow but live login of another process instead of breaking its lock', async () => {
    const cacheDir = await tempCacheDir();
    const mgr = new SessionManager({ cacheDir });
    const lock = `${mgr.sessionPath(emu.url, USER)}.lock`;
    // A live process (this one) has held the lock for 40 s: a slow login, not an abandoned one.
    await mkdir(cacheDir, { recursive: true, mode: 0o700 });
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), token: 'other-process', at: Date.now() - 40_000 }));
    const past = new Date(Date.now() - 40_000);
    await utimes(lock, past, past);
    const call = client(emu, cacheDir, { timeoutMs: 10_000 }).executeGroovy('return 1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 0, 'the lock was not broken');
    // The other process finishes: its session lands in the cache, then it releases the lock.
    const otherDir = await tempCacheDir();
    await client(emu, otherDir).login();
    const session = await new SessionManager({ cacheDir: otherDir }).loadSession(emu.url, USER);
    assert.ok(session);
    await mgr.saveSession({ baseUrl: emu.url, username: USER, sessionId: session.sessionId, csrfToken: session.csrfToken });
    await rm(lock);
    assert.equal((await call).success, true);
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1, "only the other process's login");
  });

  it('recovers a GET whose session died (302 to the login page)', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.login();
    emu.expireSessions();
    emu.resetRequests();
    const data = await c.getUpdateData();
    assert.ok(Array.isArray(data.projectDatas));
    assert.deepEqual(log(emu), ['GET /hac/platform/init/data 302', ...LOGIN(), 'GET /hac/platform/init/data 200']);
  });

  it('8 concurrent calls on one client share one login, also after an expiry', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => c.executeGroovy(`return ${i}`)));
    assert.ok(results.every((r) => r.success));
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
    assert.equal(emu.count('GET', '/hac/login'), 1);
    emu.expireSessions();
    emu.resetRequests();
    await Promise.all(Array.from({ length: 8 }, (_, i) => c.executeGroovy(`return ${i}`)));
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
    assert.equal(emu.count('POST', SCRIPT_PATH), 16, '8 rejected + 8 replayed, none twice');
  });

  for (const status of [401, 403, 405]) {
    it(`a GET answered ${status} is a HacHttpError at once: no login, no retry (a GET with a dead session gets a 302)`, async () => {
      const cacheDir = await tempCacheDir();
      await client(emu, cacheDir).login();
      emu.resetRequests();
      emu.injectFault({ path: DATA_PATH, method: 'GET', kind: 'status', status, times: 5 });
      await assert.rejects(client(emu, cacheDir).getUpdateData(), (error: unknown) => {
        assert.ok(error instanceof HacHttpError, String(error));
        assert.equal(error.status, status);
        assert.equal(error.method, 'GET');
        assert.match(error.message, new RegExp(`HTTP ${status}.*: GET ${emu.url}${DATA_PATH}$`));
        if (status !== 405) assert.match(error.message, /^HAC denied access .*permission/);
        return true;
      });
      assert.deepEqual(log(emu), [`GET ${DATA_PATH} ${status}`]);
    });
  }

  it('a POST denied (403) again with a fresh session: one login, one replay, then a HacHttpError naming POST url', async () => {
    const cacheDir = await tempCacheDir();
    await client(emu, cacheDir).login();
    emu.resetRequests();
    emu.injectFault({ path: SCRIPT_PATH, method: 'POST', kind: 'status', status: 403, times: 5 });
    await assert.rejects(client(emu, cacheDir).executeGroovy('return 1'), (error: unknown) => {
      assert.ok(error instanceof HacHttpError, String(error));
      assert.equal(error.status, 403);
      assert.match(error.message, new RegExp(`^HAC denied access \\(HTTP 403\\) to a freshly logged-in session of user 'admin'.*: POST ${emu.url}${SCRIPT_PATH}$`));
      return true;
    });
    assert.deepEqual(log(emu), [`POST ${SCRIPT_PATH} 403`, ...LOGIN(), `POST ${SCRIPT_PATH} 403`]);
  });

  it('a POST denied (403) right after a cold login is not answered with another login', async () => {
    emu.injectFault({ path: SCRIPT_PATH, method: 'POST', kind: 'status', status: 403, times: 5 });
    await assert.rejects(client(emu, await tempCacheDir()).executeGroovy('return 1'), (error: unknown) => error instanceof HacHttpError && error.status === 403);
    assert.deepEqual(log(emu), [...LOGIN(), `POST ${SCRIPT_PATH} 403`]);
  });

  it('a POST rejected with 405 by a fresh session is an authentication error naming POST url, not a loop', async () => {
    emu.injectFault({ path: SCRIPT_PATH, method: 'POST', kind: 'status', status: 405, times: 5 });
    await assert.rejects(client(emu, await tempCacheDir()).executeGroovy('return 1'), (error: unknown) => {
      assert.ok(error instanceof HacAuthenticationError, String(error));
      assert.match(error.message, new RegExp(`HTTP 405\\): POST ${emu.url}${SCRIPT_PATH}$`));
      return true;
    });
    assert.deepEqual(log(emu), [...LOGIN(), `POST ${SCRIPT_PATH} 405`]);
  });

  for (const kind of ['status', 'html-error'] as const) {
    it(`never replays a POST answered with a 5xx (${kind})`, async () => {
      const cacheDir = await tempCacheDir();
      const c = client(emu, cacheDir);
      await c.login();
      emu.resetRequests();
      emu.injectFault({ path: SCRIPT_PATH, method: 'POST', kind, status: 503, times: 5 });
      await assert.rejects(c.executeGroovy('return 1'), (error: unknown) => {
        assert.ok(error instanceof HacHttpError);
        assert.equal(error.status, 503);
        assert.match(error.message, new RegExp(`HTTP 503.*POST ${emu.url}${SCRIPT_PATH}$`));
        return true;
      });
      assert.equal(emu.count('POST', SCRIPT_PATH), 1);
      assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 0);
    });
  }

  it('never replays a POST whose connection was reset (the script may have run)', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.login();
    emu.resetRequests();
    emu.injectFault({ path: SCRIPT_PATH, method: 'POST', kind: 'reset' });
    await assert.rejects(c.executeGroovy('return 1'), HacConnectionError);
    assert.equal(emu.count('POST', SCRIPT_PATH), 1);
  });

  it('never replays a POST that timed out, and says it may have run', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.login();
    emu.resetRequests();
    emu.injectFault({ path: SCRIPT_PATH, method: 'POST', kind: 'slow-body', delayMs: 800 });
    const started = Date.now();
    await assert.rejects(c.executeGroovy('return 1', { timeoutMs: 200 }), (error: unknown) => {
      assert.ok(error instanceof HacTimeoutError);
      assert.equal(error.timeoutMs, 200);
      assert.match(error.message, /may still have run.*POST http/);
      return true;
    });
    assert.ok(Date.now() - started < 700, 'the per-call timeout covers the body');
    // The emulator logs a request when its answer ends: wait past the slow body before counting.
    await new Promise((r) => setTimeout(r, 900));
    assert.equal(emu.count('POST', SCRIPT_PATH), 1);
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 0);
  });

  it('a truncated POST answer is an error, not a replay', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.login();
    emu.resetRequests();
    emu.injectFault({ path: SCRIPT_PATH, method: 'POST', kind: 'truncate' });
    await assert.rejects(c.executeGroovy('return 1'), HacConnectionError);
    assert.equal(emu.count('POST', SCRIPT_PATH), 1);
  });

  it('retries a GET on 503, honouring Retry-After', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.login();
    emu.resetRequests();
    emu.injectFault({ path: '/hac/platform/init/data', method: 'GET', kind: 'status', status: 503, retryAfterSeconds: 0.3, times: 2 });
    const started = Date.now();
    await c.getUpdateData();
    assert.deepEqual(log(emu), ['GET /hac/platform/init/data 503', 'GET /hac/platform/init/data 503', 'GET /hac/platform/init/data 200']);
    assert.ok(Date.now() - started >= 550, 'waited Retry-After twice');
  });

  it('retries a GET whose connection was reset', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.login();
    emu.resetRequests();
    emu.injectFault({ path: '/hac/platform/init/data', method: 'GET', kind: 'reset' });
    assert.ok(Array.isArray((await c.getUpdateData()).projectDatas));
    assert.equal(emu.count('GET', '/hac/platform/init/data'), 2);
  });

  it('gives up on a GET after maxRetries', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir, { maxRetries: 1 });
    await c.login();
    emu.resetRequests();
    emu.injectFault({ path: '/hac/platform/init/data', method: 'GET', kind: 'status', status: 502, times: 5 });
    await assert.rejects(c.getUpdateData(), (error: unknown) => error instanceof HacHttpError && error.status === 502);
    assert.equal(emu.count('GET', '/hac/platform/init/data'), 2);
  });

  it('recovers after a server restart (all sessions dropped)', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.executeGroovy('return 1');
    emu.restart();
    emu.resetRequests();
    assert.equal((await c.executeGroovy('return 2')).success, true);
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
  });
});
