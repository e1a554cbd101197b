import type { RequestRecord } from './types.js';

/** Keep memory bounded in long benchmarks; counts stay exact beyond it. */
const MAX_RECORDS = 100_000;

export class RequestLog {
  /** Oldest first until full; then a ring whose oldest record is at `#next`. */
  readonly #records: RequestRecord[] = [];
  #next = 0;
  readonly #counts = new Map<string, number>();
  readonly #max: number;

  constructor(max = MAX_RECORDS) {
    this.#max = max;
  }

  add(record: RequestRecord): void {
    // A ring rather than push + shift: shifting a full log costs ~0.1 ms per request.
    if (this.#records.length < this.#max) this.#records.push(record);
    else {
      this.#records[this.#next] = record;
      this.#next = (this.#next + 1) % this.#max;
    }
    const key = `${record.method} ${record.path}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** Oldest first: the last `max` requests. */
  get records(): readonly RequestRecord[] {
    return this.#next === 0 ? this.#records : [...this.#records.slice(this.#next), ...this.#records.slice(0, this.#next)];
  }

  /** Requests with this method (case-insensitive), and this exact path when given. */
  count(method: string, path?: string): number {
    const wanted = method.toUpperCase();
    if (path !== undefined) return this.#counts.get(`${wanted} ${path}`) ?? 0;
    let total = 0;
    for (const [key, n] of this.#counts) if (key.slice(0, key.indexOf(' ')) === wanted) total += n;
    return total;
  }

  /** `{ "POST /hac/j_spring_security_check": 2, … }` */
  counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  reset(): void {
    this.#records.length = 0;
    this.#next = 0;
    this.#counts.clear();
  }
}
