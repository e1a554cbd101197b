/**
 * When the session file is written (issue 8: on changes, and `last_used_at` at most every 5 s) and
 * what happens when it cannot be (issue 10 item 6: the cache is an optimisation, so a full disk costs
 * one warning and leaves nothing behind), plus the lock's loose ends: a lock nobody holds is broken at
 * once, a long wait says what it waits for, a caller that stops waiting stops the wait.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { beforeEach, describe, it, mock } from 'node:test';
import { SessionManager } from 'hac-client';
import { client, countSessionWrites, useEmulator, failCacheFs, log, LOGIN, PASSWORD, tempCacheDir, USER } from './session-helpers.js';

const SCRIPT = 'POST /hac/console/scripting/execute 200';

const emu = useEmulator();
beforeEach(() => emu.resetRequests());

/** A lock file as a live hac process (this one, so its pid is alive) writes it. */
function liveLock(): string {
  return JSON.stringify({ pid: process.pid, host: hostname(), token: 'another-process', at: Date.now() });
}

describe('a full disk', () => {
  it('the calls go on with one warning, and nothing is left in the cache directory (no lock, no temp file)', async () => {
    const cacheDir = await tempCacheDir();
    const warnings: string[] = [];
    const restore = failCacheFs('write');
    try {
      const c = client(emu, cacheDir, { onWarning: (message) => warnings.push(message) });
      assert.equal((await c.executeGroovy('return 1')).success, true);
      assert.equal((await c.executeGroovy('return 2')).success, true);
    } finally {
      restore();
    }
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT, SCRIPT]);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /^could not write the session cache in .* \(ENOSPC: no space left on device\); calls go on without saving the session$/);
    assert.deepEqual(await readdir(cacheDir), []);
    // Space again: the next process logs in at once, it does not wait for a lock left behind.
    emu.resetRequests();
    assert.equal((await client(emu, cacheDir).executeGroovy('return 3')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
  });

  it('when only the final rename fails, the lock is released and the temp file removed', async () => {
    const cacheDir = await tempCacheDir();
    const warnings: string[] = [];
    const restore = failCacheFs('rename');
    try {
      assert.equal((await client(emu, cacheDir, { onWarning: (m) => warnings.push(m) }).executeGroovy('return 1')).success, true);
    } finally {
      restore();
    }
    assert.equal(warnings.length, 1);
    assert.deepEqual(await readdir(cacheDir), []);
  });
});

