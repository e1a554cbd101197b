/**
 * Cookies as HAC uses them: a session cookie (`JSESSIONID`, `Path=<ctx>`) and a load balancer's
 * `ROUTE` (`Path=/`), set on responses from one origin and sent back to it. `Set-Cookie` lines are
 * parsed by set-cookie-parser; storing and matching follow RFC 6265 (section 5.3: host-only cookies
 * without `Domain`, a `Domain` must domain-match the host, default path and path matching, `Max-Age`
 * before `Expires`), and `Secure` cookies are accepted over HTTPS and on loopback, as in browsers.
 * Public suffixes play no part: HAC is reached by bare host names (`commerce-server`), `localhost`
 * and IP addresses, and nothing is sent outside the HAC origin (cookies ignore ports, so a jar alone
 * would share them with every service on the host).
 *
 * Not tough-cookie: with its public-suffix list it costs ~17 ms of CPU to load, more than half of
 * what a whole first login may take (30 ms, issue 8), for rules this client turns off.
 *
 * Cookie names are matched case-insensitively where the client looks one up (HAC pitfall: some
 * servers and proxies write `jsessionid`). Values are kept verbatim, quotes included, as a browser
 * sends them back.
 */
import type { Cookie as SetCookieAttributes } from 'set-cookie-parser';
import { setCookieParser } from './lazy.js';

export interface SetCookie {
  name: string;
  value: string;
  /** `Max-Age<=0` or an `Expires` in the past: the server deletes the cookie. */
  deleted: boolean;
}

interface StoredCookie {
  name: string;
  value: string;
  /** The host it was set by (host-only), or the `Domain` it applies to. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  /** Epoch milliseconds; `Infinity` for a session cookie. */
  expiresAt: number;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const isIpAddress = (host: string): boolean => IPV4.test(host) || host.startsWith('[');

/** Hosts browsers treat as a secure context over plain HTTP: `localhost`, `127.0.0.0/8`, `::1`. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || (IPV4.test(host) && host.startsWith('127.'));
}

function secureContext(url: URL): boolean {
  return url.protocol === 'https:' || isLoopback(url.hostname);
}

/** RFC 6265 5.1.3. */
function domainMatches(host: string, domain: string): boolean {
  return host === domain || (!isIpAddress(host) && host.endsWith(`.${domain}`));
}

/** RFC 6265 5.1.4: the directory of the request path. */
function defaultPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** RFC 6265 5.1.4. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  return requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/');
}

/** The name, value and attributes of one `Set-Cookie` line; `undefined` when it holds no cookie. */
function parseLine(line: string): SetCookieAttributes | undefined {
  // `silent`: the parser would otherwise print to the console about odd names.
  const [parsed] = setCookieParser().parseSetCookie(line, { decodeValues: false, split: false, silent: true });
  // A line without `=` or with an empty name is no cookie (RFC 6265 5.2 steps 2-3).
  if (!parsed?.name || !line.includes('=')) return undefined;
  return parsed;
}

/** One `Set-Cookie` line of a response to `url`, as a browser would store it, or `undefined` if it would refuse it. */
function parseSetCookie(line: string, url: URL, now: number): StoredCookie | undefined {
  const parsed = parseLine(line);
  if (!parsed) return undefined;
  const host = url.hostname.toLowerCase();
  if (parsed.secure && !secureContext(url)) return undefined;
  let domain = host;
  let hostOnly = true;
  const attribute = parsed.domain?.toLowerCase().replace(/^\./, '');
  if (attribute) {
    if (!domainMatches(host, attribute)) return undefined;
    domain = attribute;
    hostOnly = attribute === host;
  }
  const path = parsed.path?.startsWith('/') ? parsed.path : defaultPath(url.pathname);
  let expiresAt = Number.POSITIVE_INFINITY;
  if (parsed.maxAge !== undefined && Number.isFinite(parsed.maxAge)) expiresAt = parsed.maxAge <= 0 ? 0 : now + parsed.maxAge * 1000;
  else if (parsed.expires && !Number.isNaN(parsed.expires.getTime())) expiresAt = parsed.expires.getTime();
  return { name: parsed.name, value: parsed.value, domain, hostOnly, path, secure: Boolean(parsed.secure), expiresAt };
}

