/**
 * `hac session start|import|list|show|clear|clear-all`: the session cache shared with the library and
 * the Python CLI (key: base URL, username, `ENV/ENDPOINT`).
 */
import type { Command } from 'commander';
import type { SessionMetadata } from 'hac-client';
import { resolveUsername } from '../credentials/resolve.js';
import { CliUsageError } from '../errors.js';
import { withExamples } from '../help.js';
import { dataColor, humanKeys, tableWidth } from '../cli-output.js';
import type { CoreRuntime } from '../runtime.js';

export function sessionRecord(meta: SessionMetadata): Record<string, unknown> {
  return {
    environment: meta.environment,
    url: meta.baseUrl,
    username: meta.username,
    created: meta.createdAtFormatted,
    lastUsed: meta.lastUsedAtFormatted,
    idle: formatDuration(meta.idleSeconds),
    route: meta.hasRoute,
  };
}

export function formatDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}h`;
}

/**
 * Sessions cached for the selected target's `ENV/ENDPOINT`: those of its user when one is known
 * without prompting (`-u`, `HAC_USERNAME…`, `username` in the config), else those of every user.
 */
async function targetSessions(runtime: CoreRuntime, envOverride?: string): Promise<{ sessionEnvironment: string; sessions: SessionMetadata[] }> {
  const { selectTarget } = await import('../config/target.js');
  const g = runtime.globals();
  const sel = envOverride
    ? selectTarget(await runtime.config(), { env: envOverride, endpoint: g.endpoint, url: g.url })
    : await runtime.selectedTarget();
  const username = await resolveUsername({ ...runtime.credentialContext(sel), interactive: false }).then(
    (found) => found.value,
    () => undefined, // no user known: every user's sessions of the target
  );
  const all = await (await runtime.sessionManager()).listSessions();
  const sessions = all.filter((s) => s.environment === sel.sessionEnvironment && (username === undefined || s.username === username));
  return { sessionEnvironment: sel.sessionEnvironment, sessions };
}

export function register(program: Command, runtime: CoreRuntime): void {
  const session = program.command('session').description('log in, import, list and clear cached HAC sessions');

  withExamples(
    session
      .command('start')
      .description('log in (or check that the cached session still works) and cache the session')
      .option('--force', 'discard the cached session and log in again')
      .action(async (options: { force?: boolean }) => {
        const { startSession } = await import('./login.js');
        await startSession(runtime, { force: options.force === true });
      }),
    ['hac session start', 'hac -e prod session start --force', 'echo "$PW" | hac session start --password-stdin -u admin'],
  );

  withExamples(
    session
      .command('import')
      .description('use a session copied from a browser: flags, or paste a Cookie header / request headers / cURL command on stdin')
      .option('--session-id <id>', 'the JSESSIONID cookie value')
      .option('--csrf-token <token>', 'the CSRF token (X-CSRF-TOKEN header, or <meta name="_csrf"> in the page source)')
      .option('--route <route>', 'the ROUTE cookie value (load-balanced servers)')
      .action(async (options: { sessionId?: string; csrfToken?: string; route?: string }) => {
        let { sessionId, csrfToken, route } = options;
        if (!sessionId || !csrfToken) {
          if (process.stdin.isTTY) {
            throw new CliUsageError('pass --session-id and --csrf-token, or pipe the request headers of a HAC page (Cookie and X-CSRF-TOKEN) on stdin');
          }
          const { parseBrowserSession } = await import('../session-import.js');
          const pasted = parseBrowserSession(await runtime.readStdin());
          sessionId ??= pasted.sessionId;
          csrfToken ??= pasted.csrfToken;
          route ??= pasted.route;
        }
        if (!sessionId) throw new CliUsageError('no JSESSIONID found: pass --session-id or paste the Cookie header on stdin');
        if (!csrfToken) throw new CliUsageError('no CSRF token found: pass --csrf-token (X-CSRF-TOKEN request header, or <meta name="_csrf" content="…"> of any HAC page)');
        const target = await runtime.target();
        const manager = await runtime.sessionManager();
        const meta = await manager.saveSession({
          baseUrl: target.url,
          username: target.username,
          environment: target.sessionEnvironment,
          hacPath: target.hacPath,
          sessionId,
          csrfToken,
          routeCookie: route ?? null,
        });
        runtime.output.info(`imported a session for ${target.sessionEnvironment} (${target.url}) as ${target.username}${meta.hasRoute ? ' with ROUTE' : ''}`);
      }),
    [
      'hac session import --session-id 7F3A… --csrf-token 0b1c… -u admin',
      'pbpaste | hac -e prod session import -u admin   # Cookie + X-CSRF-TOKEN request headers',
    ],
  );

  withExamples(
    session
      .command('list')
      .alias('ls')
      .description('list cached sessions, most recently used first')
      .action(async () => {
        const manager = await runtime.sessionManager();
        const sessions = await manager.listSessions();
        const format = runtime.output.format('table');
        if (sessions.length === 0 && format === 'table') {
          runtime.output.info(`no cached sessions in ${manager.cacheDir}`);
          return;
        }
        const { renderRecords } = await import('../output/index.js');
        const records = format === 'table' ? sessions.map(sessionRecord) : sessions.map((s) => s.toJSON());
        runtime.output.data(renderRecords(records, format, { width: tableWidth(runtime.output), color: dataColor(runtime.output), labels: { lastUsed: 'last used' } }));
      }),
    ['hac session list', 'hac session list --json'],
  );

  withExamples(
    session
      .command('show [env]')
      .description('show the cached session(s) of the target (no secrets)')
      .action(async (envName: string | undefined) => {
        const { sessionEnvironment, sessions } = await targetSessions(runtime, envName);
        if (sessions.length === 0) {
          runtime.output.info(`no cached session for ${sessionEnvironment}`);
          process.exitCode = 1;
          return;
        }
        const { renderRecord, renderRecords } = await import('../output/index.js');
        const format = runtime.output.format('table');
        if (format !== 'table') {
          // Several users may have a session for one target: JSON is always an array.
          runtime.output.data(renderRecords(sessions.map((s) => ({ ...s.toJSON(), path: s.path })), format, { width: tableWidth(runtime.output) }));
          return;
        }
        const details = sessions.map((s) => ({ ...sessionRecord(s), age: formatDuration(s.ageSeconds), file: s.path }));
        runtime.output.data(details.map((d) => renderRecord(humanKeys(d), 'table', { color: dataColor(runtime.output) })).join('\n'));
      }),
    ['hac session show', 'hac session show prod -n node1'],
  );

  withExamples(
    session
      .command('clear [env]')
      .description("remove the target's cached session(s) (ENV: positional or -e, endpoint: -n)")
      .action(async (envName: string | undefined) => {
        const { sessionEnvironment, sessions } = await targetSessions(runtime, envName);
        const { rm } = await import('node:fs/promises');
        for (const s of sessions) await rm(s.path, { force: true });
        runtime.output.info(sessions.length === 0 ? `no cached session for ${sessionEnvironment}` : `cleared ${sessions.length} session(s) for ${sessionEnvironment}`);
      }),
    ['hac session clear', 'hac session clear prod -n node1'],
  );

  withExamples(
    session
      .command('clear-all')
      .description('remove every cached session')
      .action(async () => {
        const count = await (await runtime.sessionManager()).clearAllSessions();
        runtime.output.info(`cleared ${count} session(s)`);
      }),
    ['hac session clear-all'],
  );
}
