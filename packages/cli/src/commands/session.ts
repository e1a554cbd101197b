/**
 * `hac session start|import|list|show|clear|clear-all`: the session cache shared with the library and
 * the Python CLI (key: base URL, username, `ENV/ENDPOINT`). The Python CLI's forms work as they are:
 * `session start ENV --username U [-n EP] [-p PW]`, `session import ENV --session-id … --csrf-token …`,
 * `session clear ENV/EP`, `session clear-all --force`.
 */
import type { Command } from 'commander';
import type { SessionMetadata } from 'hac-client';
import { resolveUsername, type CredentialContext } from '../credentials/resolve.js';
import { withExamples } from '../help.js';
import { dataColor, humanKeys, rowsFormat, tableWidth } from '../cli-output.js';
import type { CoreRuntime } from '../runtime.js';
import { confirmOrForce } from './shared/confirm.js';

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

/**
 * A session in the Python CLI's JSON field names (`hac session list/show --json`). The session id and
 * CSRF token, which the Python CLI prints in part, are never printed: their fields say `[REDACTED]`.
 */
export function pythonSessionRecord(meta: SessionMetadata): Record<string, unknown> {
  return {
    environment: meta.environment,
    url: meta.baseUrl,
    username: meta.username,
    session_id: '[REDACTED]',
    csrf_token: '[REDACTED]',
    route_cookie: meta.hasRoute ? '[REDACTED]' : null,
    // Machine values: ISO 8601 times (UTC) and whole seconds, not the display forms.
    created_at: isoSeconds(meta.createdAt),
    last_used_at: isoSeconds(meta.lastUsedAt),
    age_seconds: Math.floor(meta.ageSeconds),
    idle_seconds: Math.floor(meta.idleSeconds),
    is_authenticated: true,
  };
}

