/** AbortSignal helpers shared by the HTTP layer, the session layer and the lock. */
import { MAX_TIMER_MS } from './duration.js';

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  // Node would fire a longer (or NaN) delay after 1 ms: a loop around it would spin.
  if (!(ms >= 0 && ms <= MAX_TIMER_MS)) return Promise.reject(new RangeError(`sleep: ${ms} ms is outside 0..${MAX_TIMER_MS}`));
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return raceSignal(wait, signal).finally(() => clearTimeout(timer));
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (the shared work goes on). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
