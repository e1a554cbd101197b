/**
 * What a run of the built `hac` loads (start-up time, issue 8): the bundle's chunks a run imports,
 * mapped back to their source files through the bundle's source maps, plus any package `require`d
 * from node_modules. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { adminEnv, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { createSandbox, repoRoot, type HacSandbox } from './helpers/hac-process.js';

/** Repo-relative source files behind the modules Node's debug output says were loaded. */
async function loadedSources(box: HacSandbox, args: readonly string[]): Promise<string[]> {
  const result = await box.run(args, { env: { NODE_DEBUG: 'esm,module' } });
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  const sources = new Set<string>();
  for (const [, url = ''] of result.stderr.matchAll(/Translating StandardModule (file:\S+)/g)) {
    const file = fileURLToPath(url);
    if (!file.endsWith('.mjs')) continue; // bin/hac.js, the launcher
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    for (const source of map.sources) sources.add(relative(repoRoot, resolve(dirname(file), source)));
  }
  // Packages left out of the bundle, `require`d on first use (hac-client's lazy dependencies).
  for (const [, file = ''] of result.stderr.matchAll(/^MODULE \d+: load "([^"]+)"/gm)) sources.add(relative(repoRoot, file));
  return [...sources].sort();
}

const commandModules = (sources: readonly string[]): string[] =>
  sources.filter((s) => /^packages\/cli\/src\/commands\/[^/]+\.ts$/.test(s) && !s.endsWith('/index.ts'));
const packages = (sources: readonly string[]): Set<string> =>
  new Set(sources.flatMap((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1] ?? []));

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
    assert.deepEqual(await loadedSources(box, ['--version']), ['packages/cli/src/bin.ts', 'packages/cli/src/version.ts']);
  });

  it('hac --help loads no command module, no library and no TOML parser', async () => {
    const sources = await loadedSources(box, ['--help']);
    assert.deepEqual(commandModules(sources), []);
    assert.ok(sources.includes('packages/cli/src/program.ts'), 'the source maps name the CLI core');
    assert.deepEqual([...packages(sources)], ['commander']);
    assert.ok(!sources.some((s) => s.startsWith('packages/client/')), 'hac-client loaded');
  });

  it('a warm hac groovy loads its own command module only, and the TOML parser only for a config file', async () => {
    const withConfig = await loadedSources(box, ['groovy', 'return 1']);
    assert.deepEqual(commandModules(withConfig), ['packages/cli/src/commands/groovy.ts']);
    assert.ok(packages(withConfig).has('smol-toml'), 'the config file is parsed');
    assert.ok(withConfig.some((s) => s.startsWith('packages/client/src/')), 'the source maps name the library');

    const bare = await createSandbox(adminEnv()); // no config file
    try {
      const login = await bare.run(['--url', emu.url, 'login']);
      assert.equal(login.code, 0, login.stderr);
      const noConfig = await loadedSources(bare, ['--url', emu.url, 'groovy', 'return 1']);
      const loaded = packages(noConfig);
      for (const lazy of ['smol-toml', '@inquirer/core', 'csv-stringify', 'yocto-spinner', 'node-html-parser', 'tough-cookie']) {
        assert.ok(!loaded.has(lazy), `${lazy} loaded by a warm call without a config file`);
      }
    } finally {
      await bare.cleanup();
    }
  });
});
