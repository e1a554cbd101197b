/**
 * The launcher's V8 code cache (`src/launcher/compile-cache.ts`), on small CommonJS files, and the
 * built binary's use of it.
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { loadBundle, type CacheOptions, type CacheState } from '../src/launcher/compile-cache.js';
import { createSandbox, runProcess, type HacSandbox } from './helpers/hac-process.js';

const builtModule = join(import.meta.dirname, '..', 'dist', 'launcher', 'compile-cache.js');

/**
 * One load in a fresh process (V8 also caches compilations in memory: a second load in this process
 * would never consult the file), through tsc's output of the module. Answers what the load saw.
 */
async function loadInProcess(file: string, cache: CacheOptions): Promise<{ cache: CacheState; sum: number; where: string; later: string }> {
  const script = `
    import { createRequire } from 'node:module';
    import { loadBundle } from ${JSON.stringify(pathToFileURL(builtModule).href)};
    const bundle = loadBundle(${JSON.stringify(file)}, ${JSON.stringify(cache)}, createRequire(${JSON.stringify(file)}));
    const answer = { cache: bundle.cache, sum: bundle.exports.sum(2, 3), where: bundle.exports.where(), later: await bundle.exports.later() };
    bundle.saveCache();
    console.log(JSON.stringify(answer));`;
  const result = await runProcess(process.execPath, ['--input-type=module', '-e', script], { PATH: process.env['PATH'] });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as { cache: CacheState; sum: number; where: string; later: string };
}

describe('compile cache', () => {
  let dir: string;
  let file: string;
  let cacheDir: string;
  const options = (name = 'cli-build1-x.v8', over: Partial<CacheOptions> = {}): CacheOptions => ({
    dir: cacheDir,
    name,
    stalePrefix: 'cli-',
    keepPrefix: 'cli-build1-',
    ...over,
  });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hac-code-cache-'));
    file = join(dir, 'bundle.cjs');
    cacheDir = join(dir, 'cache', 'hac-cli');
    await writeFile(
      file,
      `const { join } = require('node:path');
exports.sum = (a, b) => a + b;
exports.where = () => join(__dirname, 'x');
exports.later = () => __hacImport('node:os').then((os) => typeof os.cpus);
`,
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('runs the file with require, __dirname and import(), then writes the cache 0600 in a 0700 directory', async () => {
    assert.deepEqual(await loadInProcess(file, options()), { cache: 'miss', sum: 5, where: join(dir, 'x'), later: 'function' });
    assert.equal((await stat(cacheDir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(cacheDir, 'cli-build1-x.v8'))).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(cacheDir), ['cli-build1-x.v8'], 'no temporary file left');
  });

  it('the next run uses the cache and does not write it again', async () => {
    const written = (await stat(join(cacheDir, 'cli-build1-x.v8'))).mtimeMs;
    assert.equal((await loadInProcess(file, options())).cache, 'hit');
    assert.equal((await stat(join(cacheDir, 'cli-build1-x.v8'))).mtimeMs, written);
  });

  it('a damaged cache is rejected by V8, the file still runs, and the cache is written anew', async () => {
    await writeFile(join(cacheDir, 'cli-build1-x.v8'), 'not a code cache');
    const damaged = await loadInProcess(file, options());
    assert.equal(damaged.cache, 'rejected');
    assert.equal(damaged.sum, 5);
    assert.equal((await loadInProcess(file, options())).cache, 'hit');
  });

  it("writing a cache removes other builds' files and keeps this build's", async () => {
    await writeFile(join(cacheDir, 'cli-oldbuild-x.v8'), 'old');
    await writeFile(join(cacheDir, 'unrelated.txt'), 'kept');
    assert.equal((await loadInProcess(file, options('cli-build1-y.v8'))).cache, 'miss');
    assert.deepEqual((await readdir(cacheDir)).sort(), ['cli-build1-x.v8', 'cli-build1-y.v8', 'unrelated.txt']);
  });

  it('a directory others can write to, or one inside such a directory, or none, means no cache (and the file still runs)', async () => {
    const open = join(dir, 'open');
    await mkdir(open);
    await chmod(open, 0o777);
    assert.equal((await loadInProcess(file, options('cli-build1-x.v8', { dir: open }))).cache, 'off');
    assert.deepEqual(await readdir(open), []);
    assert.equal((await loadInProcess(file, options('cli-build1-x.v8', { dir: join(open, 'hac-cli') }))).cache, 'off');
    assert.deepEqual(await readdir(join(open, 'hac-cli')), []);
    const none = loadBundle(file, options('cli-build1-x.v8', { dir: undefined }), createRequire(file));
    assert.equal(none.cache, 'off');
    assert.equal((none.exports['sum'] as (a: number, b: number) => number)(1, 2), 3);
  });
});

describe('hac and its code cache', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox();
  });
  after(() => box.cleanup());

  it('the first successful run of a command writes its cache, the next ones use it; HAC_NO_CODE_CACHE turns it off', async () => {
    const cacheDir = join(box.home, '.cache', 'hac-cli');
    assert.equal((await box.run(['--help'])).code, 0);
    // The rendered help is kept there too (help-cache.test.ts); removed, the next run renders again.
    for (const file of await readdir(cacheDir)) if (file.startsWith('rendered-help-')) await rm(join(cacheDir, file));
    const [name, ...rest] = await readdir(cacheDir);
    assert.ok(name !== undefined && rest.length === 0, `one cache file: ${String(name)} ${rest.join(' ')}`);
    assert.match(name, /^help-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-\w+-none\.v8$/, 'hac --help runs the help bundle');
    assert.equal((await stat(join(cacheDir, name))).mode & 0o777, 0o600);
    const written = (await stat(join(cacheDir, name))).mtimeMs;

    const again = await box.run(['--help']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^Usage: hac /);
    assert.equal((await stat(join(cacheDir, name))).mtimeMs, written, 'a used cache is not written again');

    assert.equal((await box.run(['config', 'path'])).code, 0);
    assert.ok((await readdir(cacheDir)).some((n) => /^cli-[0-9a-f]{16}-.*-config\.v8$/.test(n)), 'each command has its own cache');
    assert.equal((await box.run(['config', '--help'])).code, 0);
    assert.ok((await readdir(cacheDir)).some((n) => /^cli-[0-9a-f]{16}-.*-config-help\.v8$/.test(n)), "a command's help has its own cache");

    const envCache = async (): Promise<string[]> => (await readdir(cacheDir)).filter((n) => /^cli-[0-9a-f]{16}-.*-env\.v8$/.test(n));
    assert.equal((await box.run(['env', '--no-such-option'])).code, 2);
    assert.deepEqual(await envCache(), [], 'a run that failed writes no cache (it would hold only the code up to the usage error)');
    assert.equal((await box.run(['env', 'list'])).code, 0);
    assert.equal((await envCache()).length, 1, 'the first successful run writes it');

    const off = await createSandbox({ HAC_NO_CODE_CACHE: '1' });
    try {
      assert.equal((await off.run(['--help'])).code, 0);
      await assert.rejects(readdir(join(off.home, '.cache', 'hac-cli')), { code: 'ENOENT' });
    } finally {
      await off.cleanup();
    }
  });
});
