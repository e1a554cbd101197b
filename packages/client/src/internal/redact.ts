/**
 * The one redaction helper. Everything that leaves the library as text (error messages, excerpts,
 * debug lines, URLs in errors) passes through a `Redactor`: it masks secrets by shape (cookie and
 * token syntax) and by value (the session id, CSRF token and password it was told about), so a secret
 * that shows up in an unexpected place is still masked.
 */

export const REDACTED = '[REDACTED]';

// name=value pairs in cookies, query strings and form bodies.
const SECRET_PAIR = /\b(JSESSIONID|ROUTE|_csrf|j_password|csrf_token|session_id)=([^;&\s"'<>,]+)/gi;
// Header lines in traces: `Cookie: …`, `Set-Cookie: …`, `X-CSRF-TOKEN: …`, auth headers.
const SECRET_HEADER = /\b(cookie|set-cookie|x-csrf-token|authorization|proxy-authorization)(\s*[:=]\s*)([^\r\n]+)/gi;
// `<meta name="_csrf" content="…">` and `<input name="_csrf" value="…">` in either attribute order.
const CSRF_ELEMENT_AFTER = /(name\s*=\s*["']_csrf["'][^>]*?\b(?:content|value)\s*=\s*["'])([^"']*)/gi;
const CSRF_ELEMENT_BEFORE = /(\b(?:content|value)\s*=\s*["'])([^"']*)(["'][^>]*?name\s*=\s*["']_csrf["'])/gi;
// JSON fields of the session cache format.
const SECRET_JSON = /("(?:session_id|csrf_token|route_cookie|sessionId|csrfToken|routeCookie|password|j_password)"\s*:\s*")([^"]*)/gi;

/** Masks secrets by their syntax only (no known values). */
export function redactPatterns(text: string): string {
  return text
    .replace(SECRET_HEADER, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(SECRET_PAIR, (_m, name: string) => `${name}=${REDACTED}`)
    .replace(CSRF_ELEMENT_AFTER, (_m, head: string) => `${head}${REDACTED}`)
    .replace(CSRF_ELEMENT_BEFORE, (_m, head: string, _v: string, tail: string) => `${head}${REDACTED}${tail}`)
    .replace(SECRET_JSON, (_m, head: string) => `${head}${REDACTED}`);
}

/** Masks known secret values and secret syntax. One instance per client; secrets are added as learnt. */
export class Redactor {
  readonly #secrets = new Set<string>();
  /** The secrets longest first, so that a secret containing another is masked whole; rebuilt after `add`. */
  #longestFirst: string[] | undefined;
  /**
   * URLs already redacted with the secrets known now: every response names its URL, and a client
   * calls the same few URLs again and again. Emptied when a secret is added (and when it grows big).
   */
  readonly #urls = new Map<string, string>();

  /** Registers a value that must never appear in output (ignores values too short to be secrets). */
  add(...values: (string | null | undefined)[]): void {
    for (const value of values) {
      if (!value || value.length < 4 || this.#secrets.has(value)) continue;
      this.#secrets.add(value);
      // The same value may appear percent-encoded (form bodies, query strings).
      const encoded = encodeURIComponent(value);
      if (encoded !== value) this.#secrets.add(encoded);
      this.#longestFirst = undefined;
      this.#urls.clear();
    }
  }

  redact(text: string): string {
    let out = redactPatterns(text);
    this.#longestFirst ??= [...this.#secrets].sort((a, b) => b.length - a.length);
    for (const secret of this.#longestFirst) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** A URL for messages: query values of secret parameters and userinfo masked. */
  url(url: string | URL): string {
    const text = String(url);
    let redacted = this.#urls.get(text);
    if (redacted === undefined) {
      if (this.#urls.size >= 256) this.#urls.clear();
      redacted = this.redact(text);
      this.#urls.set(text, redacted);
    }
    return redacted;
  }

  /** A short single-line excerpt of a body for error messages. */
  excerpt(body: string, max = EXCERPT_CHARS): string {
    return excerptOf(body, (text) => this.redact(text), max);
  }
}

const EXCERPT_CHARS = 300;

/**
 * A short single-line excerpt of a body with secrets masked (by syntax only, unless a `redact` that
 * knows values is given). Redaction runs before the final cut, on a head four times longer, so a
 * secret cut in half at either cut lies beyond what is shown. Positions are those of the flattened
 * text, so runs of white space cannot pull a half secret into view.
 */
export function excerptOf(body: string, redact: (text: string) => string = redactPatterns, max = EXCERPT_CHARS): string {
  const flat = redact(body.replace(/\s+/g, ' ').trim().slice(0, max * 4));
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
