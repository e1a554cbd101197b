import { isTable, type RawTable } from './schema.js';

const secretKey = /pass(word)?|secret|token|credential|api[_-]?key/i;

/** A copy of the document with the values of secret-looking keys replaced by `[REDACTED]`. */
export function redactConfig(raw: RawTable): RawTable {
  const out: RawTable = {};
  for (const [key, value] of Object.entries(raw)) {
    if (secretKey.test(key) && !isTable(value)) out[key] = '[REDACTED]';
    else if (isTable(value)) out[key] = redactConfig(value);
    else out[key] = value;
  }
  return out;
}
