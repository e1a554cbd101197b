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
  typesStatistics: (Omit<Stats, 'instanceCount'> & { type: string; typeName: string })[];
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

    assert.deepEqual(Object.keys(entity?.typesStatistics[0] ?? {}), ['type', 'typeName', 'hits', 'misses', 'invalidations', 'evictions', 'fetches']);

    // HAC's page posts the clear without parameters and every region is cleared; a region name is ignored.
    const cleared = (await call(consoles, 'POST', '/monitoring/cache/regionCache/clear', { form: { regionName: 'mediaCacheRegion' } })).json<{ regions: Region[] }>().regions;
    for (const region of cleared) assert.deepEqual(region.cacheStatistics, { hits: 0, misses: 0, invalidations: 0, evictions: 0, fetches: 0, instanceCount: 0 });
    const afterClear = await read();
    assert.ok((afterClear[0]?.cacheStatistics.hits ?? 0) < (second[0]?.cacheStatistics.hits ?? 0));
    const again = (await call(consoles, 'POST', '/monitoring/cache/regionCache/clear')).json<{ regions: Region[] }>().regions;
    for (const region of again) assert.equal(region.cacheStatistics.hits, 0);
  });

  it('renders loggers as log4j.jsp does (name and parent in cells with a title) and changes levels as log4j.js expects', async () => {
    const page = await call(consoles, 'GET', '/platform/log4j');
    assert.match(page.text, /<table id="loggers" data-changeLoggerLevelUrl="\/hac\/platform\/log4j\/changeLevel">/);
    assert.match(page.text, /<th>Logger<\/th><th>Parent Logger<\/th><th>Effective Level<\/th>/);
    assert.match(page.text, /<td title="de\.hybris\.platform\.jalo">de\.hybris\.platform\.jalo<\/td>\s*<td title="de\.hybris\.platform">de\.hybris\.platform<\/td>\s*<td><select class="loggerLevels" data-loggerName="de\.hybris\.platform\.jalo">[^]*?<option value="WARN" selected="selected">WARN<\/option>/);
    // A logger without its own level shows its parent's; root has no parent.
    assert.match(page.text, /data-loggerName="de\.hybris\.platform\.servicelayer">[^]*?<option value="INFO" selected="selected">/);
    assert.match(page.text, /<td title="root">root<\/td>\s*<td title=""><\/td>/);

    type Change = { loggerName: string; levelName: string; loggers?: { name: string; parentName: string | null; effectiveLevel: { standardLevel: string } }[]; levels?: { standardLevel: string }[]; validationError?: unknown };
    const change = async (loggerName: string, levelName: string): Promise<Change> =>
      (await call(consoles, 'POST', '/platform/log4j/changeLevel', { form: { loggerName, levelName } })).json<Change>();
    const answer = await change('de.hybris.platform', 'debug');
    assert.equal(answer.loggerName, 'de.hybris.platform');
    assert.equal(answer.levelName, 'DEBUG');
    assert.deepEqual(answer.levels?.map((level) => level.standardLevel), ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL']);
    const servicelayer = answer.loggers?.find((l) => l.name === 'de.hybris.platform.servicelayer');
    assert.deepEqual(servicelayer, { name: 'de.hybris.platform.servicelayer', parentName: 'de.hybris.platform', effectiveLevel: { standardLevel: 'DEBUG' } });
    assert.deepEqual(answer.loggers?.[0], { name: 'root', parentName: null, effectiveLevel: { standardLevel: 'INFO' } });

    assert.equal((await change('com.example.new', 'TRACE')).loggers?.find((l) => l.name === 'com.example.new')?.parentName, 'root');
    // HAC's checks: a name that is not a dotted Java name is a validation error; an unknown level changes nothing.
    assert.deepEqual(await change('com example', 'INFO'), { loggerName: 'com example', levelName: 'INFO', validationError: true });
    assert.deepEqual(await change('x', 'LOUD'), { loggerName: 'x', levelName: 'LOUD' });
    assert.equal((await call(consoles, 'POST', '/platform/log4j/changeLevel', { form: { levelName: 'INFO' } })).status, 400);
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

  it('analyzes PKs with the fields pkanalyzer.js reads; a bad PK comes back with possibleException', async () => {
    // Emulator PKs: 1e12 + minute * 2^19 + typeCode * 2^9 + sequence; sequence 511 of the same minute and type is unused.
    const [pk] = engine.flexibleSearch('SELECT {pk} FROM {Product}', { maxCount: 1, locale: 'en', user: 'admin' }).rows[0] ?? [];
    assert.ok(pk);
    const known = engine.lookupPk(pk);
    const analyze = async (pkString: string): Promise<Record<string, unknown>> =>
      (await call(consoles, 'POST', '/platform/pkanalyzer/analyze', { form: { pkString } })).json<Record<string, unknown>>();
    const answer = await analyze(pk);
    assert.deepEqual(Object.keys(answer), ['pkString', 'pkComposedTypeCode', 'pkTypeCode', 'pkMilliCnt', 'counterBased', 'pkClusterId', 'pkCreationTime', 'pkCreationDate', 'bits', 'possibleException']);
    assert.equal(answer['pkString'], pk);
    assert.equal(answer['pkComposedTypeCode'], 'Product');
    assert.equal(answer['pkTypeCode'], known?.typeCode);
    assert.equal(answer['pkCreationTime'], known?.createdAt.getTime());
    assert.match(String(answer['pkCreationDate']), /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
    assert.equal((answer['bits'] as string[]).join(''), BigInt(pk).toString(2).padStart(64, '0'));
    assert.equal(answer['possibleException'], null);
    const decodedOnly = await analyze(String(Number(pk) - ((Number(pk) - 1e12) % 512) + 511));
    assert.equal(decodedOnly['pkComposedTypeCode'], null);
    assert.equal(decodedOnly['pkTypeCode'], known?.typeCode);

    const invalid = await analyze('abc');
    assert.equal(invalid['pkTypeCode'], null);
    assert.equal((invalid['possibleException'] as { message: string }).message, 'For input string: "abc"');
    assert.match((((await analyze('42'))['possibleException'] ?? {}) as { message?: string }).message ?? '', /not a PK/);
  });

  it('lists running cron jobs with HAC\'s progress text and aborts them all with one parameterless POST', async () => {
    const list = async (): Promise<{ cronJobCode: string; jobCode: string; progress: string }[]> =>
      (await call(consoles, 'GET', '/monitoring/cronjobs/data')).json();
    const running = engine.cronJobs().filter((job) => job.status === 'RUNNING');
    assert.equal(running.length, 2);
    const first = await list();
    assert.deepEqual(first.map((job) => job.cronJobCode), running.map((job) => job.code));
    assert.deepEqual(Object.keys(first[0] ?? {}), ['cronJobCode', 'jobCode', 'progress']);
    // HacCronJobFacade: "(%2.0f%%) [" + 34 of +/- + "] elapsed: %3ds, average: …, remaining: …"
    assert.match(first[0]?.progress ?? '', /^\(42%\) \[\+{14}-{20}\] elapsed: +\d+s, average: N\/A, remaining: N\/A$/);
    // The sample job started 7 minutes before the data was opened (not in 2024): elapsed counts from there.
    const elapsed = Number(/elapsed: +(\d+)s/.exec(first[0]?.progress ?? '')?.[1]);
    assert.ok(elapsed >= 420 && elapsed < 420 + 300, `elapsed ${elapsed}s`);
    assert.match(first[1]?.progress ?? '', /^\( 8%\) \[\+{3}-{31}\] elapsed:/);

    const aborted = (await call(consoles, 'POST', '/monitoring/cronjobs/abort')).json<Record<string, boolean>>();
    assert.deepEqual(aborted, { 'full-electronicsIndex-cronJob': true, 'sync electronicsProductCatalog:Staged->Online': false });
    assert.deepEqual((await list()).map((job) => job.cronJobCode), ['sync electronicsProductCatalog:Staged->Online']);
    assert.deepEqual((await call(consoles, 'POST', '/monitoring/cronjobs/abort')).json(), { 'sync electronicsProductCatalog:Staged->Online': false });
  });
});
