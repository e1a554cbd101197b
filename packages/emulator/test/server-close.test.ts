import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const FIXTURE = fileURLToPath(new URL('./fixtures/close-while-busy.ts', import.meta.url));

describe('close()', () => {
  it('leaves no timer behind: a running update, latency and a slow body do not keep the process alive', { timeout: 20_000 }, async () => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', FIXTURE], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let closedAt = 0;
    child.stdout.on('data', () => {
      if (closedAt === 0 && stdout.includes('closed')) closedAt = Date.now();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(killer);
    assert.equal(code, 0, stderr);
    assert.ok(closedAt > 0, stdout + stderr);
    assert.ok(Date.now() - closedAt < 2_000, `the process lived ${Date.now() - closedAt} ms after close()`);
  });
});
