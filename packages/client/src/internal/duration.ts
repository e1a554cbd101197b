/**
 * Durations: the clock they are measured on, and the bounds of every one the library hands to a timer. Node's timers hold at most 2^31-1 ms
 * (about 24.8 days): a longer value is silently replaced by 1 ms, which turned a generous timeout into
 * an immediate one and a long poll interval into a tight loop. Values are checked where they enter the
 * library (options, per-call overrides), so nothing out of range ever reaches `setTimeout`.
 */

/**
 * Milliseconds on a monotonic clock, for durations. Not the global `performance`: its first use
 * loads `perf_hooks` (~1 ms, paid by every CLI call that times a request).
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The longest delay `setTimeout` honours. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A duration in milliseconds from `min` to `MAX_TIMER_MS`, rounded up to a whole millisecond; throws
 * `invalid(message)` naming `name` for anything else (NaN, Infinity, a negative, a tiny fraction).
 */
export function checkDuration(name: string, value: unknown, min: number, invalid: (message: string) => never): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMER_MS) {
    invalid(`${name} must be a number of milliseconds from ${min} to ${MAX_TIMER_MS} (about 24.8 days), got ${describeNumber(value)}`);
  }
  return Math.ceil(value);
}

function describeNumber(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
