import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Browser } from './server-helpers.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
}

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Resolves with the first stdout line once the emulator is listening. */
function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(buffer.slice(0, newline));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing the URL`)));
  });
}

describe('hac-emulator command', () => {
  it('prints the base URL first, serves HAC there, and exits cleanly on SIGTERM', async () => {
    // Bound to every interface: the URL printed is one a client can connect to, and the note says so.
    const child = spawnCli(['--port', '0', '--host', '0.0.0.0', '--data', 'empty', '--nodes', '2', '--users', 'dev:secret']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const url = await firstLine(child);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const browser = new Browser(url);
      assert.equal((await browser.login('/hac', 'dev', 'secret')).status, 200);
      assert.ok(browser.cookies.has('ROUTE'));
      assert.match(stderr, /users: dev/);
      assert.match(stderr, /listening on all interfaces \(0\.0\.0\.0\)/);
      assert.doesNotMatch(stderr, /secret/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    assert.equal(signal, null);
    assert.equal(code, 0);
  });

  it('handles SIGINT sent the moment the URL appears (it listens for it before printing the URL)', async () => {
    // Before, a signal arriving between the URL and the handler took the default action (exit 130);
    // the README walkthrough hit it under load.
    const child = spawnCli(['--port', '0', '--data', 'empty']);
    child.stdout.once('data', () => child.kill('SIGINT'));
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    assert.equal(signal, null);
    assert.equal(code, 0);
  });

  it('answers SIGTERM during a big ImpEx import: the import stops, the process exits 0', async () => {
    const child = spawnCli(['--port', '0', '--data', 'empty']);
    try {
      const url = await firstLine(child);
      const browser = new Browser(url);
      await browser.login();
      const lines = 20_000;
      const script = ['INSERT_UPDATE Language;isocode[unique=true]', ...Array.from({ length: lines }, (_, i) => `;x${i}`)].join('\n');
      const importing = browser.post('/hac/console/impex/import', { scriptContent: script, validationEnum: 'IMPORT_STRICT', maxThreads: '1', encoding: 'UTF-8', _csrf: browser.token ?? '' });
      importing.catch(() => undefined);
      const languages = async (): Promise<number> => {
        const answer = await browser.post(
          '/hac/console/flexsearch/execute',
          { flexibleSearchQuery: "SELECT {pk} FROM {Language} WHERE {isocode} LIKE 'x%'", sqlQuery: '', maxCount: '-1', user: 'admin', locale: 'en', dataSource: 'master', commit: 'false' },
          { 'X-CSRF-TOKEN': browser.token ?? '' },
        );
        return (JSON.parse(answer.body) as { resultCount: number }).resultCount;
      };
      let seen = 0;
      while (seen === 0) seen = await languages();
      assert.ok(seen < lines, 'the server answered nothing else until the import had ended');
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
      await assert.rejects(importing);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('prints hints that work when pasted: the curl URL and the hac line with the default password', async () => {
    const child = spawnCli(['--port', '0', '--data', 'empty']);
    let stderr = '';
    const noted = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('Ctrl-C')) resolve();
      });
    });
    try {
      const url = await firstLine(child);
      await noted;
      const curl = /curl -i (\S+)/.exec(stderr)?.[1] ?? '';
      assert.equal(curl, `${url}/hac/login`);
      assert.equal((await new Browser(url).request(new URL(curl).pathname)).status, 200);
      const hac = /HAC_PASSWORD=(\S+) npx hac --url (\S+) -u (\S+) fs "SELECT \{code\} FROM \{Product\}"/.exec(stderr);
      assert.ok(hac, stderr);
      assert.deepEqual(hac.slice(1), ['nimda', `${url}/hac`, 'admin']);
      assert.equal((await new Browser(url).login('/hac', hac[3], hac[1])).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    await once(child, 'exit');
  });

  it('prints the version and the help', async () => {
    const version = await run(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: hac-emulator/);
  });

  it('exits 2 with one line for a bad value', async () => {
    const bad = await run(['--nodes', 'many']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^hac-emulator: --nodes must be an integer/);
  });

  it('exits 1 with one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = blocker.address() as { port: number };
      const taken = await run(['--port', String(port), '--data', 'empty']);
      assert.equal(taken.code, 1);
      assert.equal(taken.stdout, '');
      assert.equal(taken.stderr, `hac-emulator: cannot start: port ${port} of 127.0.0.1 is in use (another emulator, or HAC itself?): stop that, or choose another port (0: any free one)\n`);
    } finally {
      blocker.close();
    }
  });
});
