/**
 * Cron job monitoring as HAC's `HacCronJobFacade` answers it:
 * - `GET /monitoring/cronjobs/data`: the running (or restarted) cron jobs as
 *   `[{ cronJobCode, jobCode, progress }]`, where `progress` is text: a progress bar with elapsed,
 *   average and remaining time, or `No data available.` for a job without an active history.
 * - `POST /monitoring/cronjobs/abort`: takes no parameter and requests the abort of **every** running
 *   cron job; answers `{ cronJobCode: true }` per job (`false` when it is not abortable).
 * The page (`cronjobs.jsp`) has one button for it: "Abort cron jobs".
 */
import type { DataEngine } from '../../data/engine-types.js';
import { htmlResponse, jsonResponse } from '../http.js';
import { dataTable, renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

const RUNNING = new Set(['RUNNING', 'RUNNINGRESTART']);

/**
 * Jobs the emulator treats as not abortable, so that the `false` answer can be seen (*emulator choice*:
 * on a real system it depends on the job's performable).
 */
const NOT_ABORTABLE = new Set(['catalogSyncJob']);

export interface RunningCronJob {
  cronJobCode: string;
  jobCode: string;
  progress: string;
}

/**
 * The progress text of a running job: `(42%) [++++…----] elapsed: 37s, average: N/A, remaining: N/A`
 * (the emulator keeps no run history, so average and remaining are unknown).
 */
export function progressText(progress: number | null, elapsedSeconds: number | null): string {
  if (progress === null) return 'No data available.';
  let bar = '';
  for (let i = 0; i < 100; i += 3) bar += i < progress ? '+' : '-';
  const percent = String(Math.round(progress)).padStart(2);
  const elapsed = elapsedSeconds === null ? 'N/A' : `${String(elapsedSeconds).padStart(3)}s`;
  return `(${percent}%) [${bar}] elapsed: ${elapsed}, average: N/A, remaining: N/A`;
}

export function cronJobRoutes(engine: DataEngine, aborted = new Set<string>(), now: () => number = Date.now): ConsoleRoute[] {
  const runningJobs = () => engine.cronJobs().filter((job) => RUNNING.has(job.status.toUpperCase()) && !aborted.has(job.code));
  const running = (): RunningCronJob[] =>
    runningJobs().map((job) => ({
      cronJobCode: job.code,
      jobCode: job.jobCode,
      progress: progressText(job.progress, job.startTime ? Math.max(0, Math.floor((now() - job.startTime.getTime()) / 1000)) : null),
    }));
  return [
    {
      method: 'GET',
      path: '/monitoring/cronjobs',
      handle(request) {
        const body = `\t<div id="tableWrapper">\n${dataTable('cronjobs', ['Code', 'Job code', 'Progress'], [])
          .replace('<table id="cronjobs">', `<table id="cronjobs" data-cronjobsLoadUrl="${request.contextPath}/monitoring/cronjobs/data">`)}\n\t</div>\n`
          + `\t<button id="abortJobs" style="clear:both;" data-url="${request.contextPath}/monitoring/cronjobs/abort">Abort cron jobs</button>\n`
          + '\t<div id="abortingResult"></div>';
        return htmlResponse(renderConsolePage(request, { title: 'Cron Jobs', body }));
      },
    },
    { method: 'GET', path: '/monitoring/cronjobs/data', handle: () => jsonResponse(running()) },
    {
      method: 'POST',
      path: '/monitoring/cronjobs/abort',
      handle() {
        const result: Record<string, boolean> = {};
        for (const job of runningJobs()) {
          const abortable = !NOT_ABORTABLE.has(job.jobCode);
          // An abortable job stops at its next abort check; the emulator lets it stop at once.
          if (abortable) aborted.add(job.code);
          result[job.code] = abortable;
        }
        return jsonResponse(result);
      },
    },
  ];
}
