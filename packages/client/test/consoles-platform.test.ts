import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  abortAllRunningCronJobs,
  analyzePk,
  clearCache,
  deleteConfigurationProperty,
  getCacheRegions,
  getConfiguration,
  getCronJobs,
  getLoggers,
  setConfigurationProperty,
  setLogLevel,
} from '../src/consoles/index.js';
import { HacClientError } from '../src/errors.js';
import { startConsoleFixture, type ConsoleFixture } from './consoles-fixture.js';

describe('platform and monitoring consoles against the emulator', () => {
  let f: ConsoleFixture;
  before(async () => {
    f = await startConsoleFixture();
  });
  after(async () => {
    await f.close();
  });

  it('lists loggers with their parents (the page\'s second cell) and changes a level', async () => {
    const loggers = await getLoggers(f.client.transport);
    assert.deepEqual(f.takeRequests(), ['GET /hac/platform/log4j']);
    assert.deepEqual(loggers.find((logger) => logger.name === 'de.hybris.platform.jalo'), { name: 'de.hybris.platform.jalo', level: 'WARN', parentName: 'de.hybris.platform' });
    assert.deepEqual(loggers.find((logger) => logger.name === 'root'), { name: 'root', level: 'INFO', parentName: null });
    assert.ok(loggers.filter((logger) => logger.name !== 'root').every((logger) => logger.parentName !== null));
    const change = await setLogLevel(f.client.transport, 'de.hybris.platform.jalo', 'debug');
    assert.equal(change.levelName, 'DEBUG');
    assert.ok(change.levels.includes('TRACE'));
    const jalo = change.loggers.find((logger) => logger.name === 'de.hybris.platform.jalo');
    assert.deepEqual(jalo, { name: 'de.hybris.platform.jalo', level: 'DEBUG', parentName: 'de.hybris.platform' });
    assert.equal((await getLoggers(f.client.transport)).find((logger) => logger.name === 'de.hybris.platform.jalo')?.level, 'DEBUG');
    await assert.rejects(setLogLevel(f.client.transport, ' ', 'INFO'), HacClientError);
    // HAC's own checks: a name that is not a dotted Java name, a level log4j does not know.
    await assert.rejects(setLogLevel(f.client.transport, 'not a logger', 'INFO'), /HAC refused the logger name "not a logger"/);
    await assert.rejects(setLogLevel(f.client.transport, 'com.acme', 'LOUD'), /did not change the level of logger "com\.acme" to LOUD/);
  });

  it('reads, sets and deletes configuration properties (secrets stay masked)', async () => {
    const config = await getConfiguration(f.client.transport);
    assert.equal(config['tomcat.ssl.port'], '9002');
    assert.equal(config['db.password'], '*****');
    await setConfigurationProperty(f.client.transport, 'acme.feature.flag', 'on & <off>');
    assert.equal((await getConfiguration(f.client.transport))['acme.feature.flag'], 'on & <off>');
    assert.equal(await deleteConfigurationProperty(f.client.transport, 'acme.feature.flag'), true);
    assert.equal((await getConfiguration(f.client.transport))['acme.feature.flag'], undefined);
    assert.equal(await deleteConfigurationProperty(f.client.transport, 'acme.feature.flag'), false);
  });

  it('analyzes a PK of a known item; a PK HAC cannot analyse is a failed analysis with its message', async () => {
    const product = await f.client.executeFlexibleSearch("SELECT {pk} FROM {Product} WHERE {code} = 'HW-1001'");
    const pk = product.rows[0]?.[0];
    assert.ok(pk);
    const analysis = await analyzePk(f.client.transport, pk);
    assert.equal(analysis.success, true);
    assert.equal(analysis.pkString, pk);
    assert.equal(typeof analysis.typeCode, 'number');
    assert.equal(analysis.typeName, 'Product');
    assert.match(analysis.creationDate ?? '', /^\d{4}-\d\d-\d\dT/);
    await assert.rejects(analyzePk(f.client.transport, 'abc'), /decimal number/);
    const bad = await analyzePk(f.client.transport, '42');
    assert.equal(bad.success, false);
    assert.match(bad.error ?? '', /not a PK/);
    assert.equal(bad.typeCode, null);
  });

  it('reads region cache statistics; clearCache clears every region, as HAC has no per-region clear', async () => {
    f.takeRequests();
    const regions = await getCacheRegions(f.client.transport);
    assert.deepEqual(f.takeRequests(), ['GET /hac/monitoring/cache/regionCache/data']);
    const entity = regions.find((region) => region.name === 'entityCacheRegion');
    assert.ok(entity && entity.hits > 0);
    assert.ok(entity.hitRatio !== null && entity.hitRatio > 0 && entity.hitRatio <= 1);
    const all = await clearCache(f.client.transport);
    assert.ok(all.every((region) => region.hits === 0));
    assert.deepEqual(f.takeRequests(), ['POST /hac/monitoring/cache/regionCache/clear']);
    // An untyped caller asking for one region gets an error, not a clear of everything.
    await assert.rejects(clearCache(f.client.transport, { region: 'entityCacheRegion' } as never), /clears every region: HAC offers no per-region clear/);
    assert.deepEqual(f.takeRequests(), []);
  });

  it('lists running cron jobs with HAC\'s progress text; abortAllRunningCronJobs aborts every one and says which', async () => {
    const jobs = await getCronJobs(f.client.transport);
    assert.deepEqual(jobs.map((job) => [job.code, job.percent]), [['full-electronicsIndex-cronJob', 42], ['sync electronicsProductCatalog:Staged->Online', 8]]);
    assert.match(jobs[0]?.progress ?? '', /^\(42%\) \[\+{14}-{20}\] elapsed: +\d+s, average: N\/A, remaining: N\/A$/);
    f.takeRequests();
    const aborted = await abortAllRunningCronJobs(f.client.transport);
    assert.deepEqual(f.takeRequests(), ['POST /hac/monitoring/cronjobs/abort']);
    assert.deepEqual(aborted, { 'full-electronicsIndex-cronJob': true, 'sync electronicsProductCatalog:Staged->Online': false });
    assert.deepEqual((await getCronJobs(f.client.transport)).map((job) => job.code), ['sync electronicsProductCatalog:Staged->Online']);
  });
});
