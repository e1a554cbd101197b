/** The session as the library holds it, and its on-disk form (shared with the Python `hac` tool). */

/** A HAC session: what is needed to call HAC without logging in again. Times are Unix seconds. */
export interface StoredSession {
  /** Value of the session cookie (`JSESSIONID`). Secret. */
  sessionId: string;
  /** The CSRF token of this session (sent as `X-CSRF-TOKEN`). Secret. */
  csrfToken: string;
  /** The load balancer's sticky cookie as `ROUTE=value`, or `null`. */
  routeCookie: string | null;
  environment: string;
  /** The base URL part of the cache key (see `sessionBaseUrl`). */
  baseUrl: string;
  username: string;
  createdAt: number;
  lastUsedAt: number;
  isAuthenticated: boolean;
}

/** The JSON file format of `reference-client.md`: snake_case, Unix seconds as floats. */
export interface SessionFile {
  session_id: string;
  csrf_token: string;
  route_cookie: string | null;
  environment: string;
  base_url: string;
  username: string;
  created_at: number;
  last_used_at: number;
  is_authenticated: boolean;
}

export function toSessionFile(s: StoredSession): SessionFile {
  return {
    session_id: s.sessionId,
    csrf_token: s.csrfToken,
    route_cookie: s.routeCookie,
    environment: s.environment,
    base_url: s.baseUrl,
    username: s.username,
    created_at: s.createdAt,
    last_used_at: s.lastUsedAt,
    is_authenticated: s.isAuthenticated,
  };
}

/** Parses a session file's JSON value; `null` when it is not a valid session (the caller deletes it). */
export function fromSessionFile(value: unknown): StoredSession | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const str = (k: string): string | null => (typeof v[k] === 'string' ? (v[k] as string) : null);
  const num = (k: string): number | null => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? (v[k] as number) : null);
  const sessionId = str('session_id');
  const csrfToken = str('csrf_token');
  const environment = str('environment');
  const baseUrl = str('base_url');
  const username = str('username');
  const createdAt = num('created_at');
  if (!sessionId || csrfToken === null || environment === null || baseUrl === null || username === null || createdAt === null) return null;
  const route = v['route_cookie'];
  if (route !== null && route !== undefined && typeof route !== 'string') return null;
  const routeCookie = typeof route === 'string' && route !== '' ? normalizeRouteCookie(route) : null;
  // A value that cannot go into a Cookie or header would fail every call: no session rather than that.
  if (sessionValuesProblem({ sessionId, csrfToken, routeCookie }) !== undefined) return null;
  return {
    sessionId,
    csrfToken,
    routeCookie,
    environment,
    baseUrl,
    username,
    createdAt,
    lastUsedAt: num('last_used_at') ?? createdAt,
    isAuthenticated: v['is_authenticated'] !== false,
  };
}

/**
 * `ROUTE=value` from either a bare value or `ROUTE=value` (never `ROUTE=ROUTE=value`, which made
 * load balancers answer 400 for one client).
 */
export function normalizeRouteCookie(route: string): string {
  const trimmed = route.trim();
  const value = trimmed.replace(/^(?:ROUTE=)+/i, '');
  return `ROUTE=${value}`;
}

export function nowSeconds(): number {
  return Date.now() / 1000;
}

/** RFC 6265 `cookie-octet`: visible ASCII except `"`, `,`, `;` and backslash. */
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;
const MAX_VALUE_LENGTH = 4096;

function valueProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (value.length > MAX_VALUE_LENGTH) return `is longer than ${MAX_VALUE_LENGTH} characters`;
  // A quoted cookie value (RFC 6265 allows DQUOTE *cookie-octet DQUOTE) is sent as it is.
  const bare = value.length > 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  if (COOKIE_OCTETS.test(bare)) return undefined;
  if (/[\r\n]/.test(bare)) return 'contains a line break';
  if (bare.includes(';')) return "contains ';'";
  if (/\s/.test(bare)) return 'contains white space';
  if (/[^\x20-\x7E]/.test(bare)) return 'contains a control or non-ASCII character';
  return 'contains a character not allowed in a cookie or header (" , or \\)';
}

/** The session values as they are sent: the `JSESSIONID` value, the CSRF token, the `ROUTE` cookie. */
export interface SessionValues {
  sessionId: string;
  csrfToken: string;
  /** `ROUTE=value`, a bare value, or `null`/`undefined` for none. */
  routeCookie?: string | null | undefined;
}

/**
 * Why these values cannot be used as a session (one phrase naming the value and the fault, e.g. `the
 * session id contains a line break`), or `undefined` when they can. A session id, CSRF token or ROUTE
 * value must be RFC 6265 cookie octets (no space, control character, `"`, `,`, `;` or backslash), at most
 * 4096 characters: anything else would break every request it is sent with.
 */
export function sessionValuesProblem(values: SessionValues): string | undefined {
  const checks: [string, string][] = [
    ['the session id', values.sessionId],
    ['the CSRF token', values.csrfToken],
  ];
  if (values.routeCookie) checks.push(['the ROUTE cookie', normalizeRouteCookie(values.routeCookie).slice('ROUTE='.length)]);
  for (const [name, value] of checks) {
    const problem = valueProblem(value);
    if (problem) return `${name} ${problem}`;
  }
  return undefined;
}
