/**
 * The README's "Elsewhere, from packed tarballs" install, run as written: `npm pack` of the three
 * packages in the clone, `npm install` of the tarballs into `~/hac` (a sandbox HOME), then what a
 * user does next: `hac --version`, `hac --help`, the installed emulator, a warm and a cold `hac`
 * call against it, and `import('hac-client')` from a script beside the install. It shows the
 * tarballs hold everything the programs load (bundles, vendor files, emulator data images) and that
 * nothing reaches back into the clone.
 *
 * The README walkthrough skips these lines (helpers/readme-samples.ts, `SKIPPED`); this test runs
 * them instead, with npm's own cache (`npm_config_cache`, which a sandbox HOME would otherwise
 * move) and `prefer-offline`, so that the dependencies `npm ci` fetched are not fetched again.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { lstat, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSandbox, repoRoot, runProcess, type HacSandbox } from './helpers/hac-process.js';
import { codeBlocks } from './helpers/readme-samples.js';

/** The README's install block: the lines from `npm pack` to the `export PATH`. */
async function installLines(): Promise<string[]> {
  const blocks = codeBlocks('README.md', await readFile(join(repoRoot, 'README.md'), 'utf8'));
  const block = blocks.find((b) => b.lang === 'sh' && b.lines.some((line) => line.startsWith('npm pack ')));
  assert.ok(block, 'README.md has no `npm pack` block');
  const lines = block.lines.map((line) => line.replace(/\s+#\s.*$/, '').trim()).filter((line) => line !== '');
  assert.equal(lines.length, 3, `README.md:${block.line}: expected npm pack, npm install and export PATH, got:\n${lines.join('\n')}`);
  return lines;
}

/** The tarball names the README's `npm pack` line promises, from the packages' own versions. */
async function tarballNames(): Promise<string[]> {
  const names: string[] = [];
  for (const dir of ['client', 'emulator', 'cli']) {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'packages', dir, 'package.json'), 'utf8')) as { name: string; version: string };
    names.push(`${pkg.name}-${pkg.version}.tgz`);
  }
  return names;
}

describe('installing from packed tarballs, as the README says', () => {
  let box: HacSandbox;
  let env: Record<string, string | undefined>;
  let installed: string;
  let emulatorUrl: string;
  let emulator: ChildProcess | undefined;

  before(async () => {
    box = await createSandbox({ HAC_NO_KEYCHAIN: '1' });
    installed = join(box.home, 'hac');
    const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
    env = {
      ...box.env,
      npm_config_cache: npmCache,
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_loglevel: 'error',
    };
    const lines = await installLines();
    const tarballs = await tarballNames();
    // The lines run in the clone, as the README's reader runs them; the tarballs they leave there
    // are removed whatever happens.
    const script = ['set -euo pipefail', `trap 'rm -f ${tarballs.map((t) => `"${repoRoot}/${t}"`).join(' ')}' EXIT`, ...lines, 'command -v hac', 'command -v hac-emulator'].join('\n');
    const run = await runProcess('bash', ['-c', script], env, { cwd: repoRoot, timeoutMs: 240_000 });
    assert.equal(run.code, 0, `the README's install failed:\n${run.stdout}\n${run.stderr}`);
    for (const tarball of tarballs) assert.ok(run.stdout.includes(tarball), `npm pack did not report ${tarball}:\n${run.stdout}`);
    assert.deepEqual(run.stdout.trim().split('\n').slice(-2), [join(installed, 'node_modules', '.bin', 'hac'), join(installed, 'node_modules', '.bin', 'hac-emulator')]);
    env['PATH'] = `${join(installed, 'node_modules', '.bin')}:${env['PATH'] ?? ''}`;

    const child = spawn('hac-emulator', ['--port', '0'], { env: env as NodeJS.ProcessEnv, cwd: box.home, stdio: ['ignore', 'pipe', 'pipe'] });
    emulator = child;
    emulatorUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const url = /https?:\/\/\S+/.exec(out);
        if (url) resolve(url[0]);
      });
      child.once('exit', (code) => reject(new Error(`the installed hac-emulator exited (${code}) before printing its URL:\n${out}`)));
    });
  });

  after(async () => {
    emulator?.kill('SIGINT');
    await box?.cleanup();
  });

  it('installs real copies, not links back into the clone', async () => {
    for (const name of ['hac-client', 'hac-emulator', 'hac-cli']) {
      const entry = await lstat(join(installed, 'node_modules', name));
      assert.ok(entry.isDirectory() && !entry.isSymbolicLink(), `${name} is not a directory of its own`);
    }
    // Nothing the clone builds only for itself: sources, tests and TypeScript are not shipped.
    const shipped = await readdir(join(installed, 'node_modules', 'hac-cli'));
    assert.deepEqual(shipped.filter((name) => ['src', 'test', 'tsconfig.json'].includes(name)), []);
    await assert.rejects(lstat(join(installed, 'node_modules', 'typescript')), { code: 'ENOENT' });
  });

  it('hac answers --version and --help', async () => {
    const cliPackage = JSON.parse(await readFile(join(repoRoot, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string };
    const version = await runProcess('hac', ['--version'], env, { cwd: box.home });
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), cliPackage.version);
    const help = await runProcess('hac', ['--help'], env, { cwd: box.home });
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: hac /m);
    assert.match(help.stdout, /groovy/);
  });

  it('hac logs in to the installed emulator and runs a script, then reuses the session', async () => {
    const args = ['--url', emulatorUrl, '--username', 'admin', 'groovy', 'return 6 * 7'];
    const cold = await runProcess('hac', args, { ...env, HAC_PASSWORD: 'nimda' }, { cwd: box.home, timeoutMs: 30_000 });
    assert.equal(cold.code, 0, cold.stderr);
    assert.match(cold.stdout, /42/);
    // Warm: no password at hand, the cached session does it.
    const warm = await runProcess('hac', args, env, { cwd: box.home, timeoutMs: 30_000 });
    assert.equal(warm.code, 0, warm.stderr);
    assert.match(warm.stdout, /42/);
  });

  it('a script beside the install imports hac-client and calls HAC', async () => {
    const script = `
      import { HacClient, BasicAuthHandler } from 'hac-client';
      const client = new HacClient({ baseUrl: ${JSON.stringify(emulatorUrl)}, authHandler: new BasicAuthHandler('admin', 'nimda'), sessionPersistence: false });
      const result = await client.executeFlexibleSearch('SELECT {isocode} FROM {Language} WHERE {isocode} = \\'en\\'');
      console.log(JSON.stringify(result.rows));
    `;
    const run = await runProcess(process.execPath, ['--input-type=module', '-e', script], env, { cwd: installed, timeoutMs: 30_000 });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), '[["en"]]');
  });
});