describe('lock files', () => {
  it('an empty lock file (as a full disk left it) is broken at once, not after minutes', { timeout: 10_000 }, async () => {
    const cacheDir = await tempCacheDir();
    await mkdir(cacheDir, { mode: 0o700 });
    await writeFile(`${new SessionManager({ cacheDir }).sessionPath(emu.url, USER)}.lock`, '');
    // timeoutMs 30 s: a lock of a live login would count as abandoned only after 150 s.
    assert.equal((await client(emu, cacheDir, { timeoutMs: 30_000 }).executeGroovy('return 1')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
    assert.deepEqual((await readdir(cacheDir)).filter((n) => !n.endsWith('.json')), []);
  });

  it('a wait over two seconds says what it waits for; aborting the call stops the wait: no prompt, no login', { timeout: 15_000 }, async () => {
    const cacheDir = await tempCacheDir();
    await mkdir(cacheDir, { mode: 0o700 });
    const lock = `${new SessionManager({ cacheDir }).sessionPath(emu.url, USER)}.lock`;
    await writeFile(lock, liveLock());
    let asked = 0;
    let warned: (message: string) => void = () => undefined;
    const warning = new Promise<string>((resolve) => (warned = resolve));
    let stopped: () => void = () => undefined;
    const stoppedWaiting = new Promise<void>((resolve) => (stopped = resolve));
    const c = client(emu, cacheDir, {
      authHandler: { username: USER, getCredentials: () => (asked++, { username: USER, password: PASSWORD }) },
      onWarning: warned,
      debug: (line) => line.includes('stopped waiting for the session lock') && stopped(),
    });
    const controller = new AbortController();
    const call = c.executeGroovy('return 1', { signal: controller.signal });
    const message = await warning;
    assert.match(message, new RegExp(`^waiting for another hac process \\(pid ${process.pid}\\) to finish logging in as admin \\(session lock .*\\.json\\.lock; taken as abandoned after 50 s\\)$`));
    controller.abort();
    await assert.rejects(call, { name: 'AbortError' });
    await stoppedWaiting;
    await rm(lock);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a wait still polling would take the lock now
    assert.equal(asked, 0, 'no password asked for');
    assert.deepEqual(log(emu), []);
    assert.deepEqual(await readdir(cacheDir), []);
  });

  it('while another process logs in, a due last_used_at refresh neither waits nor writes', async () => {
    const cacheDir = await tempCacheDir();
    const path = new SessionManager({ cacheDir }).sessionPath(emu.url, USER);
    const c = client(emu, cacheDir);
    await c.executeGroovy('return 1');
    const saved = await readFile(path, 'utf8');
    // 10 s later: a refresh is due (every 5 s), the planted lock is far from stale (50 s).
    mock.timers.enable({ apis: ['Date'], now: Date.now() + 10_000 });
    try {
      await writeFile(`${path}.lock`, liveLock());
      assert.equal((await c.executeGroovy('return 2')).success, true);
      // Its login may replace the file any moment: writing the old session back would undo it.
      assert.equal(await readFile(path, 'utf8'), saved);
      await rm(`${path}.lock`);
      assert.equal((await c.executeGroovy('return 3')).success, true);
      const after = JSON.parse(await readFile(path, 'utf8')) as { last_used_at: number };
      assert.equal(after.last_used_at, Date.now() / 1000);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('when the session file is written', () => {
  it('at login; then not for warm calls (in this or another process) until last_used_at is 5 s old', async () => {
    const cacheDir = await tempCacheDir();
    const path = new SessionManager({ cacheDir }).sessionPath(emu.url, USER);
    const writes = countSessionWrites();
    try {
      const c = client(emu, cacheDir);
      await c.executeGroovy('return 1');
      assert.equal(writes.count, 1, 'the login');
      const openedBefore = writes.opened;
      for (let i = 0; i < 5; i++) await c.executeGroovy('return 2');
      assert.equal(writes.opened, openedBefore, 'warm calls of one client open no file');
      await client(emu, cacheDir).executeGroovy('return 3');
      assert.equal(writes.count, 1, 'warm calls write nothing');
      mock.timers.enable({ apis: ['Date'], now: Date.now() + 6_000 });
      await c.executeGroovy('return 4');
      assert.equal(writes.count, 2, 'last_used_at is 6 s old: refreshed');
      assert.equal((JSON.parse(await readFile(path, 'utf8')) as { last_used_at: number }).last_used_at, Date.now() / 1000);
      await c.executeGroovy('return 5');
      await client(emu, cacheDir).executeGroovy('return 6');
      assert.equal(writes.count, 2);
    } finally {
      mock.timers.reset();
      writes.stop();
    }
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
  });

  it('at once when login() finds a new CSRF token, and not when nothing changed', async () => {
    const cacheDir = await tempCacheDir();
    const source = await tempCacheDir();
    await client(emu, source).login();
    const live = (await new SessionManager({ cacheDir: source }).loadSession(emu.url, USER))!;
    const mgr = new SessionManager({ cacheDir });
    await mgr.saveSession({ baseUrl: emu.url, username: USER, sessionId: live.sessionId, csrfToken: 'stale-token' });
    const writes = countSessionWrites();
    try {
      await client(emu, cacheDir).login();
      assert.equal(writes.count, 1);
      assert.equal((await mgr.loadSession(emu.url, USER))?.csrfToken, live.csrfToken);
      await client(emu, cacheDir).login();
      assert.equal(writes.count, 1, 'valid and unchanged: nothing to write');
    } finally {
      writes.stop();
    }
  });
});
