import type { RequestRecord } from './types.js';

/** Keep memory bounded in long benchmarks; counts stay exact beyond it. */
const MAX_RECORDS = 100_000;
/** Distinct methods and paths kept as one shared string each (beyond it, strings are kept as they come). */
const MAX_INTERNED = 10_000;

/** A record as kept: shared strings and a number for the time, a third of a `RequestRecord` with its `Date`. */
interface StoredRecord {
  method: string;
  path: string;
  status: number;
  node: string | null;
  at: number;
}

export class RequestLog {
  /** Oldest first until full; then a ring whose oldest record is at `#next`. */
  readonly #records: StoredRecord[] = [];
  #next = 0;
  readonly #counts = new Map<string, number>();
  readonly #strings = new Map<string, string>();
  readonly #max: number;

  constructor(max = MAX_RECORDS) {
    this.#max = max;
  }

  add(record: RequestRecord): void {
    const stored: StoredRecord = { method: this.#intern(record.method), path: this.#intern(record.path), status: record.status, node: record.node, at: record.at.getTime() };
    // A ring rather than push + shift: shifting a full log costs ~0.1 ms per request.
    if (this.#records.length < this.#max) this.#records.push(stored);
    else {
      this.#records[this.#next] = stored;
      this.#next = (this.#next + 1) % this.#max;
    }
    const key = `${record.method} ${record.path}`;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  /** Oldest first: the last `max` requests. */
  get records(): readonly RequestRecord[] {
    const ordered = this.#next === 0 ? this.#records : [...this.#records.slice(this.#next), ...this.#records.slice(0, this.#next)];
    return ordered.map((record) => ({ ...record, at: new Date(record.at) }));
  }

  /** Every request to a path carries its own copy of the path; the log keeps one. */
  #intern(text: string): string {
    const known = this.#strings.get(text);
    if (known !== undefined) return known;
    if (this.#strings.size < MAX_INTERNED) this.#strings.set(text, text);
    return text;
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
    this.#strings.clear();
    this.#next = 0;
    this.#counts.clear();
  }
}
