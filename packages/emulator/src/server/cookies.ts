/**
 * Cookie parsing and formatting the way a servlet container does it: names are case-sensitive,
 * order does not matter, unknown cookies are ignored, and a name may appear more than once
 * (a browser sends every matching path's cookie).
 */

/** All `name=value` pairs of a `Cookie` header, in order. A pair without `=` is skipped. */
export function parseCookieHeader(header: string | string[] | undefined): { name: string; value: string }[] {
  const raw = Array.isArray(header) ? header.join('; ') : header ?? '';
  const pairs: { name: string; value: string }[] = [];
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name) pairs.push({ name, value });
  }
  return pairs;
}

/** Every value sent for `name` (exact, case-sensitive match), in order. */
export function cookieValues(header: string | string[] | undefined, name: string): string[] {
  return parseCookieHeader(header)
    .filter((pair) => pair.name === name)
    .map((pair) => pair.value);
}

export interface CookieAttributes {
  path: string;
  secure: boolean;
}

/** A `Set-Cookie` value. Never with a `Domain` attribute: host-only cookies work for bare host names. */
export function formatSetCookie(name: string, value: string, attributes: CookieAttributes): string {
  return `${name}=${value}; Path=${attributes.path}${attributes.secure ? '; Secure' : ''}; HttpOnly`;
}
