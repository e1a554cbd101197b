import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, afterEach, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { hacCommand, type HacSandbox } from './helpers/hac-process.js';

const INITLOG = '/hac/initlog/log';
const fast = { env: { HAC_UPDATE_POLL_MS: '40' } };

describe('hac update', () => {
  let emu: Emulator;
  let box: HacSandbox;

  before(async () => ({ emu, box } = await startEmulatorSandbox({ emulator: { updateDurationMs: 400 }, config: { guarded: true } })));
  afterEach(() => {
    emu.consoles.setUpdateLocked(false);
    emu.consoles.setUpdateDuration(400);
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('data lists extensions with their selected parameters (tsv without a header when piped, as the Python CLI; -q names; json)', async () => {
    const tsv = await box.run(['update', 'data']);
    assert.equal(tsv.code, 0, tsv.stderr);
    const lines = tsv.stdout.trimEnd().split('\n');
    assert.ok(lines.some((l) => /^electronicsstore\timportCoreData=yes, [^\t]*\t4\t/.test(l)), tsv.stdout);
    assert.ok(!lines.some((l) => l.startsWith('extension\t')), 'no header line');
    const chosen = await box.run(['update', 'data', '--format', 'tsv']);
    assert.equal(chosen.stdout.split('\n')[0], 'extension\tselected\tparameters\tdescription', 'a chosen format keeps its header');
    const names = await box.run(['update', 'data', '-q']);
    assert.ok(names.stdout.split('\n').includes('electronicsstore'));
    assert.ok(names.stdout.split('\n').every((l) => !l.includes('\t')));
    const json = JSON.parse((await box.run(['update', 'data', '--json'])).stdout);
    assert.equal(json.is_initializing, false);
    assert.ok(json.extensions.some((p: { name: string }) => p.name === 'acmepatches'));
    const withParams = await box.run(['update', 'data', '--with-params', '--format', 'csv']);
    assert.doesNotMatch(withParams.stdout, /^core,/m);
  });

  it('data -x EXT shows one extension; an unknown one is a usage error', async () => {
    const ext = await box.run(['update', 'data', '-x', 'electronicsstore', '--json']);
    assert.equal(ext.code, 0, ext.stderr);
    assert.equal(JSON.parse(ext.stdout).name, 'electronicsstore');
    const table = await box.run(['update', 'data', '-x', 'electronicsstore', '--format', 'table']);
    assert.match(table.stdout, /│ importCoreData +│ yes +│ yes, no +│ Import Core Data +│ false +│/);
    const piped = await box.run(['update', 'data', '-x', 'electronicsstore']);
    assert.match(piped.stdout, /^importCoreData\tyes\tyes, no\t/m, 'name, selected, values first, as the Python CLI');
    const unknown = await box.run(['update', 'data', '-x', 'ghost']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown extension 'ghost'/);
  });

  it('patches lists the patches of the patches extension with their state (-q names, --json the Python shape)', async () => {
    const tsv = await box.run(['update', 'patches']);
    assert.equal(tsv.code, 0, tsv.stderr);
    assert.match(tsv.stdout, /^Patch_2211_01_TaxRows\tpending\t[0-9a-f]+\ttrue\tALL\t/m);
    assert.match(tsv.stdout, /^runRequiredPatches\tselected: yes\t/m);
    const json = JSON.parse((await box.run(['update', 'patches', '--json'])).stdout) as { extension: string; patches: Array<{ name: string; selected: string | null; values: string[] }> };
    assert.equal(json.extension, 'acmepatches');
    assert.deepEqual(json.patches.at(-1), { ...json.patches.at(-1), name: 'runRequiredPatches', selected: 'yes', values: ['yes', 'no'] });
    const names = await box.run(['update', 'patches', '-x', 'acmepatches', '-q']);
    assert.deepEqual(names.stdout.trimEnd().split('\n'), [...json.patches.map((p) => p.name)]);
  });

  it('run --patch follows the log live: every line once, polled while the update runs', async () => {
    emu.resetRequests();
    const result = await box.run(['update', 'run', '--patch', 'Patch_2211_02_CmsFooter'], fast);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(emu.count('GET', INITLOG) >= 2, `log polled during the run (${emu.count('GET', INITLOG)})`);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /INFO Starting system update/);
    assert.equal(lines.filter((l) => /Executing patch Patch_2211_02_CmsFooter/.test(l)).length, 1);
    assert.equal(lines.filter((l) => /FINISHED/.test(l)).length, 1);
    assert.equal(new Set(lines).size, lines.length, 'no line printed twice');
    assert.match(result.stderr, /update finished/);
    // The plan before the run (as --dry-run prints it): the named patch runs alone, the others are listed as skipped.
    assert.match(result.stderr, /\npatches:\n {2}skip {2}Patch_2211_01_TaxRows \(acmepatches, not named with --patch\)\n {2}run {3}Patch_2211_02_CmsFooter \(acmepatches, named with --patch\)\n {2}skip {2}Patch_2211_03_InitialPromotions \(acmepatches, runs only at initialization: an update skips it\)\n/);
    const patches = await box.run(['update', 'patches']);
    assert.doesNotMatch(patches.stdout, /Patch_2211_02_CmsFooter/, 'the patch is no longer pending');
  });

  it('run --no-follow --json prints one document when the update is done', async () => {
    emu.resetRequests();
    const result = await box.run(['update', 'run', '--no-follow', '--json', '--param', 'electronicsstore_importSampleData=no', '--create-project-data']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.success, true);
    assert.equal(doc.finished, true);
    assert.match(doc.log, /FINISHED/);
    // By default the required pending patches run (CmsFooter ran in the test before); the document says what was left out.
    assert.deepEqual(doc.patches.map((p: { name: string; runs: boolean; reason: string }) => [p.name, p.runs, p.reason]), [
      ['Patch_2211_01_TaxRows', true, 'required'],
      ['Patch_2211_03_InitialPromotions', false, 'initialization only'],
    ]);
    assert.equal(emu.count('GET', INITLOG), 0, 'no polling without --follow');
  });

  it('an unknown --patch or a malformed --param is a usage error before anything runs', async () => {
    emu.resetRequests();
    const patch = await box.run(['update', 'run', '--patch', 'Patch_Nope']);
    assert.equal(patch.code, 2);
    assert.match(patch.stderr, /unknown patch 'Patch_Nope'; pending patches: /);
    const param = await box.run(['update', 'run', '--param', 'oops']);
    assert.equal(param.code, 2);
    assert.equal(emu.count('POST', '/hac/platform/init/execute'), 0);
  });

  it('a refused update (locked system) exits 1', async () => {
    emu.consoles.setUpdateLocked(true);
    const result = await box.run(['update', 'run', '--create-essential-data'], fast);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /update failed/);
  });

  it('log prints the last log; log --follow waits for a running update to complete', async () => {
    const last = await box.run(['update', 'log']);
    assert.equal(last.code, 0, last.stderr);
    assert.match(last.stdout, /FINISHED/);
    // Long enough for a loaded machine to start the follower while the update still runs.
    emu.consoles.setUpdateDuration(3000);
    const started = emu.count('POST', '/hac/platform/init/execute');
    const running = box.run(['update', 'run', '--no-follow', '--create-essential-data']);
    // Followed once the update runs (a fixed sleep raced a slow start of the first command).
    while (emu.count('POST', '/hac/platform/init/execute') === started) await new Promise((resolve) => setTimeout(resolve, 20));
    const followed = await box.run(['update', 'log', '--follow', '--poll-interval', '40']);
    assert.equal((await running).code, 0);
    assert.equal(followed.code, 0, followed.stderr);
    const lines = followed.stdout.trimEnd().split('\n');
    assert.match(lines.at(-1) ?? '', /finished successfully|FINISHED/);
    assert.ok(lines.some((l) => /Creating essential data/.test(l)));
    assert.equal(new Set(lines).size, lines.length);
    assert.match(followed.stderr, /update completed/);
    const json = JSON.parse((await box.run(['update', 'log', '--follow', '--json'], fast)).stdout);
    assert.equal(json.is_complete, true);
  });

  it('guards: --drop-tables needs -yy, protected needs --yes, read-only refuses', async () => {
    emu.resetRequests();
    const once = await box.run(['update', 'run', '--drop-tables', '-y']);
    assert.equal(once.code, 2);
    assert.match(once.stderr, /two confirmations.*-yy/);
    const prot = await box.run(['-e', 'prot', 'update', 'run', '--create-essential-data']);
    assert.equal(prot.code, 2);
    assert.match(prot.stderr, /protected/);
    const ro = await box.run(['-e', 'ro', 'update', 'run', '--yes']);
    assert.equal(ro.code, 2);
    assert.match(ro.stderr, /read-only/);
    assert.equal(emu.count('POST', '/hac/platform/init/execute'), 0, 'nothing ran');
    const count = (type: string): number => Number(emu.engine.flexibleSearch(`SELECT COUNT(*) FROM {${type}}`, { maxCount: 1, locale: 'en', user: 'admin' }).rows[0]?.[0]);
    assert.ok(count('Product') > 0);
    const twice = await box.run(['update', 'run', '--drop-tables', '-yy', '--create-essential-data', '--no-follow'], fast);
    assert.equal(twice.code, 0, twice.stderr);
    assert.match(twice.stderr, /DROP TABLES/);
    assert.equal(emu.count('POST', '/hac/platform/init/execute'), 1);
    // As the help says: every table dropped and created anew, all data lost (the essential data asked for is created again).
    assert.match(twice.stdout, /Creating database schema: \d+ tables created, all data removed/);
    assert.equal(count('Product'), 0);
    assert.equal(count('Employee'), 1, 'admin, from the essential data');
  });

  it('Ctrl-C while following exits 130 and says the update goes on', async () => {
    emu.consoles.setUpdateDuration(3000);
    const { command, args } = hacCommand();
    const env = Object.fromEntries(Object.entries({ ...box.env, HAC_UPDATE_POLL_MS: '40' }).filter((e): e is [string, string] => e[1] !== undefined));
    const child = spawn(command, [...args, 'update', 'run', '--create-essential-data'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (/Starting system update/.test(stdout)) resolve();
      });
    });
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.match(stderr, /the update goes on running on the server/);
    assert.match(stderr, /hac: interrupted/);
  });
});
