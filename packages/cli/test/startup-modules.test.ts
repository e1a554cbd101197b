/**
 * What a run of `hac` loads (start-up time, issue 8), read from Node's module debug output of a run
 * from source: the bundle keeps each module's laziness (esbuild initialises a module on first use),
 * so what source runs import is what the built binary runs.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { adminEnv, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { createSandbox, repoRoot, type HacSandbox } from './helpers/hac-process.js';

interface Loaded {
  /** Repo-relative files, tsx's own left out. */
  files: string[];
  /** `node:…` modules. */
  builtins: Set<string>;
}

async function loaded(box: HacSandbox, args: readonly string[]): Promise<Loaded> {
  const result = await box.run(args, { fromSource: true, env: { NODE_DEBUG: 'esm,module' }, timeoutMs: 60_000 });
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const files = new Set<string>();
  for (const [, url = ''] of result.stderr.matchAll(/Translating \w+ (file:\S+)/g)) files.add(relative(repoRoot, fileURLToPath(url.replace(/\?.*$/, ''))));
  // CommonJS packages `require`d on first use (hac-client's lazy dependencies).
  for (const [, file = ''] of result.stderr.matchAll(/^MODULE \d+: load "([^"]+)"/gm)) files.add(relative(repoRoot, file));
  const builtins = new Set([...result.stderr.matchAll(/Translating BuiltinModule (node:\S+)/g)].map((match) => match[1] ?? ''));
  return { files: [...files].filter((f) => !/node_modules\/(tsx|esbuild|get-tsconfig|resolve-pkg-maps)\//.test(f)).sort(), builtins };
}

const commandModules = (files: readonly string[]): string[] =>
  files.filter((f) => /^packages\/cli\/src\/commands\/[^/]+\.ts$/.test(f) && !f.endsWith('/index.ts'));
const packages = (files: readonly string[]): Set<string> => new Set(files.flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? []));

describe('what a run of hac loads', () => {
  let emu: Emulator;
  let box: HacSandbox;
  before(async () => {
    ({ emu, box } = await startEmulatorSandbox());
    const login = await box.run(['login']);
    assert.equal(login.code, 0, login.stderr);
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('hac --version loads its version and nothing else', async () => {
    assert.deepEqual((await loaded(box, ['--version'])).files, ['packages/cli/src/bin.ts', 'packages/cli/src/version.ts']);
  });

  it('hac --help loads no command module, no library, no TOML parser and no child_process', async () => {
    const { files, builtins } = await loaded(box, ['--help']);
    assert.deepEqual(commandModules(files), []);
    assert.ok(files.includes('packages/cli/src/program.ts'), 'the debug output names the CLI core');
    assert.deepEqual([...packages(files)], ['commander']);
    assert.ok(!files.some((f) => f.startsWith('packages/client/')), 'hac-client loaded');
    assert.ok(!builtins.has('node:child_process'), 'node:child_process loaded');
  });

  it('a warm hac groovy loads its own command module only, and the TOML parser only for a config file', async () => {
    const withConfig = await loaded(box, ['groovy', 'return 1']);
    assert.deepEqual(commandModules(withConfig.files), ['packages/cli/src/commands/groovy.ts']);
    assert.ok(packages(withConfig.files).has('smol-toml'), 'the config file is parsed');
    assert.ok(withConfig.files.some((f) => f.startsWith('packages/client/src/')), 'the debug output names the library');

    const bare = await createSandbox(adminEnv()); // no config file
    try {
      const login = await bare.run(['--url', emu.url, 'login']);
      assert.equal(login.code, 0, login.stderr);
      const noConfig = await loaded(bare, ['--url', emu.url, 'groovy', 'return 1']);
      const found = packages(noConfig.files);
      for (const lazy of ['smol-toml', '@inquirer/core', 'csv-stringify', 'yocto-spinner', 'node-html-parser', 'tough-cookie']) {
        assert.ok(!found.has(lazy), `${lazy} loaded by a warm call without a config file`);
      }
      assert.ok(!noConfig.builtins.has('node:child_process'), 'node:child_process loaded');
    } finally {
      await bare.cleanup();
    }
  });
});
