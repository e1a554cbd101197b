/**
 * Cron job monitoring: `GET /monitoring/cronjobs/data` lists the running cron jobs
 * (`[{ cronJobCode, jobCode, progress, status }]`), `POST /monitoring/cronjobs/abort` (field
 * `cronJobCode`) requests an abort; an aborted job leaves the running list.
 */
import type { DataEngine } from '../../data/engine-types.js';
import { escapeHtml } from '../../server/html.js';
import { badRequest, htmlResponse, jsonResponse } from '../http.js';
import { dataTable, renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

const RUNNING = new Set(['RUNNING', 'RUNNINGRESTART']);

export function cronJobRoutes(engine: DataEngine, aborted = new Set<string>()): ConsoleRoute[] {
  const running = (): { cronJobCode: string; jobCode: string; progress: number | null; status: string }[] =>
    engine.cronJobs()
      .filter((job) => RUNNING.has(job.status.toUpperCase()) && !aborted.has(job.code))
      .map((job) => ({ cronJobCode: job.code, jobCode: job.jobCode, progress: job.progress, status: job.status }));
  return [
    {
      method: 'GET',
      path: '/monitoring/cronjobs',
      handle(request) {
        const rows = running().map((job) => `<tr data-cronJobCode="${escapeHtml(job.cronJobCode)}"><td>${escapeHtml(job.cronJobCode)}</td><td>${escapeHtml(job.jobCode)}</td>`
          + `<td>${job.progress ?? ''}</td><td>${escapeHtml(job.status)}</td></tr>`);
        return htmlResponse(renderConsolePage(request, {
          title: 'Cron Jobs',
          urls: { dataUrl: '/monitoring/cronjobs/data', abortUrl: '/monitoring/cronjobs/abort' },
          body: dataTable('cronJobs', ['Cron job', 'Job', 'Progress (%)', 'Status'], rows),
        }));
      },
    },
    { method: 'GET', path: '/monitoring/cronjobs/data', handle: () => jsonResponse(running()) },
    {
      method: 'POST',
      path: '/monitoring/cronjobs/abort',
      handle(request) {
        const code = (request.form.get('cronJobCode') ?? request.form.get('code') ?? '').trim();
        if (code === '') return badRequest("Required request parameter 'cronJobCode' is not present");
        if (!running().some((job) => job.cronJobCode === code)) {
          return jsonResponse({ success: false, cronJobCode: code, message: `Cron job '${code}' is not running` });
        }
        aborted.add(code);
        return jsonResponse({ success: true, cronJobCode: code, message: `Abort of cron job '${code}' requested` });
      },
    },
  ];
}
