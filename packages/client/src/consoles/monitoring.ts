import { HacClientError } from '../errors.js';
import type { HacTransport } from '../internal/transport.js';
import type { CacheRegion } from '../models/cache.js';
import type { CallOptions } from '../models/common.js';
import type { CronJobAbortRequests, CronJobInfo } from '../models/cronjobs.js';
import { parseCacheRegions, parseCronJobAborts, parseCronJobs } from './parse-monitoring.js';
import { callFields, sendParsed } from './shape.js';

/** Statistics of every region cache (`GET /monitoring/cache/regionCache/data`). */
export async function getCacheRegions(transport: HacTransport, options: CallOptions = {}): Promise<CacheRegion[]> {
  return sendParsed(
    transport,
    { method: 'GET', path: '/monitoring/cache/regionCache/data', expect: 'json', ...callFields(options) },
    (response) => parseCacheRegions(response.json()),
  );
}

/**
 * Clear every region cache of the node serving the request, as HAC's "Clear cache" button does (it
 * sends no region: HAC has no per-region clear); resolves with the statistics afterwards.
 */
export async function clearCache(transport: HacTransport, options: CallOptions = {}): Promise<CacheRegion[]> {
  // An untyped caller may still pass the region option of earlier versions: clearing everything
  // while it asked for one region would be the wrong surprise.
  if ('region' in options) throw new HacClientError('clearCache clears every region: HAC offers no per-region clear (drop the region option)');
  return sendParsed(
    transport,
    { method: 'POST', path: '/monitoring/cache/regionCache/clear', expect: 'json', ...callFields(options) },
    (response) => parseCacheRegions(response.json()),
  );
}

/** The cron jobs running now, with HAC's progress text (`GET /monitoring/cronjobs/data`). */
export async function getCronJobs(transport: HacTransport, options: CallOptions = {}): Promise<CronJobInfo[]> {
  return sendParsed(transport, { method: 'GET', path: '/monitoring/cronjobs/data', expect: 'json', ...callFields(options) }, (response) =>
    parseCronJobs(response.json()),
  );
}

/**
 * Request the abort of **every** running cron job (`POST /monitoring/cronjobs/abort`, HAC's "Abort cron
 * jobs" button: it takes no cron job, HAC has no per-job abort). Resolves with, per cron job that was
 * running, whether HAC requested its abort (`false`: not abortable); `{}` when none was running.
 */
export async function abortAllRunningCronJobs(transport: HacTransport, options: CallOptions = {}): Promise<CronJobAbortRequests> {
  return sendParsed(transport, { method: 'POST', path: '/monitoring/cronjobs/abort', expect: 'json', ...callFields(options) }, (response) =>
    parseCronJobAborts(response.json()),
  );
}
