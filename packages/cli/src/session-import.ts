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

/**
 * The characters a cookie value may hold (RFC 6265 `cookie-octet`): visible ASCII except `"`, `,`,
 * `;` and `\`. A session id, CSRF token or ROUTE with anything else (CR/LF, spaces, `;`, control
 * characters, non-ASCII) would corrupt every later request's `Cookie` or `X-CSRF-TOKEN` header.
 */
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;

/**
 * Why `value` cannot be imported as `what` (e.g. "session id"), or undefined when it can. Surrounding
 * whitespace is the caller's to trim. The message never repeats the value: it is a secret.
 */
export function sessionValueProblem(what: string, value: string): string | undefined {
  if (value === '') return `the ${what} is empty`;
  if (COOKIE_OCTETS.test(value)) return undefined;
  const bad = [...value].find((c) => !COOKIE_OCTETS.test(c)) ?? '';
  const code = bad.codePointAt(0) ?? 0;
  const named: Record<string, string> = { '\r': 'a carriage return', '\n': 'a line break', ' ': 'a space', '\t': 'a tab', ';': '";"', ',': '","', '"': 'a double quote', '\\': 'a backslash' };
  const which = named[bad] ?? (code < 0x20 || code === 0x7f ? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `non-ASCII character U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  return `the ${what} holds ${which}, which a cookie or header cannot carry`;
}
