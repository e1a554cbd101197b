import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { SessionManager } from 'hac-client';
import { cleanupDirs, emulator, tempCacheDir, USER } from './session-helpers.js';

const CHILD = fileURLToPath(new URL('./session-process-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `count` children that all start their call at the same instant: each says "ready" once tsx is
 * loaded, and the go file is created when all have.
 */
async function runChildren(count: number, baseUrl: string, cacheDir: string, password = 'nimda'): Promise<ChildRun[]> {
  const goFile = `${cacheDir}.go`;
  await rm(goFile, { force: true });
  let ready = 0;
  let allReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (allReady = resolve));
  const runs = Array.from(
    { length: count },
    () =>
      new Promise<ChildRun>((resolve, reject) => {
        const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD, baseUrl, cacheDir, goFile, password], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => {
          const text = d.toString();
          if (!stderr.includes('ready') && text.includes('ready') && ++ready === count) allReady();
          stderr += text;
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      }),
  );
  await Promise.race([readyPromise, Promise.all(runs)]);
  await writeFile(goFile, 'go');
  return Promise.all(runs);
}

describe('several processes on one cache', () => {
  after(cleanupDirs);

  it('8 concurrent processes starting with an empty cache log in once between them', { timeout: 60_000 }, async () => {
    const emu = await emulator({ latencyMs: 20 });
    try {
      const cacheDir = await tempCacheDir();
      const runs = await runChildren(8, emu.url, cacheDir);
      for (const run of runs) {
        assert.equal(run.code, 0, run.stderr);
        assert.equal((JSON.parse(run.stdout) as { success: boolean }).success, true);
      }
      assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1, 'one login between all processes');
      assert.equal(emu.count('POST', '/hac/console/scripting/execute'), 8);
      assert.equal(emu.count('GET', '/hac/'), 1, 'waiters use the fresh session without validating it');
      const sessions = await new SessionManager({ cacheDir }).listSessions();
      assert.equal(sessions.length, 1);
      assert.equal(sessions[0]?.username, USER);
    } finally {
      await emu.close();
    }
  });

  it('8 concurrent processes whose cached session died log in once between them', { timeout: 60_000 }, async () => {
    const emu = await emulator({ latencyMs: 20 });
    try {
      const cacheDir = await tempCacheDir();
      await runChildren(1, emu.url, cacheDir);
      emu.expireSessions();
      emu.resetRequests();
      const runs = await runChildren(8, emu.url, cacheDir);
      for (const run of runs) {
        assert.equal(run.code, 0, run.stderr);
        assert.equal((JSON.parse(run.stdout) as { success: boolean }).success, true);
      }
      assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1, 'one login between all processes');
      const scripts = emu.requests.filter((r) => r.path === '/hac/console/scripting/execute');
      assert.equal(scripts.filter((r) => r.status === 200).length, 8, 'each script ran once');
      assert.ok(scripts.every((r) => r.status === 200 || r.status === 405));
    } finally {
      await emu.close();
    }
  });

  it('when the one login is refused, the waiting processes fail without trying the same password', { timeout: 60_000 }, async () => {
    const emu = await emulator({ latencyMs: 100 });
    try {
      const cacheDir = await tempCacheDir();
      const runs = await runChildren(4, emu.url, cacheDir, 'wrong-password');
      for (const run of runs) {
        assert.equal(run.code, 1, run.stderr);
        const out = JSON.parse(run.stdout) as { error: string; message: string };
        assert.equal(out.error, 'HacAuthenticationError');
        assert.match(out.message, /^Login failed for user 'admin' at http:\/\/127\.0\.0\.1:\d+\/hac: wrong username or password$/);
      }
      assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1, 'one attempt for all processes (no account lockout)');
      assert.deepEqual(await new SessionManager({ cacheDir }).listSessions(), []);
    } finally {
      await emu.close();
    }
  });
});
