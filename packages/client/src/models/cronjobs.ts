/** A running cron job from HAC's cron job monitor (`GET /monitoring/cronjobs/data`). */
export interface CronJobInfo {
  /** Code of the CronJob item. */
  code: string;
  /** Code of the Job it runs. */
  jobCode: string;
  /** Status as HAC reports it (`RUNNING` …), or `null`. */
  status: string | null;
  /** Progress in percent, `null` when the job does not report one. */
  progress: number | null;
}

/** The answer to `abortCronJob`. */
export interface CronJobAbort {
  cronJobCode: string;
  /** `true` when HAC accepted the abort request (the job stops at its next abort check). */
  success: boolean;
  /** HAC's message, or `null`. */
  message: string | null;
}
