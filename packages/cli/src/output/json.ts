/**
 * JSON for machines: one pretty document, or one compact object per line (NDJSON).
 */
import type { Cell } from './cells.js';

/** One JSON document, two-space indented, ending with a newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Rows as objects keyed by header (NULL stays `null`). Joins often repeat a header (`a.PK, b.PK`):
 * the repeats become `PK_2`, `PK_3`… so that no column is silently lost.
 */
export function rowsToObjects(headers: readonly string[], rows: readonly (readonly Cell[])[]): Record<string, Cell>[] {
  const keys = uniqueKeys(headers);
  return rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, row[i] ?? null])));
}

function uniqueKeys(headers: readonly string[]): string[] {
  const taken = new Set(headers);
  const seen = new Set<string>();
  return headers.map((header) => {
    if (!seen.has(header)) {
      seen.add(header);
      return header;
    }
    let n = 2;
    while (taken.has(`${header}_${n}`)) n++;
    const key = `${header}_${n}`;
    taken.add(key);
    return key;
  });
}

/** One compact JSON value per line. */
export function formatNdjson(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join('');
}
