import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCacheRegions, parseCronJobAborts, parseCronJobs } from '../src/consoles/parse-monitoring.js';
import { ShapeError } from '../src/consoles/shape.js';

describe('parseCacheRegions', () => {
  it('flattens statistics and computes the hit ratio', () => {
    const regions = parseCacheRegions({
      regions: [
        {
          name: 'typesystemCacheRegion',
          maxEntries: 10000,
          maxReachedSize: 1200,
          factor: 12,
          cacheStatistics: { hits: 30, misses: 10, invalidations: 1, evictions: 0, fetches: 10, instanceCount: 1200 },
          // regionCache.js reads typeName ("Name (full name)") or type, and the counters.
          typesStatistics: [{ type: '1', typeName: 'Product (de.hybris.platform.jalo.product.Product)', hits: 3, misses: 1, invalidations: 0, evictions: 0, fetches: 1 }],
        },
        { name: 'empty', maxEntries: 5, cacheStatistics: {} },
      ],
    });
    assert.equal(regions[0]?.hitRatio, 0.75);
    assert.equal(regions[0]?.instanceCount, 1200);
    assert.deepEqual(regions[0]?.typesStatistics, [{ type: '1', typeName: 'Product (de.hybris.platform.jalo.product.Product)', hits: 3, misses: 1, invalidations: 0, evictions: 0, fetches: 1 }]);
    assert.deepEqual(regions[1], {
      name: 'empty', maxEntries: 5, maxReachedSize: null, factor: null, hits: 0, misses: 0, invalidations: 0,
      evictions: 0, fetches: 0, instanceCount: 0, hitRatio: null, typesStatistics: [],
    });
    assert.throws(() => parseCacheRegions({}), ShapeError);
  });
});

describe('parseCronJobs', () => {
  it('reads the running jobs as HacCronJobFacade writes them: progress is text, the percentage parsed out of it', () => {
    const bar = (filled: number): string => `${'+'.repeat(filled)}${'-'.repeat(34 - filled)}`;
    const answer = [
      { cronJobCode: 'full-electronicsIndex-cronJob', jobCode: 'solrIndexerJob', progress: `(42%) [${bar(14)}] elapsed:  37s, average:  60s, remaining:  23s\n` },
      { cronJobCode: 'sync', jobCode: 'catalogVersionSyncJob', progress: `( 7%) [${bar(3)}] elapsed: 120s, average: N/A, remaining: N/A Syncing products` },
      { cronJobCode: 'slow', jobCode: 'cleanUpJob', progress: `(100%) [${bar(34)}] elapsed: 300s, average:  60s,  240s slower than usual\n` },
      { cronJobCode: 'noBar', jobCode: 'cleanUpJob', progress: 'elapsed:   5s, average: N/A, remaining: N/A' },
      { cronJobCode: 'fresh', jobCode: 'cleanUpJob', progress: 'No data available.' },
    ];
    assert.deepEqual(
      parseCronJobs(answer).map((job) => [job.code, job.jobCode, job.percent]),
      [['full-electronicsIndex-cronJob', 'solrIndexerJob', 42], ['sync', 'catalogVersionSyncJob', 7], ['slow', 'cleanUpJob', 100], ['noBar', 'cleanUpJob', null], ['fresh', 'cleanUpJob', null]],
    );
    assert.equal(parseCronJobs(answer)[1]?.progress, answer[1]?.progress, 'the text is kept as sent');
    assert.deepEqual(parseCronJobs([]), []);
  });

  it('takes a numeric progress as the percentage, and refuses an answer that is not a list', () => {
    assert.deepEqual(parseCronJobs([{ cronJobCode: 'a', jobCode: 'j', progress: 12.5 }]), [{ code: 'a', jobCode: 'j', progress: '12.5', percent: 12.5 }]);
    assert.throws(() => parseCronJobs({ cronJobs: [] }), ShapeError);
  });
});

describe('parseCronJobAborts', () => {
  it('reads requestAbortForRunningCronJobs\' map: cron job code → abort requested', () => {
    assert.deepEqual(parseCronJobAborts({ CronJobCode1: true, CronJobCode2: false }), { CronJobCode1: true, CronJobCode2: false });
    assert.deepEqual(parseCronJobAborts({}), {});
    assert.throws(() => parseCronJobAborts({ x: 'maybe' }), ShapeError);
    assert.throws(() => parseCronJobAborts([]), ShapeError);
  });
});
