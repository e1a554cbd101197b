/**
 * JSON for machines: one pretty document, or one compact object per line (NDJSON).
 */
import type { Cell } from './cells.js';

// JSON.stringify escapes C0 controls but leaves DEL and the C1 controls (U+0080–U+009F; 0x9B is
// CSI to some terminals) raw. Escaped as \u00XX the text stays the same JSON value and shows
// unchanged on a terminal (see terminal-text.ts).
const RAW_CONTROLS = /[\x7f-\x9f]/g;

/** `JSON.stringify` with every control character escaped (no raw DEL or C1 control in the text). */
export function jsonText(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One JSON document, two-space indented, ending with a newline. */
export function formatJson(value: unknown): string {
  return `${jsonText(value, 2)}\n`;
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
  return values.map((value) => `${jsonText(value)}\n`).join('');
}
