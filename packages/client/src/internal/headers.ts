/**
 * Response headers without the fetch API's `Headers` class: constructing one loads Node's internal
 * copy of undici (~40 ms), which a warm call would pay on every run for a map it reads once.
 */

/** Read-only response headers, names case-insensitive. A fetch `Headers` object satisfies it. */
export interface HacHeaders {
  /** The value (repeated headers joined with `, `), or `null` when absent. */
  get(name: string): string | null;
  has(name: string): boolean;
  /** Calls `callback` once per header, names in lower case. */
  forEach(callback: (value: string, name: string) => void): void;
}

type RawHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** Headers as `node:http` (and undici) deliver them: an object keyed by lower-case name. */
export class ResponseHeaders implements HacHeaders {
  readonly #raw: RawHeaders;

  /** `omit`: lower-case names left out (the session layer keeps `set-cookie` to itself). */
  constructor(raw: RawHeaders, omit?: string) {
    if (omit === undefined || raw[omit] === undefined) {
      this.#raw = raw;
    } else {
      const copy: Record<string, string | string[] | undefined> = { ...raw };
      delete copy[omit];
      this.#raw = copy;
    }
  }

  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.#raw[name.toLowerCase()] !== undefined;
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const name of Object.keys(this.#raw)) {
      const value = this.get(name);
      if (value !== null) callback(value, name);
    }
  }

  /** Every value of a header as sent (`set-cookie` lines stay separate). */
  all(name: string): string[] {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return [];
    return Array.isArray(value) ? [...value] : [value];
  }

  /** The same headers without `name`. */
  without(name: string): ResponseHeaders {
    return new ResponseHeaders(this.#raw, name.toLowerCase());
  }
}
