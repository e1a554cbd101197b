/**
 * What `hac config show` may print: the document with every secret replaced by `[REDACTED]`, whether
 * the secret sits under a secret-looking key or inside an ordinary-looking value (a password in a
 * URL, an `Authorization` header value, a session id pasted into a note).
 */
import { redactLine } from '../debug-log.js';
import { isTable, type RawTable } from './schema.js';

const REDACTED = '[REDACTED]';

/** Keys whose values are secrets (a table under such a key is secret as a whole). */
const secretKey = /pass(word|wd|phrase)?|secret|token|credential|api[_-]?key|private[_-]?key|session[_-]?id|jsessionid|csrf|cookie|authori[sz]ation|^auth$|bearer/i;

/** Secret-shaped parts of any string value; each keeps what identifies it and hides the rest. */
const secretShapes: Array<[RegExp, string]> = [
  // `https://user:password@host`: the user stays (it says which account), the password goes.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*):[^\s]*@/gi, `$1:${REDACTED}@`],
  // A query or matrix parameter named like a secret: `?token=…`, `;jsessionid=…`.
  [/([?&;][^=&;\s#]*(?:pass|secret|token|key|session|csrf|auth)[^=&;\s#]*=)[^&;\s#]+/gi, `$1${REDACTED}`],
  // An `Authorization` value: `Basic dXNlcjpwdw==`, `Bearer eyJ…`.
  [/\b(Basic|Bearer|Digest|Token)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  // A JSON web token or a long hex string (Tomcat session ids are 32 hex digits) standing alone.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b[0-9A-Fa-f]{32,}(\.[A-Za-z0-9_-]+)?\b/g, REDACTED],
];

/** A string with its secret-shaped parts replaced (the patterns above plus `--debug`'s). */
export function redactString(text: string): string {
  let out = text;
  for (const [pattern, replacement] of secretShapes) out = out.replace(pattern, replacement);
  return redactLine(out, []);
}

function redactValue(value: unknown, secret: boolean): unknown {
  if (isTable(value)) return redactTable(value, secret);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret));
  if (secret) return REDACTED;
  return typeof value === 'string' ? redactString(value) : value;
}

function redactTable(table: RawTable, secret: boolean): RawTable {
  const out: RawTable = {};
  for (const [key, value] of Object.entries(table)) out[key] = redactValue(value, secret || secretKey.test(key));
  return out;
}

/** A copy of the document with every secret replaced by `[REDACTED]`. */
export function redactConfig(raw: RawTable): RawTable {
  return redactTable(raw, false);
}
