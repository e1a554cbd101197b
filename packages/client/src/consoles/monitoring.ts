import { HacClientError } from '../errors.js';
import type { HacTransport } from '../internal/transport.js';
import type { CacheRegion, ClearCacheOptions } from '../models/cache.js';
import type { CallOptions } from '../models/common.js';
import type { CronJobAbort, CronJobInfo } from '../models/cronjobs.js';
import { parseCacheRegions, parseCronJobAbort, parseCronJobs } from './parse-monitoring.js';
import { callFields, sendParsed } from './shape.js';

/** Statistics of every region cache (`GET /monitoring/cache/regionCache/data`). */
export async function getCacheRegions(transport: HacTransport, options: CallOptions = {}): Promise<CacheRegion[]> {
  return sendParsed(
    transport,
    { method: 'GET', path: '/monitoring/cache/regionCache/data', expect: 'json', ...callFields(options) },
    (response) => parseCacheRegions(response.json()),
  );
}

/** Clear the region caches (or one) of the node serving the request; resolves with the statistics afterwards. */
export async function clearCache(transport: HacTransport, options: ClearCacheOptions = {}): Promise<CacheRegion[]> {
  const form: Record<string, string> = options.region ? { regionName: options.region } : {};
  return sendParsed(
    transport,
    { method: 'POST', path: '/monitoring/cache/regionCache/clear', form, expect: 'json', ...callFields(options) },
    (response) => parseCacheRegions(response.json()),
  );
}

/** The cron jobs running now (`GET /monitoring/cronjobs/data`). */
export async function getCronJobs(transport: HacTransport, options: CallOptions = {}): Promise<CronJobInfo[]> {
  return sendParsed(transport, { method: 'GET', path: '/monitoring/cronjobs/data', expect: 'json', ...callFields(options) }, (response) =>
    parseCronJobs(response.json()),
  );
}

/** Ask a running cron job to abort (`POST /monitoring/cronjobs/abort`); `success: false` when it was not running. */
export async function abortCronJob(transport: HacTransport, cronJobCode: string, options: CallOptions = {}): Promise<CronJobAbort> {
  if (cronJobCode.trim() === '') throw new HacClientError('The cron job code is empty');
  return sendParsed(
    transport,
    { method: 'POST', path: '/monitoring/cronjobs/abort', form: { cronJobCode }, expect: 'json', ...callFields(options) },
    (response) => parseCronJobAbort(response.json(), cronJobCode),
  );
}
