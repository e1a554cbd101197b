import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** HAC's CSRF tokens look like UUIDs. */
export function newCsrfToken(): string {
  return randomUUID();
}

/**
 * The token a request carries, where Spring Security's CsrfFilter looks for it: the `X-CSRF-TOKEN`
 * header first, then the `_csrf` request parameter. A servlet's request parameters are the query plus
 * an urlencoded body; fields of a multipart body are NOT parameters at that point of the filter chain,
 * which is why HAC's upload forms put `?_csrf=` in the action URL.
 */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams, urlencodedForm: URLSearchParams | null): string | null {
  const header = headers['x-csrf-token'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader) return fromHeader;
  return query.get('_csrf') ?? urlencodedForm?.get('_csrf') ?? null;
}

export function tokensMatch(expected: string, presented: string | null): boolean {
  if (presented === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
