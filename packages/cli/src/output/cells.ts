/**
 * Turning values into cell text. Library results carry `string | null` cells; records handed to the
 * generic renderers may hold numbers, booleans, dates, arrays or nested objects.
 */
import { CONTROL_CHARACTERS, visibleControl } from '../terminal-text.js';

/** A cell as the formatters see it: text, or `null` for SQL NULL / missing values. */
export type Cell = string | null;

/** Text of any value, `null` for `null`/`undefined`. Arrays join with `, `; objects become JSON. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toCell(item) ?? '').join(', ');
  return JSON.stringify(value);
}

/** One-line, terminal-safe rendering of cell text: newlines become `⏎`, tabs `→`, controls visible (as on every terminal write). */
export function singleLine(text: string): string {
  return text
    .replace(/\r\n|\n|\r/g, '⏎')
    .replace(/\t/g, '→')
    .replace(CONTROL_CHARACTERS, visibleControl);
}
