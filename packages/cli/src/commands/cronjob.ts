/**
 * `hac cronjob list|abort-all`: HAC's cron job monitor (Monitoring > Cron Jobs). HAC can only abort
 * every running cron job at once (its "Abort cron jobs" button): `abort-all` lists them first, asks
 * before it aborts (`--yes` to skip), and is refused on read-only environments.
 */
import type { Command } from 'commander';
import type { CronJobInfo } from 'hac-client';
import { abortOutcome } from './shared/cron-aborts.js';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { reportOperationFailure } from './shared/failure.js';

const row = (job: CronJobInfo): Record<string, unknown> => ({ cronJob: job.code, job: job.jobCode, percent: job.percent, progress: job.progress.trim() });

export function register(program: Command, runtime: CliRuntime): void {
  const cronjob = program.command('cronjob').description('list the running cron jobs and abort them (HAC aborts all at once)');

  withExamples(cronjob.command('list'), ['hac cronjob list', 'hac cronjob list --json'])
    .description('the running cron jobs with their progress')
    .action(async () => {
      const jobs = await (await runtime.client()).getCronJobs({ signal: runtime.signal });
      const { printRecords } = await import('./shared/console-output.js');
      printRecords(runtime, jobs.map(row), { empty: 'no cron jobs running', descriptive: ['progress'] });
    });

  withExamples(cronjob.command('abort-all'), ['hac cronjob abort-all', 'hac cronjob abort-all --yes --json'])
    .description('ask every running cron job to abort, after listing them and asking for confirmation (--yes skips it)')
    .action(async () => {
      const client = await runtime.client();
      const running = await client.getCronJobs({ signal: runtime.signal });
      if (running.length === 0) {
        runtime.output.info('no cron jobs running: nothing to abort');
        if (runtime.output.format('table') === 'json') runtime.output.data('{}\n');
        return;
      }
      runtime.output.info(`running cron jobs (HAC aborts every one, also any that starts meanwhile):\n${running.map((job) => `  ${job.code} (${job.jobCode}${job.percent === null ? '' : `, ${job.percent}%`})`).join('\n')}`);
      await runtime.guard('abort-cronjobs', 'cronjob abort-all');
      const requested = await runtime.auditWrite('cronjob abort-all', undefined, () => client.abortAllRunningCronJobs({ signal: runtime.signal }), abortOutcome);
      const records = Object.entries(requested).map(([cronJob, abortRequested]) => ({ cronJob, abortRequested }));
      const { formatJson } = await import('../output/json.js');
      if (runtime.output.format('table') === 'json') runtime.output.data(formatJson(requested));
      else (await import('./shared/console-output.js')).printRecords(runtime, records, { empty: 'no cron job was running any more' });
      const refused = records.filter((r) => !r.abortRequested).map((r) => r.cronJob);
      if (refused.length > 0) reportOperationFailure(runtime.output, `not abortable, still running: ${refused.join(', ')}`);
      else if (records.length > 0) runtime.output.info(`abort requested for ${records.length} cron job${records.length === 1 ? '' : 's'}: each stops at its next abort check`);
    });
}
