/**
 * The few cookies HAC needs, managed by hand rather than by a general cookie jar: a jar that honours
 * `Domain`/`Path` stops sending cookies to bare host names (a known HAC client pitfall). Cookies are
 * only ever sent to the one origin the client talks to (the caller guarantees that).
 */

export interface SetCookie {
  name: string;
  value: string;
  /** `Max-Age<=0` or an `Expires` in the past: the server deletes the cookie. */
  deleted: boolean;
}

export function parseSetCookie(line: string): SetCookie | undefined {
  const [pair, ...attributes] = line.split(';');
  if (!pair) return undefined;
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const name = pair.slice(0, eq).trim();
  let value = pair.slice(eq + 1).trim();
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
  let deleted = false;
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split('=');
    const key = (rawKey ?? '').trim().toLowerCase();
    const attrValue = rest.join('=').trim();
    if (key === 'max-age' && Number(attrValue) <= 0) deleted = true;
    if (key === 'expires') {
      const at = Date.parse(attrValue);
      if (!Number.isNaN(at) && at < Date.now()) deleted = true;
    }
  }
  return { name, value, deleted };
}

/** The last `Set-Cookie` for `name` (matched case-insensitively), if any. */
export function findSetCookie(lines: string[], name: string): SetCookie | undefined {
  let found: SetCookie | undefined;
  for (const line of lines) {
    const cookie = parseSetCookie(line);
    if (cookie && cookie.name.toLowerCase() === name.toLowerCase()) found = cookie;
  }
  return found;
}

/** A name → value map for the login exchange (keeps whatever else a load balancer sets). */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  update(lines: string[]): void {
    for (const line of lines) {
      const cookie = parseSetCookie(line);
      if (!cookie) continue;
      if (cookie.deleted) this.#cookies.delete(cookie.name);
      else this.#cookies.set(cookie.name, cookie.value);
    }
  }

  get(name: string): string | undefined {
    for (const [key, value] of this.#cookies) if (key.toLowerCase() === name.toLowerCase()) return value;
    return undefined;
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
