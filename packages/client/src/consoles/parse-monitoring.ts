import type { CacheRegion } from '../models/cache.js';
import type { CronJobAbortRequests, CronJobInfo } from '../models/cronjobs.js';
import { arrayField, booleanField, expectObject, isObject, numberField, ShapeError, stringField, type JsonObject } from './shape.js';

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

/**
 * Read `GET /monitoring/cronjobs/data`: `[{ cronJobCode, jobCode, progress }]`, where HAC's
 * `HacCronJobFacade` writes `progress` as text, e.g. `( 7%) [+++------…] elapsed: 12s, average: N/A,
 * remaining: N/A` or `No data available.`.
 */
export function parseCronJobs(json: unknown): CronJobInfo[] {
  if (!Array.isArray(json)) throw new ShapeError('expected the cron job data to be a JSON array');
  return json.map((entry, index) => {
    const object = expectObject(entry, `cron job ${index}`);
    const progress = stringField(object, 'progress');
    return {
      code: stringField(object, 'cronJobCode'),
      jobCode: stringField(object, 'jobCode'),
      progress,
      percent: percentOf(object['progress'], progress),
    };
  });
}

/** `String.format("(%2.0f%%) ", progress)` at the start of the text (a bare number is taken as is). */
function percentOf(raw: unknown, text: string): number | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  const match = /^\(\s*(\d+(?:\.\d+)?)%\)/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * Read the answer of `POST /monitoring/cronjobs/abort`: cron job code → whether HAC requested the abort
 * (`{}` when nothing was running).
 */
export function parseCronJobAborts(json: unknown): CronJobAbortRequests {
  const object = expectObject(json, 'the abort answer');
  const result: CronJobAbortRequests = {};
  for (const key of Object.keys(object)) result[key] = booleanField(object, key);
  return result;
}
