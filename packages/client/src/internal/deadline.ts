/**
 * A timeout that can be paused. A streamed answer is read while its consumer works between chunks:
 * the time the consumer holds a chunk (a slow pipe, a pager) is not the server's, so the deadline
 * stops while it does and goes on with what was left.
 */
import { monotonicMs } from './duration.js';

export class Deadline {
  readonly #onExpire: () => void;
  #remainingMs: number;
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  #expired = false;

  /** Starts running at once. */
  constructor(ms: number, onExpire: () => void) {
    this.#remainingMs = ms;
    this.#onExpire = onExpire;
    this.resume();
  }

  get expired(): boolean {
    return this.#expired;
  }

  /** Stops the clock (no-op when stopped or expired). */
  pause(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#remainingMs -= monotonicMs() - this.#since;
  }

  /** Runs the clock on with the time left (no-op when running, expired or cleared). */
  resume(): void {
    if (this.#timer !== undefined || this.#expired || this.#remainingMs === Number.NEGATIVE_INFINITY) return;
    this.#since = monotonicMs();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#expired = true;
      this.#onExpire();
    }, Math.max(0, this.#remainingMs));
  }

  /** Stops it for good. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#remainingMs = Number.NEGATIVE_INFINITY;
  }
}
