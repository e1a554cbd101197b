/**
 * `hac session import`: store a session that exists already (copied from a browser, or handed over by
 * another tool) so that later commands use it without logging in. Each value comes from, first found:
 * the flags, the Python CLI's variables (`HAC_SESSION_ID[_<ENV>[_<ENDPOINT>]]`, `HAC_CSRF_TOKEN…`,
 * `HAC_ROUTE_COOKIE…`), then stdin: the Python CLI's JSON (`{"username", "session_id", "csrf_token",
 * "route_cookie"}`), or a `Cookie` header, request headers, a cURL command line or page source.
 */
import { credentialFromEnv } from '../credentials/env-vars.js';
import { resolveUsername } from '../credentials/resolve.js';
import { CliUsageError } from '../errors.js';
import type { CoreRuntime } from '../runtime.js';
import { parseBrowserSession, sessionValueProblem, type BrowserSession } from '../session-import.js';

export interface ImportFlags {
  sessionId?: string;
  csrfToken?: string;
  routeCookie?: string;
  route?: string;
}

interface Pasted extends BrowserSession {
  username?: string;
}

/** The Python CLI's JSON document, or what `parseBrowserSession` finds in pasted headers. */
export function parsePastedSession(text: string): Pasted {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (error) {
      throw new CliUsageError(`stdin starts like JSON but is not valid JSON (${(error as Error).name}): expected {"username": …, "session_id": …, "csrf_token": …}`);
    }
    const field = (name: string): string | undefined => {
      const value = (doc as Record<string, unknown>)[name];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string') throw new CliUsageError(`"${name}" on stdin must be a string`);
      return value;
    };
    const pasted: Pasted = {};
    const username = field('username');
    const sessionId = field('session_id');
    const csrfToken = field('csrf_token');
    const route = field('route_cookie');
    if (username) pasted.username = username;
    if (sessionId) pasted.sessionId = sessionId;
    if (csrfToken) pasted.csrfToken = csrfToken;
    if (route) pasted.route = route;
    return pasted;
  }
  return parseBrowserSession(text);
}

function checked(what: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const problem = sessionValueProblem(what, trimmed);
  if (problem) throw new CliUsageError(`${problem}: nothing was imported; copy the value alone (for the session id: the JSESSIONID cookie's value)`);
  return trimmed;
}

export async function importSession(runtime: CoreRuntime, flags: ImportFlags): Promise<void> {
  if (flags.routeCookie !== undefined && flags.route !== undefined && flags.routeCookie !== flags.route) {
    throw new CliUsageError('--route-cookie and --route disagree: give one of them');
  }
  const sel = await runtime.selectedTarget();
  const fromEnv = (kind: 'SESSION_ID' | 'CSRF_TOKEN' | 'ROUTE_COOKIE' | 'USERNAME'): string | undefined =>
    credentialFromEnv(kind, sel.environment, sel.endpoint, runtime.env)?.value;
  let sessionId = flags.sessionId ?? fromEnv('SESSION_ID');
  let csrfToken = flags.csrfToken ?? fromEnv('CSRF_TOKEN');
  let route = flags.routeCookie ?? flags.route ?? fromEnv('ROUTE_COOKIE');
  let username = runtime.globals().user ?? fromEnv('USERNAME');

  if ((!sessionId || !csrfToken || !username) && !runtime.stdinIsTTY) {
    const pasted = parsePastedSession(await runtime.readStdin());
    sessionId ??= pasted.sessionId;
    csrfToken ??= pasted.csrfToken;
    route ??= pasted.route;
    username ??= pasted.username;
  }
  if (!sessionId) {
    throw new CliUsageError('no session id: pass --session-id, set HAC_SESSION_ID, or pipe JSON {"session_id": …} or the Cookie header of a HAC page on stdin');
  }
  if (!csrfToken) {
    throw new CliUsageError('no CSRF token: pass --csrf-token, set HAC_CSRF_TOKEN, or pipe JSON {"csrf_token": …} or the X-CSRF-TOKEN request header (or <meta name="_csrf" content="…"> of any HAC page) on stdin');
  }
  const values = {
    sessionId: checked('session id', sessionId.replace(/^\s*JSESSIONID=/i, '')) as string,
    csrfToken: checked('CSRF token', csrfToken) as string,
    route: checked('ROUTE cookie', route?.replace(/^\s*ROUTE=/i, '')),
  };
  // The session cache is no source here: the imported session is a new one.
  const { cachedUsername: _cache, ...context } = runtime.credentialContext(sel);
  const user = username ?? (await resolveUsername(context)).value;
  const manager = await runtime.sessionManager();
  const meta = await manager.saveSession({
    baseUrl: sel.url,
    username: user,
    environment: sel.sessionEnvironment,
    hacPath: sel.hacPath,
    sessionId: values.sessionId,
    csrfToken: values.csrfToken,
    routeCookie: values.route ?? null,
  });
  runtime.output.info(`imported a session for ${sel.sessionEnvironment} (${sel.url}) as ${user}${meta.hasRoute ? ' with ROUTE' : ''}`);
}
