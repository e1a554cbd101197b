import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCacheRegions, parseCronJobAbort, parseCronJobs } from '../src/consoles/parse-monitoring.js';
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
          typesStatistics: [{ type: 'Product', hits: 3 }],
        },
        { name: 'empty', maxEntries: 5, cacheStatistics: {} },
      ],
    });
    assert.equal(regions[0]?.hitRatio, 0.75);
    assert.equal(regions[0]?.instanceCount, 1200);
    assert.deepEqual(regions[0]?.typesStatistics, [{ type: 'Product', hits: 3 }]);
    assert.deepEqual(regions[1], {
      name: 'empty', maxEntries: 5, maxReachedSize: null, factor: null, hits: 0, misses: 0, invalidations: 0,
      evictions: 0, fetches: 0, instanceCount: 0, hitRatio: null, typesStatistics: [],
    });
    assert.throws(() => parseCacheRegions({}), ShapeError);
  });
});

describe('parseCronJobs', () => {
  it('reads running jobs', () => {
    assert.deepEqual(parseCronJobs([{ cronJobCode: 'sync', jobCode: 'syncJob', progress: 42 }, { cronJobCode: 'idx', jobCode: 'solr', progress: null, status: 'RUNNING' }]), [
      { code: 'sync', jobCode: 'syncJob', status: null, progress: 42 },
      { code: 'idx', jobCode: 'solr', status: 'RUNNING', progress: null },
    ]);
    assert.deepEqual(parseCronJobs({ cronJobs: [] }), []);
  });
});

describe('parseCronJobAbort', () => {
  it('reads success and message', () => {
    assert.deepEqual(parseCronJobAbort({ success: false, cronJobCode: 'x', message: "Cron job 'x' is not running" }, 'x'), {
      cronJobCode: 'x',
      success: false,
      message: "Cron job 'x' is not running",
    });
    assert.deepEqual(parseCronJobAbort({}, 'y'), { cronJobCode: 'y', success: true, message: null });
  });
});
