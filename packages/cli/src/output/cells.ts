/**
 * Turning values into cell text. Library results carry `string | null` cells; records handed to the
 * generic renderers may hold numbers, booleans, dates, arrays or nested objects.
 */

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

// C0 controls (except tab/newline, handled first), DEL and C1 controls: a raw ESC in a cell could
// drive the terminal, so every one is replaced by its visible Control Pictures symbol.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** One-line, terminal-safe rendering of cell text: newlines become `⏎`, tabs `→`, controls visible. */
export function singleLine(text: string): string {
  return text
    .replace(/\r\n|\n|\r/g, '⏎')
    .replace(/\t/g, '→')
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      if (code === 0x7f) return '\u2421';
      return '\uFFFD';
    });
}
