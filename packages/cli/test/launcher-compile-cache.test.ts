/**
 * The launcher's V8 code cache (`src/launcher/compile-cache.ts`), on small CommonJS files, and the
 * built binary's use of it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { loadBundle, type CacheOptions, type CacheState } from '../src/launcher/compile-cache.js';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { createSandbox, runProcess, type HacSandbox } from './helpers/hac-process.js';

const builtModule = join(import.meta.dirname, '..', 'dist', 'launcher', 'compile-cache.js');

/**
 * One load in a fresh process (V8 also caches compilations in memory: a second load in this process
 * would never consult the file), through tsc's output of the module. Answers what the load saw, and
 * what `use` (JavaScript run on the loaded `bundle`) gave.
 */
async function loadInProcess(
  file: string,
  cache: CacheOptions,
  use = '{ sum: bundle.exports.sum(2, 3), where: bundle.exports.where(), later: await bundle.exports.later() }',
): Promise<{ cache: CacheState; vendorCache: Record<string, CacheState>; [key: string]: unknown }> {
  const script = `
    import { createRequire } from 'node:module';
    import { loadBundle } from ${JSON.stringify(pathToFileURL(builtModule).href)};
    const bundle = loadBundle(${JSON.stringify(file)}, ${JSON.stringify(cache)}, createRequire(${JSON.stringify(file)}));
    const answer = { ...(${use}), cache: bundle.cache, vendorCache: Object.fromEntries(bundle.vendorCache) };
    bundle.saveCache();
    console.log(JSON.stringify(answer));`;
  const result = await runProcess(process.execPath, ['--input-type=module', '-e', script], { PATH: process.env['PATH'] });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as { cache: CacheState; vendorCache: Record<string, CacheState> };
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
    assert.deepEqual(await loadInProcess(file, options()), { cache: 'miss', vendorCache: {}, sum: 5, where: join(dir, 'x'), later: 'function' });
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

describe('compile cache of vendor files', () => {
  let dir: string;
  let file: string;
  let cacheDir: string;
  const options = (hash: string): CacheOptions => ({
    dir: cacheDir,
    name: 'cli-build1-x.v8',
    stalePrefix: 'cli-',
    keepPrefix: 'cli-build1-',
    vendor: { hashes: { 'dep.cjs': hash }, runtime: 'node-x' },
  });
  const use = `{ doubled: bundle.exports.doubled(), once: bundle.exports.once(), depDir: bundle.exports.depDir(), later: await bundle.exports.later(), other: bundle.exports.other() }`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hac-code-cache-vendor-'));
    file = join(dir, 'bundle.cjs');
    cacheDir = join(dir, 'cache', 'hac-cli');
    await mkdir(join(dir, 'vendor'));
    await writeFile(
      file,
      `exports.doubled = () => require('./vendor/dep.cjs').double(21);
exports.once = () => require('./vendor/dep.cjs') === require('./vendor/dep.cjs') && require('./vendor/dep.cjs').runs;
exports.depDir = () => require('./vendor/dep.cjs').where;
exports.later = () => require('./vendor/dep.cjs').later();
exports.other = () => require('./vendor/other.cjs').name;
`,
    );
    await writeFile(
      join(dir, 'vendor', 'dep.cjs'),
      `globalThis.depRuns = (globalThis.depRuns ?? 0) + 1;
exports.runs = globalThis.depRuns;
exports.double = (n) => n * 2;
exports.where = __dirname;
exports.later = () => __hacImport('node:os').then((os) => typeof os.cpus);
`,
    );
    // Not in the build's list of vendor files (no hash): Node's require loads it.
    await writeFile(join(dir, 'vendor', 'other.cjs'), `exports.name = 'other';\n`);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('a vendor file the bundle requires runs once, with its own __dirname and import(), and gets a cache named by its content hash (0600)', async () => {
    const first = await loadInProcess(file, options('aaaa1111'), use);
    assert.deepEqual(first, { doubled: 42, once: 1, depDir: join(dir, 'vendor'), later: 'function', other: 'other', cache: 'miss', vendorCache: { 'dep.cjs': 'miss' } });
    assert.deepEqual((await readdir(cacheDir)).sort(), ['cli-build1-x.v8', 'vendor-aaaa1111-node-x.v8']);
    assert.equal((await stat(join(cacheDir, 'vendor-aaaa1111-node-x.v8'))).mode & 0o777, 0o600);
  });

  it('the next run uses it and writes nothing', async () => {
    const written = (await stat(join(cacheDir, 'vendor-aaaa1111-node-x.v8'))).mtimeMs;
    const second = await loadInProcess(file, options('aaaa1111'), use);
    assert.deepEqual([second.cache, second.vendorCache, second['doubled']], ['hit', { 'dep.cjs': 'hit' }, 42]);
    assert.equal((await stat(join(cacheDir, 'vendor-aaaa1111-node-x.v8'))).mtimeMs, written);
  });

  it("a rebuilt vendor file (another hash) never meets the old cache, and writing removes the old builds' vendor caches", async () => {
    await writeFile(join(cacheDir, 'vendor-0ld0ld00-node-x.v8'), 'old');
    const rebuilt = await loadInProcess(file, options('bbbb2222'), use);
    assert.deepEqual([rebuilt.cache, rebuilt.vendorCache, rebuilt['doubled']], ['hit', { 'dep.cjs': 'miss' }, 42]);
    assert.deepEqual((await readdir(cacheDir)).sort(), ['cli-build1-x.v8', 'vendor-bbbb2222-node-x.v8']);
  });

  it('without a usable cache directory vendor files still run, uncached', async () => {
    const off = await loadInProcess(file, { ...options('aaaa1111'), dir: undefined }, use);
    assert.deepEqual([off.cache, off.vendorCache, off['doubled'], off['later']], ['off', { 'dep.cjs': 'off' }, 42, 'function']);
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

describe('hac fs and its vendor files', () => {
  let emu: Emulator;
  let box: HacSandbox;
  before(async () => {
    ({ emu, box } = await startEmulatorSandbox());
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('the vendor files of a run (TOML parser, CSV writer) get code caches of their own, named by their content hashes, written once', async () => {
    const cacheDir = join(box.home, '.cache', 'hac-cli');
    const vendorDir = join(import.meta.dirname, '..', 'dist', 'bundle', 'vendor');
    const byHash = new Map(
      await Promise.all(
        (await readdir(vendorDir)).map(async (n) => [createHash('sha256').update(await readFile(join(vendorDir, n))).digest('hex').slice(0, 16), n] as const),
      ),
    );
    const vendorCaches = async (): Promise<string[]> => (await readdir(cacheDir)).filter((n) => n.startsWith('vendor-')).sort();
    const fs = ['fs', 'SELECT {pk} FROM {Language}', '--format', 'csv'];
    assert.equal((await box.run(fs)).code, 0);
    const written = await vendorCaches();
    for (const name of written) assert.match(name, /^vendor-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-\w+\.v8$/);
    const files = written.map((n) => byHash.get(n.split('-')[1] ?? ''));
    // The sandbox has a config file (smol-toml); the first run logs in (set-cookie-parser).
    for (const file of ['smol-toml.cjs', 'csv-stringify+sync.cjs', 'set-cookie-parser.cjs']) {
      assert.ok(files.includes(file), `${file} has a cache: ${written.join(' ')}`);
    }
    const times = await Promise.all(written.map(async (n) => (await stat(join(cacheDir, n))).mtimeMs));
    const again = await box.run(fs);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^PK\r?\n/);
    assert.deepEqual(await vendorCaches(), written);
    assert.deepEqual(await Promise.all(written.map(async (n) => (await stat(join(cacheDir, n))).mtimeMs)), times, 'used, not written again');
  });

  it("the built files leave no import() of a built-in module (it would start Node's ES module loader: stream-chain's node:string_decoder did, on every hac fs)", async () => {
    const bundleDir = join(import.meta.dirname, '..', 'dist', 'bundle');
    const files = [
      ...(await readdir(bundleDir)).filter((n) => n.endsWith('.cjs')).map((n) => join(bundleDir, n)),
      ...(await readdir(join(bundleDir, 'vendor'))).map((n) => join(bundleDir, 'vendor', n)),
    ];
    assert.ok(files.some((f) => f.endsWith('csv-stringify+sync.cjs')));
    // Comments (JSDoc types such as {import('node:stream').Duplex}) left out.
    const code = async (f: string): Promise<string> => (await readFile(f, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const left = [];
    for (const f of files) if (/\bimport\((["'])node:[^"']+\1\)/.test(await code(f))) left.push(f);
    assert.deepEqual(left, []);
  });
});
