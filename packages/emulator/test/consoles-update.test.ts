import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consoles } from '../src/consoles/route-types.js';
import type { DataEngine } from '../src/data/engine-types.js';
import { call, sampleConsoles, TOKEN } from './consoles-helpers.js';

interface Patch {
  hash: string;
  name: string;
  description: string;
  required: boolean;
  process: string;
}

interface ExecuteAnswer {
  success: boolean;
  log: string;
  initUpdateData: Record<string, unknown>;
}

const BASE_BODY = {
  dropTables: false, clearHMC: false, createEssentialData: false, localizeTypes: false, createProjectData: false,
  initMethod: null as string | null, allParameters: {} as Record<string, string[]>, patches: {} as Record<string, string[]>,
};

describe('system update console', () => {
  let engine: DataEngine;
  let consoles: Consoles;
  before(async () => {
    ({ engine, consoles } = await sampleConsoles());
  });
  after(() => engine.close());
  beforeEach(() => {
    consoles.setUpdateDuration(0);
    consoles.setUpdateLocked(false);
  });

  const execute = (body: object | string): ReturnType<typeof call> =>
    call(consoles, 'POST', '/platform/init/execute', { body: typeof body === 'string' ? body : JSON.stringify(body) });
  const pending = async (): Promise<Record<string, Patch[]>> => (await call(consoles, 'GET', '/platform/init/pendingPatches')).json();
  const logText = async (): Promise<string> => (await call(consoles, 'GET', '/initlog/log')).json<{ log: string }>().log;

  it('describes the system and its extensions in /platform/init/data', async () => {
    const data = (await call(consoles, 'GET', '/platform/init/data')).json<Record<string, unknown>>();
    assert.deepEqual(Object.keys(data), ['isInitializing', 'initInfo', 'tenantID', 'master', 'projectDatas']);
    assert.equal(data['isInitializing'], false);
    assert.equal(data['tenantID'], 'master');
    assert.equal(data['master'], true);
    const projects = data['projectDatas'] as { name: string; description: string; parameter: Record<string, unknown>[] }[];
    assert.deepEqual(projects.map((p) => p.name), ['core', 'electronicsstore', 'apparelstore', 'acmepatches']);
    const importCore = projects[1]?.parameter[0];
    assert.deepEqual(importCore, { name: 'importCoreData', label: 'Import Core Data', values: { yes: true, no: false }, multiSelect: false, default: 'yes', legacy: false });
    assert.ok(projects.some((p) => p.parameter.some((param) => param['legacy'] === true)));
    assert.ok(projects.some((p) => p.parameter.some((param) => param['multiSelect'] === true)));
  });

  it('lists pending patches by extension', async () => {
    const patches = await pending();
    assert.deepEqual(Object.keys(patches), ['acmepatches']);
    for (const patch of patches['acmepatches'] ?? []) {
      assert.deepEqual(Object.keys(patch), ['hash', 'name', 'description', 'required', 'process']);
      assert.match(patch.hash, /^[0-9a-f]{32}$/);
    }
    assert.deepEqual(patches['acmepatches']?.map((p) => p.process), ['ALL', 'UPDATE', 'INIT']);
  });

  it('runs for the configured time; the log grows, data says isInitializing and a second run is refused', async () => {
    consoles.setUpdateDuration(600);
    const started = Date.now();
    const run = execute({ ...BASE_BODY, initMethod: 'UPDATE', createEssentialData: true, localizeTypes: true });
    await sleep(120);
    const data = (await call(consoles, 'GET', '/platform/init/data')).json<{ isInitializing: boolean }>();
    assert.equal(data.isInitializing, true);
    const early = await logText();
    assert.match(early, /Starting system update of tenant &#39;master&#39;/);
    assert.ok(!early.includes('FINISHED'));

    const second = (await execute(BASE_BODY)).json<ExecuteAnswer>();
    assert.equal(second.success, false);
    assert.match(second.log, /ERROR An initialization or update is already running/);

    await sleep(200);
    const later = await logText();
    assert.ok(later.length > early.length && later.startsWith(early), 'the log grows line by line');

    const answer = (await run).json<ExecuteAnswer>();
    assert.ok(Date.now() - started >= 580, 'the run takes the configured duration');
    assert.equal(answer.success, true);
    assert.match(answer.log, /Updating database schema/);
    assert.match(answer.log, /Creating essential data for electronicsstore/);
    assert.match(answer.log, /Localizing types/);
    assert.match(answer.log, /<p class="info">\d\d:\d\d:\d\d,\d{3} INFO FINISHED<\/p>\n$/);
    assert.match(answer.log, /INFO System update finished successfully \(tenant &#39;master&#39;\)<\/p>\n<p class="info">[^<]* INFO FINISHED<\/p>\n$/);
    assert.ok(!/ERROR/.test(answer.log));
    assert.equal(answer.initUpdateData['initMethod'], 'UPDATE');
    assert.equal(await logText(), answer.log);
    assert.equal((await call(consoles, 'GET', '/platform/init/data')).json<{ isInitializing: boolean }>().isInitializing, false);
  });

  it('applies selected patches, which then are no longer pending; unknown hashes give an error line', async () => {
    const [all, update, init] = (await pending())['acmepatches'] ?? [];
    assert.ok(all && update && init);
    const answer = (await execute({ ...BASE_BODY, patches: { acmepatches: [all.hash, update.hash, init.hash, 'deadbeef'] } })).json<ExecuteAnswer>();
    assert.equal(answer.success, false);
    assert.match(answer.log, new RegExp(`Executing patch ${all.name}`));
    assert.match(answer.log, new RegExp(`Patch ${update.name} executed`));
    assert.match(answer.log, new RegExp(`WARN Patch ${init.name} runs only during initialization`));
    assert.match(answer.log, /ERROR Unknown patch &#39;deadbeef&#39; for extension &#39;acmepatches&#39;/);
    assert.match(answer.log, /ERROR System update finished with errors/);
    assert.deepEqual((await pending())['acmepatches']?.map((p) => p.hash), [init.hash]);
    const again = (await execute({ ...BASE_BODY, patches: { acmepatches: [all.hash] } })).json<ExecuteAnswer>();
    assert.match(again.log, /was already executed, skipping/);
    const initRun = (await execute({ ...BASE_BODY, initMethod: 'INIT', dropTables: true, createEssentialData: true, patches: { acmepatches: [init.hash] } })).json<ExecuteAnswer>();
    assert.equal(initRun.success, true);
    assert.match(initRun.log, /Starting system initialization/);
    assert.match(initRun.log, new RegExp(`Patch ${init.name} executed`));
    // The record of executed patches went with the data: only the one the initialization ran is done.
    assert.deepEqual((await pending())['acmepatches']?.map((p) => p.hash), [all.hash, update.hash]);
  });

  it('logs project data with the chosen parameters and warns about unknown ones', async () => {
    const answer = (await execute({ ...BASE_BODY, createProjectData: true, allParameters: { electronicsstore_importSampleData: ['no'], foo_bar: ['x'] } })).json<ExecuteAnswer>();
    assert.match(answer.log, /Creating project data for electronicsstore \(importCoreData=yes, importSampleData=no, activateSolrCronJobs=yes, sites=electronics\)/);
    assert.match(answer.log, /WARN Ignoring unknown parameter &#39;foo_bar&#39;/);
    assert.equal(answer.success, true);
  });

  it('refuses to run while the system is locked, and the page says so', async () => {
    consoles.setUpdateLocked(true);
    const before = await logText();
    const answer = (await execute({ ...BASE_BODY, initMethod: 'UPDATE' })).json<ExecuteAnswer>();
    assert.equal(answer.success, false);
    assert.match(answer.log, /ERROR System is locked \(system\.unlocking\.disabled=true\)/);
    // One line in the init log's own format, time included, like every line of a run.
    assert.match(answer.log, /^<p class="error">\d\d:\d\d:\d\d,\d{3} ERROR System is locked[^\n]*<\/p>\n$/);
    assert.equal(await logText(), before);
    const page = await call(consoles, 'GET', '/platform/update');
    assert.match(page.text, /system\.unlocking\.disabled/);
    assert.match(page.text, /<button id="executeUpdate" type="submit" disabled="disabled">/);
    consoles.setUpdateLocked(false);
    const unlocked = await call(consoles, 'GET', '/platform/update');
    assert.ok(!unlocked.text.includes('system.unlocking.disabled'));
    assert.ok(unlocked.text.includes(`<meta name="_csrf" content="${TOKEN}"/>`));
  });

  it('answers 400 for a body that is not valid InitUpdateData', async () => {
    for (const body of ['{not json', '[]', JSON.stringify({ ...BASE_BODY, initMethod: 'REBUILD' }), JSON.stringify({ ...BASE_BODY, dropTables: 'yes' }),
      JSON.stringify({ ...BASE_BODY, patches: { acmepatches: [1] } }), JSON.stringify({ ...BASE_BODY, allParameters: ['x'] })]) {
      assert.equal((await execute(body)).status, 400, body);
    }
  });
});