/**
 * The last `Set-Cookie` for `name` (matched case-insensitively) that a browser would accept from a
 * response to `url`: unparsable lines, a `Domain` of another host or a `Secure` cookie over plain
 * HTTP (except on loopback) are skipped.
 */
export function findSetCookie(lines: readonly string[], name: string, url: string | URL): SetCookie | undefined {
  if (lines.length === 0) return undefined;
  const target = new URL(url);
  const now = Date.now();
  let found: SetCookie | undefined;
  for (const line of lines) {
    const cookie = parseSetCookie(line, target, now);
    if (cookie && sameName(cookie.name, name)) found = { name: cookie.name, value: cookie.value, deleted: cookie.expiresAt <= now };
  }
  return found;
}

/**
 * Whether a response to `url` set cookie `name` (case-insensitive) with `Secure` over a connection a
 * browser would not send it back on: plain HTTP to a host other than loopback (`localhost`,
 * `127.0.0.0/8`, `::1` count as secure, as in browsers). HAC marks `JSESSIONID` `Secure` on every
 * connection, so such a session can never be used.
 */
export function secureCookieWithheld(lines: readonly string[], name: string, url: string | URL): boolean {
  const target = new URL(url);
  if (secureContext(target)) return false;
  return lines.some((line) => {
    const parsed = parseLine(line);
    return parsed?.secure === true && sameName(parsed.name, name);
  });
}

/** The cookies of one login exchange (login page → form POST → start page), for one origin. */
export class LoginCookieJar {
  readonly #origin: string;
  /** In the order they were first set (RFC 6265 5.4: ties in path length keep that order). */
  #cookies: StoredCookie[] = [];

  constructor(origin: string) {
    this.#origin = new URL(origin).origin;
  }

  /** Stores the `Set-Cookie` lines of the response to `url` (a response from another origin is ignored). */
  update(lines: readonly string[], url: string | URL): void {
    const target = new URL(url);
    if (target.origin !== this.#origin) return;
    const now = Date.now();
    for (const line of lines) {
      const cookie = parseSetCookie(line, target, now);
      if (!cookie) continue;
      // A new `jsessionid` replaces an older `JSESSIONID` of the same domain and path, as one cookie.
      const index = this.#cookies.findIndex((c) => sameName(c.name, cookie.name) && c.domain === cookie.domain && c.path === cookie.path);
      if (cookie.expiresAt <= now) {
        if (index >= 0) this.#cookies.splice(index, 1);
      } else if (index >= 0) {
        this.#cookies[index] = cookie;
      } else {
        this.#cookies.push(cookie);
      }
    }
  }

  /** The `Cookie` header for a request to `url`, if any cookie applies (never for another origin). */
  header(url: string | URL): string | undefined {
    const cookies = this.#matching(url);
    return cookies.length ? cookies.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  /** The value of cookie `name` (case-insensitive) that a request to `url` would carry. */
  get(name: string, url: string | URL): string | undefined {
    // Most specific path first: the one the server reads first.
    return this.#matching(url).find((c) => sameName(c.name, name))?.value;
  }

  /** The cookies a request to `url` carries, longest path first (RFC 6265 5.4). */
  #matching(url: string | URL): StoredCookie[] {
    const target = new URL(url);
    if (target.origin !== this.#origin) return [];
    const host = target.hostname.toLowerCase();
    const now = Date.now();
    return this.#cookies
      .filter((c) => (c.hostOnly ? host === c.domain : domainMatches(host, c.domain)) && pathMatches(target.pathname, c.path))
      .filter((c) => c.expiresAt > now && (!c.secure || secureContext(target)))
      .sort((a, b) => b.path.length - a.path.length);
  }
}
