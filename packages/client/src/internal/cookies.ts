/**
 * Cookies through tough-cookie (RFC 6265), set up for how HAC is reached: bare host names
 * (`commerce-server`), `localhost` and IP addresses. Cookies without a `Domain` are host-only, public
 * suffix rules are off (a dotless host name would otherwise count as a public suffix) and special-use
 * names such as `localhost` are allowed. `Path` is honoured (`JSESSIONID` has `Path=/hac`, `ROUTE`
 * `Path=/`), a `Domain` for another host is rejected, and nothing is sent outside the HAC origin:
 * cookies ignore ports, so the jar alone would share them with every service on the host.
 *
 * Cookie names are matched case-insensitively where the client looks one up (HAC pitfall: some
 * servers and proxies write `jsessionid`). Values are kept verbatim, quotes included, as a browser
 * sends them back.
 */
import type { Cookie, CookieJar } from 'tough-cookie';
import { toughCookie } from './lazy.js';

export interface SetCookie {
  name: string;
  value: string;
  /** `Max-Age<=0` or an `Expires` in the past: the server deletes the cookie. */
  deleted: boolean;
}

function newJar(): CookieJar {
  const { CookieJar } = toughCookie();
  return new CookieJar(undefined, { rejectPublicSuffixes: false, allowSpecialUseDomain: true, looseMode: false });
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The last `Set-Cookie` for `name` (matched case-insensitively) that a browser would accept from a
 * response to `url`: unparsable lines, a `Domain` of another host or a `Secure` cookie over plain
 * HTTP (except on loopback) are skipped.
 */
export function findSetCookie(lines: readonly string[], name: string, url: string | URL): SetCookie | undefined {
  if (lines.length === 0) return undefined;
  const jar = newJar();
  let found: SetCookie | undefined;
  for (const line of lines) {
    const cookie = jar.setCookieSync(line, url, { ignoreError: true });
    if (cookie && sameName(cookie.key, name)) found = { name: cookie.key, value: cookie.value, deleted: cookie.TTL() <= 0 };
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
  if (new URL(url).protocol !== 'http:') return false;
  const { Cookie } = toughCookie();
  const jar = newJar();
  return lines.some((line) => {
    const cookie = Cookie.parse(line);
    return cookie !== undefined && cookie.secure && sameName(cookie.key, name) && !jar.setCookieSync(line, url, { ignoreError: true });
  });
}

/** The cookies of one login exchange (login page → form POST → start page), for one origin. */
export class LoginCookieJar {
  readonly #jar = newJar();
  readonly #origin: string;

  constructor(origin: string) {
    this.#origin = new URL(origin).origin;
  }

  /** Stores the `Set-Cookie` lines of the response to `url` (a response from another origin is ignored). */
  update(lines: readonly string[], url: string | URL): void {
    if (new URL(url).origin !== this.#origin) return;
    for (const line of lines) {
      const cookie = this.#jar.setCookieSync(line, url, { ignoreError: true });
      if (cookie) this.#dropOtherSpellings(cookie);
    }
  }

  /** The `Cookie` header for a request to `url`, if any cookie applies (never for another origin). */
  header(url: string | URL): string | undefined {
    if (new URL(url).origin !== this.#origin) return undefined;
    return this.#jar.getCookieStringSync(url) || undefined;
  }

  /** The value of cookie `name` (case-insensitive) that a request to `url` would carry. */
  get(name: string, url: string | URL): string | undefined {
    if (new URL(url).origin !== this.#origin) return undefined;
    // Sorted most specific path first: the one the server reads first.
    return this.#jar.getCookiesSync(url).find((c) => sameName(c.key, name))?.value;
  }

  /** A new `jsessionid` replaces an older `JSESSIONID` of the same domain and path, as one cookie. */
  #dropOtherSpellings(cookie: Cookie): void {
    const { domain, path, key } = cookie;
    if (!domain || !path) return;
    // The memory store is synchronous: the callback runs before this returns.
    this.#jar.store.findCookies(domain, path, true, (error, found) => {
      if (error) return;
      for (const other of found ?? []) {
        if (other.key !== key && sameName(other.key, key) && other.domain === domain && other.path === path) {
          this.#jar.store.removeCookie(domain, path, other.key, () => undefined);
        }
      }
    });
  }
}
