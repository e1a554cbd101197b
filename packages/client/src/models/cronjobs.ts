/** A running (or restarted) cron job as HAC's cron job monitor lists it (`GET /monitoring/cronjobs/data`). */
export interface CronJobInfo {
  /** Code of the CronJob item. */
  code: string;
  /** Code of the Job it runs. */
  jobCode: string;
  /**
   * HAC's progress text as sent: `(42%) [++++++++++++++--------------------] elapsed: 37s, average: 60s,
   * remaining: 23s` (plus the job's status line, if any), or `No data available.` for a job without
   * an active history.
   */
  progress: string;
  /** The percentage at the start of `progress` (`42`), `null` when HAC shows none. */
  percent: number | null;
}

/**
 * The answer to `abortAllRunningCronJobs`: for each cron job that was running, whether HAC requested
 * its abort (`true`; the job stops at its next abort check) or could not (`false`: not abortable).
 */
export type CronJobAbortRequests = Record<string, boolean>;
