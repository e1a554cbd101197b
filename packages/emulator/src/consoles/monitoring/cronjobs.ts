/**
 * Cron job monitoring: `GET /monitoring/cronjobs/data` lists the running cron jobs
 * (`[{ cronJobCode, jobCode, progress, status }]`), `POST /monitoring/cronjobs/abort` (field
 * `cronJobCode`) requests an abort; an aborted job leaves the running list.
 */
import type { DataEngine } from '../../data/engine-types.js';
import { escapeHtml } from '../escape.js';
import { badRequest, htmlResponse, jsonResponse } from '../http.js';
import { renderPage } from '../pages/layout.js';
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
        const rows = running().map((job) => `\t\t<tr data-cronJobCode="${escapeHtml(job.cronJobCode)}"><td>${escapeHtml(job.cronJobCode)}</td><td>${escapeHtml(job.jobCode)}</td>`
          + `<td>${job.progress ?? ''}</td><td>${escapeHtml(job.status)}</td></tr>`).join('\n');
        const content = `<div class="prepend-top span-17 colborder" id="content" data-dataUrl="${request.contextPath}/monitoring/cronjobs/data" data-abortUrl="${request.contextPath}/monitoring/cronjobs/abort">
\t<h2>Cron Jobs</h2>
\t<table id="cronJobs">
\t\t<thead><tr><th>Cron job</th><th>Job</th><th>Progress (%)</th><th>Status</th></tr></thead>
\t\t<tbody>
${rows}
\t\t</tbody>
\t</table>
</div>`;
        return htmlResponse(renderPage(request, { title: 'Cron Jobs', content }));
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
