/** When and how long to wait before retrying a GET or a read-only POST (never another POST: it may have run on the server). */

export const RETRY_STATUSES = new Set([502, 503, 504]);
const BASE_DELAY_MS = 200;
/** A `Retry-After` longer than this is not waited for: the error goes to the caller instead. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** `Retry-After` in milliseconds (delta-seconds or HTTP date), or `undefined` when absent/invalid. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff with jitter between 50% and 150% of the nominal delay (at most `MAX_RETRY_AFTER_MS`). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_RETRY_AFTER_MS);
  return Math.round(nominal * (0.5 + random()));
}

/**
 * Delay before retry number `attempt` (0-based), or `undefined` when it should not be retried
 * (the server asked for a wait longer than `MAX_RETRY_AFTER_MS`).
 */
export function retryDelay(attempt: number, retryAfter: string | null | undefined): number | undefined {
  const asked = parseRetryAfter(retryAfter);
  if (asked === undefined) return backoffDelay(attempt);
  return asked > MAX_RETRY_AFTER_MS ? undefined : asked;
}
