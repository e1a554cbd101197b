import type { CacheRegion } from '../models/cache.js';
import type { CronJobAbort, CronJobInfo } from '../models/cronjobs.js';
import { arrayField, booleanField, expectObject, isObject, numberField, optionalString, ShapeError, stringField, type JsonObject } from './shape.js';

/** Read `{ regions: [...] }` of the region cache monitor (data and clear answer alike). */
export function parseCacheRegions(json: unknown): CacheRegion[] {
  const object = expectObject(json, 'the cache data');
  if (!Array.isArray(object['regions'])) throw new ShapeError('the cache data has no regions array');
  return arrayField(object, 'regions').map((entry, index) => parseRegion(expectObject(entry, `regions[${index}]`)));
}

function parseRegion(object: JsonObject): CacheRegion {
  const stats: JsonObject = isObject(object['cacheStatistics']) ? object['cacheStatistics'] : {};
  const hits = numberField(stats, 'hits');
  const misses = numberField(stats, 'misses');
  return {
    name: stringField(object, 'name'),
    maxEntries: numberField(object, 'maxEntries'),
    maxReachedSize: nullableNumber(object, 'maxReachedSize'),
    factor: nullableNumber(object, 'factor'),
    hits,
    misses,
    invalidations: numberField(stats, 'invalidations'),
    evictions: numberField(stats, 'evictions'),
    fetches: numberField(stats, 'fetches'),
    instanceCount: numberField(stats, 'instanceCount'),
    hitRatio: hits + misses > 0 ? hits / (hits + misses) : null,
    typesStatistics: arrayField(object, 'typesStatistics'),
  };
}

function nullableNumber(object: JsonObject, key: string): number | null {
  return object[key] === undefined || object[key] === null ? null : numberField(object, key);
}

/** Read `GET /monitoring/cronjobs/data`: an array (or `{ cronJobs: [...] }`) of running jobs. */
export function parseCronJobs(json: unknown): CronJobInfo[] {
  const list = Array.isArray(json) ? json : arrayField(expectObject(json, 'the cron job data'), 'cronJobs');
  return list.map((entry, index) => {
    const object = expectObject(entry, `cron job ${index}`);
    return {
      code: stringField(object, 'cronJobCode') || stringField(object, 'code'),
      jobCode: stringField(object, 'jobCode'),
      status: optionalString(object, 'status'),
      progress: nullableNumber(object, 'progress'),
    };
  });
}

/** Read the answer of `POST /monitoring/cronjobs/abort`: `{ success, cronJobCode, message }`. */
export function parseCronJobAbort(json: unknown, cronJobCode: string): CronJobAbort {
  const object = expectObject(json, 'the abort answer');
  return {
    cronJobCode: stringField(object, 'cronJobCode', cronJobCode),
    success: booleanField(object, 'success', true),
    message: optionalString(object, 'message'),
  };
}
