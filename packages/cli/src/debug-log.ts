/**
 * `--debug` output. The library already redacts its trace; this second pass removes anything that
 * still looks like a credential, plus the exact secrets this process knows (password, session id,
 * CSRF token), so a library bug cannot leak them to a terminal or a CI log.
 */

const patterns: Array<[RegExp, string]> = [
  [/((?:JSESSIONID|ROUTE|SESSION)=)[^;\s,]+/gi, '$1[REDACTED]'],
  [/((?:x-csrf-token|authorization|proxy-authorization|cookie|set-cookie)["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^\s"',;]+/gi, '$1[REDACTED]'],
  [/((?:_csrf|j_password|password)["']?\s*[=:]\s*["']?)(?!\[REDACTED\])[^&\s"',;]+/gi, '$1[REDACTED]'],
];

export function redactLine(line: string, secrets: Iterable<string>): string {
  let out = line;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  }
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

export class DebugLog {
  readonly #secrets = new Set<string>();
  readonly #write: (text: string) => void;

  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  /** Remember a value that must never be printed. */
  addSecret(value: string | undefined | null): void {
    if (value) this.#secrets.add(value);
  }

  line = (line: string): void => {
    this.#write(`[debug] ${redactLine(line, this.#secrets)}\n`);
  };
}
