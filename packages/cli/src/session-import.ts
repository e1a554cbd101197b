/**
 * Parse what a user copies from a browser into a session: a `Cookie:` header, the request headers of
 * a HAC console call ("Copy request headers"), a "Copy as cURL" command line, or the page source
 * (`<meta name="_csrf" content="…">`). Pure: tested without a server.
 */

export interface BrowserSession {
  sessionId?: string;
  csrfToken?: string;
  /** The `ROUTE` cookie value (without `ROUTE=`). */
  route?: string;
}

const stop = `[^;\\s'"&]+`;

function match(text: string, pattern: RegExp): string | undefined {
  const found = pattern.exec(text);
  return found?.[1];
}

export function parseBrowserSession(text: string, cookieName = 'JSESSIONID'): BrowserSession {
  const result: BrowserSession = {};
  const escaped = cookieName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const sessionId = match(text, new RegExp(`(?:^|[\\s;'"]|-b\\s*['"]?)${escaped}=(${stop})`, 'i'));
  if (sessionId) result.sessionId = sessionId;
  const route = match(text, new RegExp(`(?:^|[\\s;'"])ROUTE=(${stop})`, 'i'));
  if (route) result.route = route;
  const csrf =
    match(text, new RegExp(`x-csrf-token['"]?\\s*:\\s*['"]?(${stop})`, 'i')) ??
    match(text, /<meta\s+name=["']_csrf["']\s+content=["']([^"']+)["']/i) ??
    match(text, new RegExp(`(?:^|[?&\\s'"])_csrf=(${stop})`, 'i'));
  if (csrf) result.csrfToken = decodeURIComponent(csrf);
  return result;
}
