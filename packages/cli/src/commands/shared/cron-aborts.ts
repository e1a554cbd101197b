/** How `hac cronjob abort-all` and hac mcp's `abort_cron_jobs` judge HAC's answer to an abort of every running job. */
import type { CronJobAbortRequests } from 'hac-client';
import type { WriteOutcome } from '../../audit/cli-audit.js';

/** The jobs whose abort was requested count as rows; one that HAC could not abort makes it a failure. */
export function abortOutcome(requested: CronJobAbortRequests): WriteOutcome & { refused: string[] } {
  const refused = Object.keys(requested).filter((code) => !requested[code]);
  return {
    ok: refused.length === 0,
    rows: Object.keys(requested).length - refused.length,
    refused,
    ...(refused.length > 0 ? { reason: `not abortable, still running: ${refused.join(', ')}` } : {}),
  };
}
