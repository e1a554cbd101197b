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
  return {
    sessionId,
    csrfToken,
    routeCookie: typeof route === 'string' && route !== '' ? normalizeRouteCookie(route) : null,
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
