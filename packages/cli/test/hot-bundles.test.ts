/**
 * The launcher's hot bundles (`dist/bundle/hot-NAME.cjs`: the CLI with the module of one command
 * only): which command lines the launcher gives each, which of them it serves (the others go to the
 * full bundle), and that a command line prints the same through them as through the full bundle.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commandEntries } from '../src/commands/index.js';
import { bundleFor } from '../src/launcher/fast-paths.js';
import { servesCommandLine } from '../src/program.js';
import { emulatorConfig, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { runProcess, type HacResult, type HacSandbox } from './helpers/hac-process.js';

const HOT = { groovy: 'hot-groovy', flexsearch: 'hot-flexsearch', fs: 'hot-flexsearch' };
const NAMES = commandEntries.flatMap((entry) => [entry.name, ...(entry.aliases ?? [])]);
const fullBundle = join(import.meta.dirname, '..', 'dist', 'bundle', 'cli.cjs');

describe('which bundle runs a command line', () => {
  it('the launcher picks the hot bundle of the first word naming a command, the help bundle for the top-level help, else the full CLI', () => {
    const cases: Array<[string[], string]> = [
      [['groovy', 'return 1'], 'hot-groovy'],
      [['-e', 'prod', '--json', 'groovy', 'x'], 'hot-groovy'],
      [['fs', 'SELECT 1'], 'hot-flexsearch'],
      [['flexsearch', '--help'], 'hot-flexsearch'],
      [['help', 'groovy'], 'hot-groovy'],
      [['-e', 'groovy', 'fs', 'x'], 'hot-groovy'], // a wrong guess: `serves` says no (below)
      [['sql', 'SELECT 1'], 'cli'],
      [['env', 'list'], 'cli'],
      [['grovy'], 'cli'],
      [['--help'], 'help'],
      [[], 'help'],
    ];
    for (const [argv, bundle] of cases) assert.equal(bundleFor(argv, HOT, NAMES), bundle, `hac ${argv.join(' ')}`);
  });

  it('a hot bundle serves exactly the command lines that run (or ask help for) its command', () => {
    const serves: Array<[string[], string, boolean]> = [
      [['groovy', 'return 1'], 'groovy', true],
      [['-e', 'prod', '--json', 'groovy', 'x', '-k'], 'groovy', true],
      [['--', 'groovy', 'x'], 'groovy', true],
      [['groovy', '--help'], 'groovy', true],
      [['help', 'groovy'], 'groovy', true],
      [['groovy', '--bogus'], 'groovy', true],
      [['fs', 'x'], 'flexsearch', true],
      [['-e', 'groovy', 'fs', 'x'], 'groovy', false],
      [['-u', 'fs', 'groovy', 'x'], 'flexsearch', false],
      [['-u', 'groovy'], 'groovy', false], // a user name, no command: the full program's usage error
      [['--timeout', 'soon', 'groovy', 'x'], 'groovy', false], // the bad option fails before any command
      [['grovy', 'x'], 'groovy', false],
      [['--help'], 'groovy', false],
      [[], 'groovy', false],
      [['completion', 'bash'], 'groovy', false],
      [['sql', 'x'], 'groovy', false],
    ];
    for (const [argv, command, expected] of serves) assert.equal(servesCommandLine(argv, [command]), expected, `hot-${command}: hac ${argv.join(' ')}`);
  });
});

describe('hot bundles, built', () => {
  let emu: Emulator;
  let box: HacSandbox;
  let codeCacheDir: string;
  /** The full bundle run without the launcher: what every other command line runs. */
  const full = (argv: readonly string[]): Promise<HacResult> =>
    runProcess(process.execPath, ['-e', 'require(process.argv[1]).runCli(process.argv.slice(2))', fullBundle, ...argv], box.env);
  const codeCaches = async (): Promise<string[]> => (await readdir(codeCacheDir).catch(() => [])).filter((name) => name.endsWith('.v8')).sort();
  // Durations (`4 rows (3 ms)`, `"execution_time_ms": 3`) differ between any two runs.
  const untimed = (text: string): string => text.replace(/\d+ ms\b/g, 'N ms').replace(/("execution_time_ms": )\d+/g, '$1N');
  const timeless = (result: HacResult): HacResult => ({ ...result, stdout: untimed(result.stdout), stderr: untimed(result.stderr) });

  before(async () => {
    ({ emu, box } = await startEmulatorSandbox());
    // An environment named like a command: `hac -e groovy fs …` runs fs.
    await box.writeConfig(emulatorConfig(emu, { extra: `\n[environments.groovy]\n[environments.groovy.endpoints.hac]\nurl = "${emu.url}"\n` }));
    codeCacheDir = join(box.home, '.cache', 'hac-cli');
    const login = await box.run(['login']);
    assert.equal(login.code, 0, login.stderr);
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('a warm call runs its hot bundle (whose code cache it writes) and prints what the full bundle prints', async () => {
    for (const [argv, bundle] of [
      [['groovy', 'return 1'], 'hot-groovy'],
      [['fs', 'SELECT {pk} FROM {Language}'], 'hot-flexsearch'],
    ] as const) {
      await rm(codeCacheDir, { recursive: true, force: true });
      const hot = await box.run(argv);
      assert.equal(hot.code, 0, hot.stderr);
      const [cache, ...others] = (await codeCaches()).filter((name) => !name.startsWith('vendor-'));
      assert.deepEqual(others, [], `hac ${argv.join(' ')}: one bundle ran`);
      assert.match(cache ?? '', new RegExp(`^${bundle}-[0-9a-f]{16}-v[\\d.]+-\\w+-\\w+-${argv[0]}\\.v8$`), `hac ${argv.join(' ')} runs ${bundle}`);
      assert.deepEqual(timeless(await box.run(argv)), timeless(hot), 'the same from its code cache');
      assert.deepEqual(timeless(hot), timeless(await full(argv)), `hac ${argv.join(' ')}`);
    }
  });

  it("a warm call loads neither node:module (the library's createRequire, replaced in the bundle) nor node:os ($HOME is set)", async () => {
    const probe = join(box.dir, 'probe.cjs');
    const loaded = join(box.dir, 'loaded.json');
    await writeFile(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(process.moduleLoadList)));`);
    const run = await box.run(['groovy', 'return 1'], { env: { NODE_OPTIONS: `--require ${probe}` } });
    assert.equal(run.code, 0, run.stderr);
    const modules = JSON.parse(await readFile(loaded, 'utf8')) as string[];
    assert.ok(modules.includes('NativeModule http'), 'the probe saw the call');
    assert.ok(!modules.includes('NativeModule module'), 'node:module loaded');
    assert.ok(!modules.includes('NativeModule os'), 'node:os loaded');
  });

  it('every other command line of the command prints what the full bundle prints: formats, failures, usage errors, help', async () => {
    const lines: string[][] = [
      ['groovy', 'return 1', '--json'],
      ['-q', 'groovy', 'println "out"; return 2', '--value'],
      ['groovy', 'throw new RuntimeException("boom")'],
      ['--', 'groovy', 'return 3'],
      ['groovy', '--type', 'perl', 'x'],
      ['groovy', '--comit', 'x'],
      ['groovy', 'a', 'b'],
      ['--bogus', 'groovy', 'x'],
      ['groovy'],
      ['groovy', '--help'],
      ['help', 'groovy'],
      ['fs', 'SELECT {pk}, {isocode} FROM {Language}', '--format', 'csv'],
      ['flexsearch', 'SELECT {isocode} FROM {Language}', '--json'],
      ['fs', 'SELECT {nope} FROM {Language}'],
      ['fs', '--max-count', '0', 'x'],
      ['fs', '-h'],
    ];
    for (const argv of lines) assert.deepEqual(timeless(await box.run(argv)), timeless(await full(argv)), `hac ${argv.join(' ')}`);
  });

  it('a command line the hot bundle guessed for but does not serve runs the full CLI, and writes no cache of the hot bundle', async () => {
    await rm(codeCacheDir, { recursive: true, force: true });
    const argv = ['-e', 'test', '-u', 'groovy', 'fs', 'SELECT {pk} FROM {Language}']; // a user named groovy
    const [launched, reference] = [await box.run(argv), await full(argv)];
    assert.deepEqual(timeless(launched), timeless(reference));
    const served = ['-e', 'groovy', 'fs', 'SELECT {pk} FROM {Language}'];
    const ran = await box.run(served);
    assert.deepEqual(timeless(ran), timeless(await full(served)));
    assert.equal(ran.code, 0, ran.stderr);
    const caches = (await codeCaches()).filter((name) => !name.startsWith('vendor-'));
    assert.ok(caches.length > 0 && caches.every((name) => name.startsWith('cli-')), `only the full CLI's caches: ${caches.join(' ')}`);
  });
});
