/** What the login flow and the session transport share: options, the HTTP layer, URL building. */
import type { HttpLayer } from '../internal/http.js';
import type { Redactor } from '../internal/redact.js';
import type { ResolvedHacClientOptions } from '../options.js';

export interface SessionContext {
  options: ResolvedHacClientOptions;
  http: HttpLayer;
  redactor: Redactor;
}

export const SESSION_CACHE_WARNING = 'HAC_CLIENT_SESSION_CACHE';

/** A notice for the user: to `onWarning`, else a process warning unless `quiet`. */
export function warn(ctx: SessionContext, message: string): void {
  const sink = ctx.options.onWarning;
  if (!sink) ctx.http.debug(`warning: ${message}`);
  if (sink) {
    try {
      sink(message);
    } catch {
      // A failing notice sink must not fail the call it reports on.
    }
  } else if (!ctx.options.quiet) {
    process.emitWarning(message, { code: SESSION_CACHE_WARNING });
  }
}

/** `<baseUrl><hacPath><path>?query` */
export function hacUrl(ctx: SessionContext, path: string, query?: Record<string, string>): URL {
  return serverUrl(ctx, `${ctx.options.hacPath}${path}`, query);
}

/** `<baseUrl><path>?query`, for the rare link outside HAC's context path. */
export function serverUrl(ctx: SessionContext, path: string, query?: Record<string, string>): URL {
  const url = new URL(`${ctx.options.baseUrl}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value);
  return url;
}

/** Extra headers of the auth handler (e.g. for a proxy in front of HAC); their values are secrets. */
export async function authHeaders(ctx: SessionContext): Promise<Record<string, string>> {
  const handler = ctx.options.authHandler;
  if (!handler.getHeaders) return {};
  const headers = await handler.getHeaders();
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    ctx.redactor.add(value);
    out[name.toLowerCase()] = value;
  }
  return out;
}

/** Whether a `Location` header points at the login page (or the login form's target). */
export function isLoginLocation(location: string | null): boolean {
  if (!location) return false;
  return /\/login(?:\.jsp)?(?:[?;#]|$)/.test(location) || location.includes('j_spring_security_check');
}
