import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { executeUpdate, extensionsWithParameters, getExtension, getPatchesExtension, getUpdateLog } from '../src/consoles/index.js';
import { HacClientError } from '../src/errors.js';
import { startConsoleFixture, type ConsoleFixture } from './consoles-fixture.js';

describe('system update consoles against the emulator', () => {
  let f: ConsoleFixture;
  before(async () => {
    f = await startConsoleFixture({ updateDurationMs: 300 });
  });
  after(async () => {
    await f.close();
  });

  it('reads the update data in one request', async () => {
    const data = await f.client.getUpdateData();
    assert.deepEqual(f.takeRequests(), ['GET /hac/platform/init/data']);
    assert.equal(data.isInitializing, false);
    assert.equal(data.tenantId, 'master');
    assert.ok(data.initInfo);
    const store = getExtension(data, 'electronicsstore');
    assert.ok(store);
    const sites = store.parameters.find((parameter) => parameter.name === 'sites');
    assert.deepEqual(sites?.values, { electronics: true, 'electronics-cn': false });
    assert.equal(sites?.multiSelect, true);
    assert.equal(getPatchesExtension(data)?.name, 'acmepatches');
    assert.ok(extensionsWithParameters(data).every((project) => project.parameters.length > 0));
    assert.ok(!extensionsWithParameters(data).some((project) => project.name === 'core'));
  });

  it('lists pending patches by extension', async () => {
    const pending = await f.client.getPendingPatches();
    assert.deepEqual(f.takeRequests(), ['GET /hac/platform/init/pendingPatches']);
    const patches = pending['acmepatches'] ?? [];
    assert.deepEqual(
      patches.map((patch) => [patch.name, patch.required, patch.process]),
      [
        ['Patch_2211_01_TaxRows', true, 'ALL'],
        ['Patch_2211_02_CmsFooter', false, 'UPDATE'],
        ['Patch_2211_03_InitialPromotions', false, 'INIT'],
      ],
    );
    assert.ok(patches.every((patch) => /^[0-9a-f]{32}$/.test(patch.hash)));
  });

  it('runs an update with the required pending patches and lets the log be followed meanwhile', async () => {
    const running = f.client.executeUpdate({ createProjectData: true, allParameters: { electronicsstore_importSampleData: ['no'] } });
    let sawRunning = false;
    for (let attempt = 0; attempt < 40 && !sawRunning; attempt++) {
      await sleep(25);
      const log = await getUpdateLog(f.client.transport);
      if (log.logText !== '' && !log.isComplete) sawRunning = true;
    }
    assert.ok(sawRunning, 'the log was seen growing before the update finished');
    assert.equal((await f.client.getUpdateData()).isInitializing, true);
    const result = await running;
    assert.equal(result.success, true, result.logText);
    assert.equal(result.isFinished, true);
    assert.equal(result.hasErrors, false, result.logText);
    assert.match(result.logText, /Executing patch Patch_2211_01_TaxRows/);
    assert.doesNotMatch(result.logText, /Patch_2211_02_CmsFooter/);
    // The plan says what ran and what did not, and why.
    assert.deepEqual(result.patches.included.map((p) => [p.name, p.reason]), [['Patch_2211_01_TaxRows', 'required']]);
    assert.deepEqual(result.patches.skipped.map((p) => [p.name, p.reason]), [
      ['Patch_2211_02_CmsFooter', 'optional, not asked for'],
      ['Patch_2211_03_InitialPromotions', 'runs only at initialization'],
    ]);
    assert.match(result.logText, /importSampleData=no/);
    assert.doesNotMatch(result.logText, /Updating database schema/);
    assert.match(result.logHtml, /<p/);
    assert.ok(!result.logText.includes('<p'));
    assert.ok(!result.logText.includes('\n\n'), 'one log line per line');
    assert.match(result.logText.split('\n').at(-1) ?? '', /INFO FINISHED$/);
    const log = await f.client.getUpdateLog();
    assert.equal(log.isComplete, true);
    assert.equal(log.hasErrors, false);
    assert.equal(log.logText, result.logText);
    const pending = await f.client.getPendingPatches();
    assert.ok(!(pending['acmepatches'] ?? []).some((patch) => patch.name === 'Patch_2211_01_TaxRows'));
  });

  it('sends the schema update and all pending patches when asked (init-only patches excluded)', async () => {
    f.takeRequests();
    const result = await executeUpdate(f.client.transport, { runSchemaUpdate: true, patches: 'all pending', timeoutMs: 20_000 });
    assert.deepEqual(f.takeRequests(), ['GET /hac/platform/init/pendingPatches', 'POST /hac/platform/init/execute']);
    assert.equal(result.success, true, result.logText);
    assert.match(result.logText, /Updating database schema/);
    assert.match(result.logText, /Executing patch Patch_2211_02_CmsFooter/);
    assert.doesNotMatch(result.logText, /InitialPromotions/);
  });

  it('sends exactly the given patches without fetching pending ones', async () => {
    f.takeRequests();
    const result = await f.client.executeUpdate({ patches: { acmepatches: ['0123456789abcdef0123456789abcdef'] }, includePendingPatches: false });
    assert.deepEqual(f.takeRequests(), ['POST /hac/platform/init/execute']);
    assert.equal(result.success, false);
    assert.equal(result.hasErrors, true);
    assert.match(result.logText, /Unknown patch/);
    assert.deepEqual(result.patches, {
      included: [{ extension: 'acmepatches', hash: '0123456789abcdef0123456789abcdef', name: '0123456789abcdef0123456789abcdef', required: false, process: 'ALL', reason: 'asked for (not among the pending patches)' }],
      skipped: [],
    });
  });

  it('accepts patch names as the CLI does: a list of names or hashes, or names within an extension', async () => {
    f.takeRequests();
    await assert.rejects(
      f.client.executeUpdate({ patches: ['Patch_Nope'], includePendingPatches: false }),
      (error: unknown) => error instanceof HacClientError && /unknown patch 'Patch_Nope'.*pending: /.test(error.message),
    );
    assert.deepEqual(f.takeRequests(), ['GET /hac/platform/init/pendingPatches'], 'nothing was sent to run');
    // The earlier tests ran the other patches; the init-only one is still pending. HAC skips it in an
    // update, by name: proof that its hash was sent (a name would be an "Unknown patch").
    const byName = await f.client.executeUpdate({ patches: ['Patch_2211_03_InitialPromotions'], includePendingPatches: false, timeoutMs: 20_000 });
    assert.deepEqual(f.takeRequests(), ['GET /hac/platform/init/pendingPatches', 'POST /hac/platform/init/execute']);
    assert.match(byName.logText, /Patch Patch_2211_03_InitialPromotions runs only during initialization, skipping/);
    assert.doesNotMatch(byName.logText, /Unknown patch/);
    const inExtension = await f.client.executeUpdate({ patches: { acmepatches: ['Patch_2211_03_InitialPromotions'] }, timeoutMs: 20_000 });
    assert.match(inExtension.logText, /Patch Patch_2211_03_InitialPromotions runs only during initialization, skipping/, 'the name reached HAC as its hash');
  });

  it('reports a locked system as a failed result', async () => {
    f.emu.consoles.setUpdateLocked(true);
    try {
      const result = await f.client.executeUpdate({ includePendingPatches: false });
      assert.equal(result.success, false);
      assert.equal(result.hasErrors, true);
      assert.equal(result.isFinished, false);
      assert.match(result.logText, /locked/);
    } finally {
      f.emu.consoles.setUpdateLocked(false);
    }
  });
});