/** Unix seconds as ISO 8601 in UTC to the second: `2026-11-30T05:46:02Z`. */
export function isoSeconds(unixSeconds: number): string {
  return new Date(Math.floor(unixSeconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A session for CSV/TSV: the table's columns with machine values (ISO times, whole seconds). */
export function machineSessionRecord(meta: SessionMetadata): Record<string, unknown> {
  return {
    environment: meta.environment,
    url: meta.baseUrl,
    username: meta.username,
    created: isoSeconds(meta.createdAt),
    lastUsed: isoSeconds(meta.lastUsedAt),
    ageSeconds: Math.floor(meta.ageSeconds),
    idleSeconds: Math.floor(meta.idleSeconds),
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

/** `prod` or, as the Python CLI's docs write it, `prod/node1` (an environment named with a `/` wins). */
async function splitTargetArgument(runtime: CoreRuntime, argument: string | undefined): Promise<{ env?: string; endpoint?: string }> {
  if (argument === undefined) return {};
  const slash = argument.indexOf('/');
  if (slash <= 0 || (await runtime.config()).environments.has(argument)) return { env: argument };
  return { env: argument.slice(0, slash), endpoint: argument.slice(slash + 1) };
}

/** Credential sources without the session cache: for commands about the cache itself. */
function contextWithoutCache(runtime: CoreRuntime, sel: Parameters<CoreRuntime['credentialContext']>[0]): CredentialContext {
  const { cachedUsername: _cache, ...context } = runtime.credentialContext(sel);
  return context;
}

/**
 * Sessions cached for the selected target's `ENV/ENDPOINT`, most recently used first: those of its
 * user when one is known without prompting (`-u`, `HAC_USERNAME…`, `username` in the config), else
 * those of every user.
 */
async function targetSessions(runtime: CoreRuntime): Promise<{ sessionEnvironment: string; sessions: SessionMetadata[] }> {
  const sel = await runtime.selectedTarget();
  const username = await resolveUsername({ ...contextWithoutCache(runtime, sel), interactive: false }).then(
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
      .command('start [env]')
      .description('log in (or check that the cached session still works) and cache the session; ENV as -e')
      .option('-p, --password <password>', 'the password (visible to ps and in the shell history: prefer stdin or HAC_PASSWORD)')
      .option('--force', 'discard the cached session and log in again')
      .action(async (envName: string | undefined, options: { password?: string; force?: boolean }) => {
        runtime.useTarget({ env: envName });
        if (options.password !== undefined) runtime.usePassword(options.password, '--password');
        const { startSession } = await import('./login.js');
        await startSession(runtime, { force: options.force === true });
      }),
    [
      'echo "$PW" | hac session start prod --username admin',
      'HAC_PASSWORD=… hac session start prod -n node1 --username admin',
      'hac -e prod session start --force',
    ],
  );

  withExamples(
    session
      .command('import [env]')
      .description('use an existing session (e.g. from a browser): flags, HAC_SESSION_ID…/HAC_CSRF_TOKEN… variables, or JSON / a Cookie header / request headers / a cURL command on stdin')
      .option('--session-id <id>', 'the JSESSIONID cookie value')
      .option('--csrf-token <token>', 'the CSRF token (X-CSRF-TOKEN header, or <meta name="_csrf"> in the page source)')
      .option('--route-cookie <route>', 'the ROUTE cookie value (load-balanced servers)')
      .option('--route <route>', 'same as --route-cookie')
      .action(async (envName: string | undefined, options: { sessionId?: string; csrfToken?: string; routeCookie?: string; route?: string }) => {
        runtime.useTarget({ env: envName });
        const { importSession } = await import('./session-import-action.js');
        await importSession(runtime, options);
      }),
    [
      'hac session import prod --username admin --session-id 7F3A… --csrf-token 0b1c…',
      'pbpaste | hac -e prod session import -u admin   # Cookie + X-CSRF-TOKEN request headers',
      `echo '{"username":"admin","session_id":"…","csrf_token":"…"}' | hac session import prod`,
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
        // One rule for every listing: a table on a terminal, tab-separated when piped.
        const format = rowsFormat(runtime.output);
        if (sessions.length === 0 && format === 'table') {
          runtime.output.info(`no cached sessions in ${manager.cacheDir}`);
          return;
        }
        const { renderRecords } = await import('../output/index.js');
        const toRecord = format === 'table' ? sessionRecord : format === 'json' || format === 'ndjson' ? pythonSessionRecord : machineSessionRecord;
        const records = sessions.map(toRecord);
        runtime.output.data(
          renderRecords(records, format, {
            width: tableWidth(runtime.output),
            color: dataColor(runtime.output),
            ...(format === 'table' && { labels: { lastUsed: 'last used' } }),
            descriptive: [],
          }),
        );
      }),
    ['hac session list', 'hac session list --json'],
  );

  withExamples(
    session
      .command('show [env]')
      .description('show the cached session(s) of the target (no secrets); ENV or ENV/ENDPOINT as -e/-n')
      .action(async (target: string | undefined) => {
        runtime.useTarget(await splitTargetArgument(runtime, target));
        const { sessionEnvironment, sessions } = await targetSessions(runtime);
        const [current] = sessions;
        if (!current) {
          runtime.output.info(`no cached session for ${sessionEnvironment}`);
          process.exitCode = 1;
          return;
        }
        const { renderRecord } = await import('../output/index.js');
        const format = runtime.output.format('table');
        if (format !== 'table') {
          // As the Python CLI: one document, the session commands use (the most recently used).
          runtime.output.data(renderRecord({ ...pythonSessionRecord(current), file: current.path }, format));
          return;
        }
        const details = sessions.map((s) => ({ ...sessionRecord(s), age: formatDuration(s.ageSeconds), file: s.path }));
        runtime.output.data(details.map((d) => renderRecord(humanKeys(d), 'table', { color: dataColor(runtime.output) })).join('\n'));
      }),
    ['hac session show', 'hac session show prod', 'hac session show prod/node1 --json'],
  );

  withExamples(
    session
      .command('clear [env]')
      .description("remove the target's cached session(s); ENV or ENV/ENDPOINT as -e/-n")
      .action(async (target: string | undefined) => {
        runtime.useTarget(await splitTargetArgument(runtime, target));
        const { sessionEnvironment, sessions } = await targetSessions(runtime);
        const { rm } = await import('node:fs/promises');
        for (const s of sessions) await rm(s.path, { force: true });
        runtime.output.info(sessions.length === 0 ? `no cached session for ${sessionEnvironment}` : `cleared ${sessions.length} session(s) for ${sessionEnvironment}`);
      }),
    ['hac session clear', 'hac session clear prod/node1', 'hac session clear prod -n node1'],
  );

  withExamples(
    session
      .command('clear-all')
      .description('remove every cached session (asks first; -f/--force does not)')
      .option('-f, --force', 'do not ask')
      .action(async (options: { force?: boolean }) => {
        await confirmOrForce(runtime, options.force, 'Clear all sessions?');
        const count = await (await runtime.sessionManager()).clearAllSessions();
        runtime.output.info(`cleared ${count} session(s)`);
      }),
    ['hac session clear-all --force', 'hac session clear-all'],
  );
}
