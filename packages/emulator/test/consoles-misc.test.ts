import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Consoles } from '../src/consoles/route-types.js';
import type { DataEngine } from '../src/data/engine-types.js';
import { call, sampleConsoles } from './consoles-helpers.js';

interface Stats {
  hits: number;
  misses: number;
  invalidations: number;
  evictions: number;
  fetches: number;
  instanceCount: number;
}
interface Region {
  name: string;
  maxEntries: number;
  maxReachedSize: number;
  factor: number;
  cacheStatistics: Stats;
  typesStatistics: (Stats & { typeCode: string })[];
}

describe('monitoring and platform consoles', () => {
  let engine: DataEngine;
  let consoles: Consoles;
  before(async () => {
    ({ engine, consoles } = await sampleConsoles());
  });
  after(() => engine.close());

  it('region cache statistics move between reads and clearing resets them', async () => {
    const read = async (): Promise<Region[]> => (await call(consoles, 'GET', '/monitoring/cache/regionCache/data')).json<{ regions: Region[] }>().regions;
    const first = await read();
    assert.deepEqual(first.map((r) => r.name), ['typesystemCacheRegion', 'entityCacheRegion', 'queryCacheRegion', 'mediaCacheRegion']);
    for (const region of first) {
      assert.deepEqual(Object.keys(region), ['name', 'maxEntries', 'maxReachedSize', 'factor', 'cacheStatistics', 'typesStatistics']);
      assert.deepEqual(Object.keys(region.cacheStatistics), ['hits', 'misses', 'invalidations', 'evictions', 'fetches', 'instanceCount']);
      assert.ok(region.cacheStatistics.hits > region.cacheStatistics.misses);
      assert.ok(region.factor > 50 && region.factor <= 100);
    }
    const second = await read();
    assert.ok((second[1]?.cacheStatistics.hits ?? 0) > (first[1]?.cacheStatistics.hits ?? 0));
    const entity = second[1];
    assert.equal(entity?.typesStatistics.reduce((sum, t) => sum + t.hits, 0), entity?.cacheStatistics.hits);

    const onlyMedia = (await call(consoles, 'POST', '/monitoring/cache/regionCache/clear', { form: { regionName: 'mediaCacheRegion' } })).json<{ regions: Region[] }>().regions;
    assert.equal(onlyMedia[3]?.cacheStatistics.hits, 0);
    assert.ok((onlyMedia[0]?.cacheStatistics.hits ?? 0) > 0);
    const cleared = (await call(consoles, 'POST', '/monitoring/cache/regionCache/clear')).json<{ regions: Region[] }>().regions;
    for (const region of cleared) assert.deepEqual(region.cacheStatistics, { hits: 0, misses: 0, invalidations: 0, evictions: 0, fetches: 0, instanceCount: 0 });
    const afterClear = await read();
    assert.ok((afterClear[0]?.cacheStatistics.hits ?? 0) < (second[0]?.cacheStatistics.hits ?? 0));
    assert.equal((await call(consoles, 'POST', '/monitoring/cache/regionCache/clear', { form: { regionName: 'nope' } })).status, 400);
  });

  it('lists loggers in table#loggers and changes levels', async () => {
    const page = await call(consoles, 'GET', '/platform/log4j');
    assert.match(page.text, /<table id="loggers">/);
    assert.match(page.text, /<select class="loggerLevels" data-loggerName="de\.hybris\.platform\.jalo">[^]*?<option value="WARN" selected="selected">WARN<\/option>/);
    // A logger without its own level shows its parent's.
    assert.match(page.text, /data-loggerName="de\.hybris\.platform\.servicelayer">[^]*?<option value="INFO" selected="selected">/);

    const answer = (await call(consoles, 'POST', '/platform/log4j/changeLevel', { form: { loggerName: 'de.hybris.platform', levelName: 'debug' } }))
      .json<{ loggerName: string; levelName: string; loggers: { name: string; parentName: string | null; effectiveLevel: { standardLevel: string } }[]; levels: string[] }>();
    assert.equal(answer.loggerName, 'de.hybris.platform');
    assert.equal(answer.levelName, 'DEBUG');
    assert.deepEqual(answer.levels, ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL']);
    const servicelayer = answer.loggers.find((l) => l.name === 'de.hybris.platform.servicelayer');
    assert.deepEqual(servicelayer, { name: 'de.hybris.platform.servicelayer', parentName: 'de.hybris.platform', effectiveLevel: { standardLevel: 'DEBUG' } });
    assert.deepEqual(answer.loggers[0], { name: 'root', parentName: null, effectiveLevel: { standardLevel: 'INFO' } });

    const created = (await call(consoles, 'POST', '/platform/log4j/changeLevel', { form: { loggerName: 'com.example.new', levelName: 'TRACE' } })).json<{ loggers: { name: string; parentName: string | null }[] }>();
    assert.equal(created.loggers.find((l) => l.name === 'com.example.new')?.parentName, 'root');
    assert.equal((await call(consoles, 'POST', '/platform/log4j/changeLevel', { form: { loggerName: 'x', levelName: 'LOUD' } })).status, 400);
  });

  it('shows configuration with secrets masked, stores and deletes in memory', async () => {
    const page = await call(consoles, 'GET', '/platform/config');
    assert.match(page.text, /<table id="props">/);
    assert.match(page.text, /<tr id="tomcat\.ssl\.port">[^]*?<input class="configValue" name="tomcat\.ssl\.port" value="9002"/);
    assert.match(page.text, /<input class="configValue" name="db\.password" value="\*\*\*\*\*"/);
    assert.ok(!page.text.includes('hsqldb-S3cret'));

    const stored = (await call(consoles, 'POST', '/platform/configstore', { form: { key: 'my.flag', val: 'a<b' } })).json();
    assert.deepEqual(stored, { key: 'my.flag', val: 'a<b', success: true });
    assert.match((await call(consoles, 'GET', '/platform/config')).text, /<tr id="my\.flag">[^]*?value="a&lt;b"/);
    assert.deepEqual((await call(consoles, 'POST', '/platform/configstore', { form: { key: 'my.password', val: 'x' } })).json(), { key: 'my.password', val: '*****', success: true });
    assert.deepEqual((await call(consoles, 'POST', '/platform/configdelete', { form: { key: 'my.flag' } })).json(), { key: 'my.flag', success: true });
    assert.ok(!(await call(consoles, 'GET', '/platform/config')).text.includes('id="my.flag"'));
    assert.equal((await call(consoles, 'POST', '/platform/configstore', { form: { val: 'x' } })).status, 400);
  });

  it('ties system.unlocking.disabled to the update lock', async () => {
    await call(consoles, 'POST', '/platform/configstore', { form: { key: 'system.unlocking.disabled', val: 'true' } });
    assert.match((await call(consoles, 'GET', '/platform/update')).text, /system\.unlocking\.disabled/);
    assert.match((await call(consoles, 'GET', '/platform/config')).text, /name="system\.unlocking\.disabled" value="true"/);
    consoles.setUpdateLocked(false);
    assert.match((await call(consoles, 'GET', '/platform/config')).text, /name="system\.unlocking\.disabled" value="false"/);
  });

  it('analyzes PKs of existing items and decodes others', async () => {
    // Emulator PKs: 1e12 + minute * 2^19 + typeCode * 2^9 + sequence; sequence 511 of the same minute and type is unused.
    const [pk] = engine.flexibleSearch('SELECT {pk} FROM {Product}', { maxCount: 1, locale: 'en', user: 'admin' }).rows[0] ?? [];
    assert.ok(pk);
    const known = engine.lookupPk(pk);
    const answer = (await call(consoles, 'POST', '/platform/pkanalyzer/analyze', { form: { pkString: pk } })).json<Record<string, unknown>>();
    assert.equal(answer['pkString'], pk);
    assert.equal(answer['pkTypeCode'], known?.typeCode);
    assert.equal(answer['pkTypeName'], 'Product');
    assert.equal(answer['pkCreationDate'], known?.createdAt.getTime());
    assert.equal(answer['itemExists'], true);
    const decodedOnly = (await call(consoles, 'POST', '/platform/pkanalyzer/analyze', { form: { pkString: String(Number(pk) - ((Number(pk) - 1e12) % 512) + 511) } })).json<Record<string, unknown>>();
    assert.equal(decodedOnly['itemExists'], false);
    assert.equal(decodedOnly['pkTypeCode'], known?.typeCode);
    const invalid = (await call(consoles, 'POST', '/platform/pkanalyzer/analyze', { form: { pkString: 'abc' } })).json<Record<string, unknown>>();
    assert.equal(invalid['pkTypeCode'], null);
    assert.match(String(invalid['errorMessage']), /not a valid PK/);
  });

  it('lists running cron jobs and aborts one', async () => {
    const list = async (): Promise<{ cronJobCode: string; jobCode: string; progress: number | null }[]> =>
      (await call(consoles, 'GET', '/monitoring/cronjobs/data')).json();
    const running = engine.cronJobs().filter((job) => job.status === 'RUNNING');
    assert.ok(running.length > 0);
    const first = await list();
    assert.deepEqual(first.map((job) => job.cronJobCode), running.map((job) => job.code));
    assert.deepEqual(Object.keys(first[0] ?? {}), ['cronJobCode', 'jobCode', 'progress', 'status']);
    const code = running[0]?.code ?? '';
    assert.equal((await call(consoles, 'POST', '/monitoring/cronjobs/abort', { form: { cronJobCode: code } })).json<{ success: boolean }>().success, true);
    assert.ok(!(await list()).some((job) => job.cronJobCode === code));
    assert.equal((await call(consoles, 'POST', '/monitoring/cronjobs/abort', { form: { cronJobCode: code } })).json<{ success: boolean }>().success, false);
    assert.equal((await call(consoles, 'POST', '/monitoring/cronjobs/abort')).status, 400);
  });
});
