import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheFs } from '../src/session/cache-fs.js';
import { acquireLock, withFileLock, type LockHolder } from '../src/session/file-lock.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hac-lock-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('session lock file', () => {
  it('serialises holders and tells later ones they waited', async () => {
    const path = join(dir, 'a.lock');
    const order: string[] = [];
    let inside = 0;
    let maxInside = 0;
    const run = (name: string): Promise<boolean> =>
      withFileLock(path, async (waited) => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        order.push(name);
        await new Promise((r) => setTimeout(r, 20));
        inside--;
        return waited;
      }, { pollMs: 5 });
    const waited = await Promise.all(['a', 'b', 'c', 'd'].map(run));
    assert.equal(maxInside, 1);
    assert.equal(order.length, 4);
    assert.equal(waited.filter((w) => !w).length, 1);
    await assert.rejects(stat(path), { code: 'ENOENT' });
  });

  it('releases the lock when the holder throws', async () => {
    const path = join(dir, 'b.lock');
    await assert.rejects(withFileLock(path, async () => { throw new Error('login failed'); }), /login failed/);
    assert.equal(await withFileLock(path, async (waited) => waited), false);
  });

  it('breaks a lock whose holder process is dead', async () => {
    const path = join(dir, 'c.lock');
    // pid 2^22+ is above the default pid_max: never a live process.
    await writeFile(path, JSON.stringify({ pid: 4_194_999, host: hostname(), token: 'dead', at: Date.now() }));
    const started = Date.now();
    assert.equal(await withFileLock(path, async () => 'ok', { pollMs: 5 }), 'ok');
    assert.ok(Date.now() - started < 1000);
  });

  it('breaks a live-looking lock older than staleMs', async () => {
    const path = join(dir, 'd.lock');
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), token: 'slow', at: Date.now() - 60_000 }));
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    assert.equal(await withFileLock(path, async () => 'ok', { staleMs: 30_000, pollMs: 5 }), 'ok');
  });

  // A hac lock is created with its content in one step: an empty file (a full disk under an older
  // version) or anything else was never a live hac lock, and waiting staleMs for it only wastes minutes.
  for (const [name, content] of [['an empty', ''], ['a garbage', 'garbage'], ['a foreign JSON', '{"pid":"x"}']] as const) {
    it(`breaks ${name} lock file at once, however young`, async () => {
      const path = join(dir, `young-${name.replace(/ /g, '-')}.lock`);
      await writeFile(path, content);
      let waitedFor: unknown;
      const result = await withFileLock(path, async (waited) => waited, { staleMs: 600_000, pollMs: 5, onWaitStart: (h) => (waitedFor = h) });
      assert.equal(result, false);
      assert.equal(waitedFor, undefined, 'never waited');
    });
  }

  it('never leaves an empty lock behind when the disk is full', async () => {
    const path = join(dir, 'full.lock');
    const write = cacheFs.write;
    cacheFs.write = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    try {
      await assert.rejects(acquireLock(path), { code: 'ENOSPC' });
    } finally {
      cacheFs.write = write;
    }
    assert.deepEqual((await readdir(dir)).filter((n) => n.includes('full')), [], 'no lock, no temp file');
    assert.equal(await withFileLock(path, async (waited) => waited, { pollMs: 5 }), false);
  });

  it('does not follow a symbolic link planted as the lock, and replaces it', async () => {
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    const path = join(dir, 'link.lock');
    await symlink(victim, path);
    assert.equal(await withFileLock(path, async (waited) => waited, { pollMs: 5 }), false);
    assert.equal(await readFile(victim, 'utf8'), 'precious');
    await assert.rejects(lstat(path), { code: 'ENOENT' });
  });

  it('says once what it waits for when the wait is long, then goes on waiting', async () => {
    const path = join(dir, 'long.lock');
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), token: 'busy', at: Date.now() }));
    const notices: LockHolder[] = [];
    const acquired = acquireLock(path, {
      pollMs: 5,
      noticeAfterMs: 30,
      onLongWait: (holder) => {
        notices.push(holder);
        void rm(path);
      },
    });
    const lock = await acquired;
    assert.equal(lock?.waited, true);
    await lock?.release();
    assert.equal(notices.length, 1);
    assert.equal(notices[0]?.pid, process.pid);
  });

  it('fails instead of spinning when the lock path is a directory', async () => {
    const path = join(dir, 'dir.lock');
    await mkdir(path);
    await assert.rejects(acquireLock(path, { pollMs: 5 }), (error: NodeJS.ErrnoException) => error.code !== undefined);
  });

  it('with wait: false, returns null at once while a live process holds the lock', async () => {
    const path = join(dir, 'try.lock');
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), token: 'busy', at: Date.now() }));
    assert.equal(await acquireLock(path, { wait: false }), null);
    await rm(path);
  });

  it('waits for a live lock and stops waiting when aborted', async () => {
    const path = join(dir, 'e.lock');
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), token: 'live', at: Date.now() }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop waiting')), 50);
    await assert.rejects(withFileLock(path, async () => 'never', { pollMs: 5, signal: controller.signal }), /stop waiting/);
    await rm(path);
  });
});
