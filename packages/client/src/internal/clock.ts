/**
 * Milliseconds on a monotonic clock, for durations. Not the global `performance`: its first use
 * loads `perf_hooks` (~1 ms, paid by every CLI call that times a request).
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
