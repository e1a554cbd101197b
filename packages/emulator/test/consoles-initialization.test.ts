import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createConsoles } from '../src/consoles/index.js';
import type { Consoles } from '../src/consoles/route-types.js';
import type { DataEngine } from '../src/data/engine-types.js';
import { call } from './consoles-helpers.js';
import { emptyEngine, fs, IMPORT, rows, sampleEngine } from './data-helpers.js';

interface ExecuteAnswer {
  success: boolean;
  log: string;
}

/** What HAC's initialization page sends (`static/js/platform/init.js`: every general option ticked, drop tables included). */
const INIT_PAGE = {
  dropTables: true, clearHMC: true, createEssentialData: true, localizeTypes: true, createProjectData: false,
  initMethod: 'INIT' as string | null, allParameters: {} as Record<string, string[]>, patches: {} as Record<string, string[]>,
};

const execute = async (consoles: Consoles, body: object): Promise<ExecuteAnswer> =>
  (await call(consoles, 'POST', '/platform/init/execute', { body: JSON.stringify(body) })).json<ExecuteAnswer>();

describe('system initialization and dropTables', () => {
  let engine: DataEngine;
  let consoles: Consoles;
  before(async () => {
    engine = await sampleEngine();
    consoles = createConsoles({ engine, dataSet: 'sample', loginUsers: ['admin', 'dev'], updateDurationMs: 0, legacy: false });
  });
  after(() => engine.close());

  const count = (type: string): number => Number(rows(engine, `SELECT COUNT(*) FROM {${type}}`)[0]?.[0]);
  const exists = (uid: string): boolean => rows(engine, `SELECT {uid} FROM {User} WHERE {uid} = '${uid}'`).length === 1;
  const addVictim = (): void => assert.ok(engine.importImpex('INSERT_UPDATE Customer;uid[unique=true];name\n;init.victim;Made before the run\n', IMPORT).success);
  const runningCronJobs = async (): Promise<{ cronJobCode: string; progress: string }[]> => (await call(consoles, 'GET', '/monitoring/cronjobs/data')).json();

  it('initialization drops all data; the type system, essential data and login users are created anew', async () => {
    addVictim();
    assert.ok(count('Product') > 80);
    const answer = await execute(consoles, INIT_PAGE);
    assert.equal(answer.success, true, answer.log);
    assert.match(answer.log, /INFO Dropping all tables of the type system<\/p>/);
    assert.match(answer.log, /INFO Creating database schema: \d+ tables created, all data removed<\/p>/);
    assert.match(answer.log, /INFO Importing essential data: \d+ lines imported<\/p>/);
    assert.match(answer.log, /INFO System initialization finished successfully/);
    assert.equal(exists('init.victim'), false, 'an item made before the run is gone');
    assert.equal(count('Product'), 0);
    assert.equal(count('Order'), 0);
    assert.deepEqual(await runningCronJobs(), []);
    assert.ok(exists('admin') && exists('anonymous') && exists('dev'), 'essential data and the login users are back');
    assert.equal(count('Language'), 4);
    assert.ok(count('ComposedType') > 20, 'the type system is readable again');
    assert.equal(fs(engine, 'SELECT {pk} FROM {Product}', { user: 'dev' }).error, null, 'queries run as a login user');
  });

  it('with project data, the data set comes back as a fresh one: sample items, cron jobs started minutes ago', async () => {
    addVictim();
    const answer = await execute(consoles, { ...INIT_PAGE, createProjectData: true });
    assert.equal(answer.success, true, answer.log);
    assert.match(answer.log, /INFO Importing project data: \d+ lines of the sample data imported<\/p>/);
    assert.equal(exists('init.victim'), false);
    assert.deepEqual(rows(engine, "SELECT {name} FROM {Product} WHERE {code} = 'JP-001' AND {catalogVersion} IS NOT NULL"), [['電気ケトル']]);
    const index = (await runningCronJobs()).find((job) => job.cronJobCode === 'full-electronicsIndex-cronJob');
    const elapsed = Number(/elapsed: +(\d+)s/.exec(index?.progress ?? '')?.[1]);
    assert.ok(elapsed >= 420 && elapsed < 420 + 300, `elapsed ${elapsed}s`);
  });

  it('leaves the project data out when every store says importSampleData=no', async () => {
    const answer = await execute(consoles, {
      ...INIT_PAGE, createProjectData: true, allParameters: { electronicsstore_importSampleData: ['no'], apparelstore_importSampleData: ['no'] },
    });
    assert.equal(answer.success, true, answer.log);
    assert.match(answer.log, /Importing project data: none \(importSampleData=no for every extension\)/);
    assert.equal(count('Product'), 0);
  });

  it('an update keeps the data; dropTables with an update (hac update run --drop-tables) drops it all', async () => {
    addVictim();
    const update = { ...INIT_PAGE, dropTables: false, initMethod: 'UPDATE' };
    assert.equal((await execute(consoles, update)).success, true);
    assert.equal(exists('init.victim'), true, 'an update keeps the data');
    for (const initMethod of ['UPDATE', null]) {
      addVictim();
      const answer = await execute(consoles, { ...update, initMethod, dropTables: true });
      assert.equal(answer.success, true, answer.log);
      assert.match(answer.log, /Dropping all tables of the type system[^]*Creating database schema: \d+ tables created, all data removed/);
      assert.equal(exists('init.victim'), false, `initMethod ${String(initMethod)}`);
      assert.equal(exists('admin'), true);
    }
  });
});

describe('system initialization: failures', () => {
  it('project data that cannot be read is an ERROR line and success false; the data is gone all the same', async () => {
    const engine = await emptyEngine();
    try {
      const consoles = createConsoles({ engine, dataSet: { impexFile: '/nonexistent/project-data.impex' }, updateDurationMs: 0, legacy: false });
      const answer = await execute(consoles, { ...INIT_PAGE, createProjectData: true });
      assert.equal(answer.success, false);
      assert.match(answer.log, /ERROR Importing project data failed: ENOENT[^<]*\/nonexistent\/project-data\.impex/);
      assert.match(answer.log, /ERROR System initialization finished with errors/);
      assert.match(answer.log, /INFO FINISHED<\/p>\n$/);
    } finally {
      engine.close();
    }
  });

  it('without essential data nothing is created again: the admin user is gone too', async () => {
    const engine = await emptyEngine();
    try {
      const consoles = createConsoles({ engine, updateDurationMs: 0, legacy: false });
      assert.equal((await execute(consoles, { ...INIT_PAGE, createEssentialData: false })).success, true);
      assert.match(fs(engine, 'SELECT {pk} FROM {Product}').error?.message ?? '', /Cannot find user with uid 'admin'/);
    } finally {
      engine.close();
    }
  });
});
