/**
 * JSON for machines: one pretty document, or one compact object per line (NDJSON).
 */
import type { Cell } from './cells.js';

/** One JSON document, two-space indented, ending with a newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Rows as objects keyed by header (NULL stays `null`). A repeated header keeps its last value. */
export function rowsToObjects(headers: readonly string[], rows: readonly (readonly Cell[])[]): Record<string, Cell>[] {
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? null])));
}

/** One compact JSON value per line. */
export function formatNdjson(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}
