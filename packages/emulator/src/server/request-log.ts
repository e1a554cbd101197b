import type { RequestRecord } from './types.js';

/** Keep memory bounded in long benchmarks; counts stay exact beyond it. */
const MAX_RECORDS = 100_000;

export class RequestLog {
  readonly #records: RequestRecord[] = [];
  readonly #counts = new Map<string, number>();

  add(record: RequestRecord): void {
    this.#records.push(record);
    if (this.#records.length > MAX_RECORDS) this.#records.shift();
    const key = `${record.method} ${record.path}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  get records(): readonly RequestRecord[] {
    return this.#records;
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
    this.#counts.clear();
  }
}
