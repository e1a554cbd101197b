import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { client, LOGIN, log, useEmulator, tempCacheDir } from './session-helpers.js';

const PACKAGE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const MARK = '=== first call';

interface Loaded {
  /** Packages under node_modules that Node's module debug output names, before and after `MARK`. */
  before: Set<string>;
  after: Set<string>;
  /** Node's own modules loaded by the end whose name says fetch or undici (fetch, Headers, FormData). */
  internalHttp: string[];
}

/** Runs `script` in a child process (asynchronously: the emulator in this process must answer it). */
async function loaded(script: string): Promise<Loaded> {
  const run = await promisify(execFile)(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, NODE_DEBUG: 'esm,module' },
    encoding: 'utf8',
    // The module trace runs to several megabytes.
    maxBuffer: 256 * 1024 * 1024,
  });
  const [head = '', tail = ''] = run.stderr.split(MARK);
  const names = (text: string): Set<string> =>
    new Set([...text.matchAll(/node_modules\/((?:@[^/]+\/)?[^/\s'"]+)/g)].map((match) => match[1] ?? ''));
  return { before: names(head), after: names(tail), internalHttp: JSON.parse(run.stdout) as string[] };
}

/** Loaded packages other than the test's TypeScript loader (tsx, esbuild) and hac-client itself. */
const packagesBut = (names: Set<string>): string[] => [...names].filter((name) => !['tsx', 'esbuild', 'hac-client'].includes(name));

const INTERNAL_HTTP = `process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => /undici|fetch/i.test(m))));`;

describe('start-up', () => {
  const emu = useEmulator();

  it('importing hac-client loads no package: the HTML parser, cookie jar, entity decoder and unzip wait for a call that needs them', async () => {
    const run = await loaded(`const m = await import('hac-client'); console.error(${JSON.stringify(MARK)}); m.htmlToText('<p>a &amp; b</p>'); ${INTERNAL_HTTP}`);
    assert.deepEqual(packagesBut(run.before), []);
    assert.ok(run.after.has('node-html-parser'), `the first HTML call loads the parser (the debug output lists packages: ${[...run.after].join(', ')})`);
  });

  it('the built package\'s import reads its entry, not the implementation: a login loads the transport and session cache, a console call the consoles too', async () => {
    // Built by `npm run build` (scripts/bundle.js), which `npm test` runs first; no TypeScript loader here.
    const builtFiles = async (script: string): Promise<string[]> => {
      const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: PACKAGE_DIR,
        env: { ...process.env, NODE_DEBUG: 'esm' },
        encoding: 'utf8',
      });
      return [...new Set([...run.stderr.matchAll(/packages\/client\/(?:dist|src)\/[^\s'"]+/g)].map((match) => match[0]))];
    };
    const imported = await builtFiles("await import('hac-client')");
    assert.ok(imported.includes('packages/client/dist/bundle/hac-client.js'), imported.join(', '));
    // The entry and, at most, the one chunk esbuild gives the modules it shares with the implementation.
    assert.ok(imported.length <= 2, `the import read ${imported.join(', ')}`);
    assert.deepEqual(imported.filter((file) => !/^packages\/client\/dist\/bundle\/(?:hac-client|chunks\/chunk-[\w-]+)\.js$/.test(file)), []);

    const readByFirstCall = async (call: string): Promise<string[]> => {
      const cacheDir = await tempCacheDir();
      const files = await builtFiles(
        `const m = await import('hac-client');
         const c = new m.HacClient({ baseUrl: ${JSON.stringify(emu.url)}, cacheDir: ${JSON.stringify(cacheDir)}, authHandler: new m.BasicAuthHandler('admin', 'nimda') });
         ${call}`,
      );
      return files.filter((file) => !imported.includes(file)).sort();
    };
    assert.deepEqual(await readByFirstCall('await c.login();'), ['packages/client/dist/bundle/implementation.js']);
    assert.deepEqual(await readByFirstCall("if (!(await c.executeGroovy('return 1')).success) throw new Error('the call failed');"), [
      'packages/client/dist/bundle/console-implementation.js',
      'packages/client/dist/bundle/implementation.js',
    ]);
  });

  it('a load of the implementation that failed (EMFILE) is tried again by the next call, and the call then runs: a client is not unusable for its life', { skip: process.platform === 'win32' }, async () => {
    const cacheDir = await tempCacheDir();
    emu.resetRequests();
    // Every file descriptor taken (under a low limit) while the first calls load the parts they need:
    // the login loads the implementation (the client's transport), the console call the consoles too.
    const script = `const { openSync, closeSync } = await import('node:fs');
      const m = await import('hac-client');
      const c = new m.HacClient({ baseUrl: ${JSON.stringify(emu.url)}, cacheDir: ${JSON.stringify(cacheDir)}, authHandler: new m.BasicAuthHandler('admin', 'nimda') });
      const taken = [];
      try { for (;;) taken.push(openSync('/dev/null', 'r')); } catch {}
      const first = await c.login().then(() => 'ran', (error) => error.code);
      const again = await c.executeGroovy('return 1').then(() => 'ran', (error) => error.code);
      for (const fd of taken) closeSync(fd);
      const second = await c.executeGroovy('return 1').then((result) => result.success, (error) => String(error));
      process.stdout.write(JSON.stringify({ first, again, second }));`;
    const run = await promisify(execFile)('/bin/sh', ['-c', 'ulimit -n 128 && exec "$0" --input-type=module -e "$1"', process.execPath, script], { cwd: PACKAGE_DIR, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(run.stdout), { first: 'EMFILE', again: 'EMFILE', second: true });
    // Nothing was sent before the loads succeeded: one login and the call.
    assert.deepEqual(log(emu), [...LOGIN(), 'POST /hac/console/scripting/execute 200']);
  });

  it('a login reads HAC\'s login page and start page without the HTML parser (html-scan.ts)', async () => {
    const cacheDir = await tempCacheDir();
    const run = await loaded(
      `const m = await import('hac-client'); console.error(${JSON.stringify(MARK)});
       const c = new m.HacClient({ baseUrl: ${JSON.stringify(emu.url)}, cacheDir: ${JSON.stringify(cacheDir)}, authHandler: new m.BasicAuthHandler('admin', 'nimda') });
       await c.login();
       ${INTERNAL_HTTP}`,
    );
    // spark-md5: the session file's name (MD5 of URL, user and environment).
    assert.deepEqual(packagesBut(run.after).sort(), ['set-cookie-parser', 'spark-md5']);
  });

  it('a warm call loads no package but the MD5 of the session file name, neither npm undici nor Node\'s internal fetch/Headers (node:http only)', async () => {
    const cacheDir = await tempCacheDir();
    await client(emu, cacheDir).login();
    const run = await loaded(
      `const m = await import('hac-client'); console.error(${JSON.stringify(MARK)});
       const c = new m.HacClient({ baseUrl: ${JSON.stringify(emu.url)}, cacheDir: ${JSON.stringify(cacheDir)}, authHandler: new m.BasicAuthHandler('admin', 'nimda') });
       const result = await c.executeGroovy('return 1');
       if (!result.success) throw new Error('the call failed');
       ${INTERNAL_HTTP}`,
    );
    assert.deepEqual(packagesBut(run.after), ['spark-md5']);
    assert.deepEqual(run.internalHttp, []);
  });

  it('a login of the built package, which writes the session file under the lock, does not load node:crypto (temp names and lock tokens need to be unique, not secret)', async () => {
    const cacheDir = await tempCacheDir();
    const script = `const m = await import('hac-client');
      const c = new m.HacClient({ baseUrl: ${JSON.stringify(emu.url)}, cacheDir: ${JSON.stringify(cacheDir)}, authHandler: new m.BasicAuthHandler('admin', 'nimda') });
      await c.login();
      process.stdout.write(String(process.moduleLoadList.includes('NativeModule crypto')));`;
    const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_DIR, encoding: 'utf8' });
    assert.equal(run.stdout, 'false');
    assert.equal((await readdir(cacheDir)).filter((name) => name.startsWith('session_')).length, 1, 'the session was written');
    assert.deepEqual((await readdir(cacheDir)).filter((name) => name.startsWith('.') || name.endsWith('.lock')), [], 'no temp file or lock left');
  });

  it('a warm call of the built package loads neither node:crypto (its fifteen modules cost more than the call\'s own work) nor node:fs/promises (~1 ms: the session is read synchronously)', async () => {
    const cacheDir = await tempCacheDir();
    await client(emu, cacheDir).login();
    // No TypeScript loader here: it loads node:crypto itself.
    const script = `const m = await import('hac-client');
      const c = new m.HacClient({ baseUrl: ${JSON.stringify(emu.url)}, cacheDir: ${JSON.stringify(cacheDir)}, authHandler: new m.BasicAuthHandler('admin', 'nimda') });
      if (!(await c.executeGroovy('return 1')).success) throw new Error('the call failed');
      process.stdout.write(JSON.stringify(['crypto', 'fs/promises'].filter((name) => process.moduleLoadList.includes('NativeModule ' + name))));`;
    const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_DIR, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(run.stdout), []);
  });
});
