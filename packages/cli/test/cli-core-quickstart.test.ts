import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

describe('quick start: hac emulator, then hac --url with no config', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox();
  });
  after(() => box.cleanup());

  it('hac emulator prints its URL (a loopback one when it listens on all interfaces, and says so); hac --url logs in without any config file; Ctrl-C stops it (exit 0)', async () => {
    let child: ChildProcess | undefined;
    let checks: Promise<void> | undefined;
    const url = new Promise<string>((resolve) => {
      const running = box.run(['emulator', '--port', '0', '--no-tls', '--host', '0.0.0.0'], {
        timeoutMs: 30_000,
        onSpawn: (spawned) => {
          child = spawned;
          let out = '';
          spawned.stdout?.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const found = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
            if (found?.[1]) resolve(found[1]);
          });
        },
      });
      checks = running.then((result) => {
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /HAC emulator at http:\/\/127\.0\.0\.1:\d+\/hac \(user admin, password nimda\)/);
        assert.match(result.stderr, /listening on all interfaces \(0\.0\.0\.0\): from another machine use this machine's name or address instead of 127\.0\.0\.1\.\n/i);
        assert.match(result.stderr, /emulator stopped/);
      });
    });
    const base = await url;
    try {
      const login = await box.run(['--url', base, '-u', 'admin', 'login'], { env: { HAC_PASSWORD: 'nimda' } });
      assert.equal(login.code, 0, login.stderr);
      const port = new URL(base).port;
      assert.match(login.stderr, new RegExp(`logged in: 127\\.0\\.0\\.1:${port}/hac \\(${base.replace(/\./g, '\\.')}/hac\\) as admin`));
      const [file] = await box.sessionFiles();
      assert.equal(file?.['environment'], `127.0.0.1:${port}/hac`, 'ad-hoc environment key derived from the URL');
      const config = await box.run(['config', 'validate']);
      assert.match(config.stderr, /no config file at/);
      // Credentials per ad-hoc target: HAC_PASSWORD_<HOST_PORT>_HAC.
      const again = await box.run(['--url', base, '-u', 'admin', 'login', '--force'], { env: { [`HAC_PASSWORD_127_0_0_1_${port}_HAC`]: 'nimda' } });
      assert.equal(again.code, 0, again.stderr);
    } finally {
      child?.kill('SIGINT');
    }
    await checks;
  });

  it('hac emulator refuses a --nodes that is not a whole number ≥ 1 (exit 2) instead of starting one node', async () => {
    for (const nodes of ['0', 'two', '1.5']) {
      const result = await box.run(['emulator', '--port', '0', '--no-tls', '--nodes', nodes]);
      assert.equal(result.code, 2, `--nodes ${nodes}: ${result.stderr}`);
      assert.match(result.stderr, /^hac: option '--nodes <count>' argument '.+' is invalid\. (expected a whole number, got '.+'|must be at least 1); see: hac emulator --help\n$/);
    }
  });

  it('hac emulator on a port in use says so and what to do (the quick start\'s 9002 may be HAC\'s own)', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as AddressInfo;
      const result = await box.run(['emulator', '--port', String(port), '--no-tls']);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `hac: port ${port} of 127.0.0.1 is in use (another emulator, or HAC itself?): stop that, or choose another port (0: any free one)\n`);
    } finally {
      blocker.close();
    }
  });
});
