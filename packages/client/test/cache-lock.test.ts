import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withFileLock } from '../src/session/file-lock.js';

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
    await writeFile(path, JSON.stringify({ pid: 4_194_999, host: (await import('node:os')).hostname(), token: 'dead', at: Date.now() }));
    const started = Date.now();
    assert.equal(await withFileLock(path, async () => 'ok', { pollMs: 5 }), 'ok');
    assert.ok(Date.now() - started < 1000);
  });

  it('breaks a lock older than staleMs even when unreadable', async () => {
    const path = join(dir, 'd.lock');
    await writeFile(path, 'garbage');
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    assert.equal(await withFileLock(path, async () => 'ok', { staleMs: 30_000, pollMs: 5 }), 'ok');
  });

  it('waits for a live lock and stops waiting when aborted', async () => {
    const path = join(dir, 'e.lock');
    await writeFile(path, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), token: 'live', at: Date.now() }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop waiting')), 50);
    await assert.rejects(withFileLock(path, async () => 'never', { pollMs: 5, signal: controller.signal }), /stop waiting/);
    await rm(path);
  });
});
