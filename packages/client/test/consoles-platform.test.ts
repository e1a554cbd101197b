import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  abortCronJob,
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

  it('lists loggers and changes a level', async () => {
    const loggers = await getLoggers(f.client.transport);
    assert.deepEqual(f.takeRequests(), ['GET /hac/platform/log4j']);
    assert.equal(loggers.find((logger) => logger.name === 'de.hybris.platform.jalo')?.level, 'WARN');
    const change = await setLogLevel(f.client.transport, 'de.hybris.platform.jalo', 'debug');
    assert.equal(change.levelName, 'DEBUG');
    assert.ok(change.levels.includes('TRACE'));
    const jalo = change.loggers.find((logger) => logger.name === 'de.hybris.platform.jalo');
    assert.deepEqual(jalo, { name: 'de.hybris.platform.jalo', level: 'DEBUG', parentName: 'de.hybris.platform' });
    assert.equal((await getLoggers(f.client.transport)).find((logger) => logger.name === 'de.hybris.platform.jalo')?.level, 'DEBUG');
    await assert.rejects(setLogLevel(f.client.transport, ' ', 'INFO'), HacClientError);
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

  it('analyzes a PK of a known item', async () => {
    const product = await f.client.executeFlexibleSearch("SELECT {pk} FROM {Product} WHERE {code} = 'HW-1001'");
    const pk = product.rows[0]?.[0];
    assert.ok(pk);
    const analysis = await analyzePk(f.client.transport, pk);
    assert.equal(analysis.pkString, pk);
    assert.equal(typeof analysis.typeCode, 'number');
    assert.equal(analysis.typeName, 'Product');
    assert.match(analysis.creationDate ?? '', /^\d{4}-\d\d-\d\dT/);
    await assert.rejects(analyzePk(f.client.transport, 'abc'), /decimal number/);
  });

  it('reads region cache statistics and clears one region', async () => {
    f.takeRequests();
    const regions = await getCacheRegions(f.client.transport);
    assert.deepEqual(f.takeRequests(), ['GET /hac/monitoring/cache/regionCache/data']);
    const entity = regions.find((region) => region.name === 'entityCacheRegion');
    assert.ok(entity && entity.hits > 0);
    assert.ok(entity.hitRatio !== null && entity.hitRatio > 0 && entity.hitRatio <= 1);
    const cleared = await clearCache(f.client.transport, { region: 'entityCacheRegion' });
    assert.equal(cleared.find((region) => region.name === 'entityCacheRegion')?.hits, 0);
    assert.ok((cleared.find((region) => region.name === 'typesystemCacheRegion')?.hits ?? 0) > 0);
    const all = await clearCache(f.client.transport);
    assert.ok(all.every((region) => region.hits === 0));
  });

  it('lists running cron jobs and aborts one', async () => {
    const jobs = await getCronJobs(f.client.transport);
    const codes = jobs.map((job) => job.code);
    assert.ok(codes.includes('full-electronicsIndex-cronJob'), codes.join(', '));
    assert.equal(jobs.find((job) => job.code === 'full-electronicsIndex-cronJob')?.progress, 42);
    const abort = await abortCronJob(f.client.transport, 'full-electronicsIndex-cronJob');
    assert.equal(abort.success, true);
    assert.ok(!(await getCronJobs(f.client.transport)).some((job) => job.code === 'full-electronicsIndex-cronJob'));
    const again = await abortCronJob(f.client.transport, 'full-electronicsIndex-cronJob');
    assert.equal(again.success, false);
    assert.match(again.message ?? '', /not running/);
  });
});
