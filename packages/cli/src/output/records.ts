/**
 * Generic renderers for lists of records and single key/value records, used by every command that
 * prints structured data (update data, session lists, environments…), in any output format.
 */
import { createColors } from 'picocolors';
import type { OutputFormat } from '../runtime-types.js';
import { singleLine, toCell, type Cell } from './cells.js';
import { formatCsv, formatTsv } from './delimited.js';
import { formatJson, formatNdjson, rowsToObjects } from './json.js';
import { formatTable } from './table.js';
import { displayWidth, padToWidth } from './text-width.js';

export interface RenderOptions {
  /** Terminal width for tables. @default 80 */
  width?: number;
  /** Colors in tables and key/value lists. @default false */
  color?: boolean;
  /** The header row of table/csv/tsv (`--no-headers` turns it off). @default true */
  header?: boolean;
}

/** Render a header + rows result in `format`; `json` is an array of objects keyed by header. */
export function renderRows(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  format: OutputFormat,
  options: RenderOptions & { descriptive?: readonly boolean[] } = {},
): string {
  switch (format) {
    case 'table':
      return formatTable(headers, rows, {
        columns: options.width ?? 80,
        color: options.color ?? false,
        ...(options.header === false && { header: false }),
        ...(options.descriptive !== undefined && { descriptive: options.descriptive }),
      });
    case 'csv':
      return formatCsv(headers, rows, { header: options.header !== false });
    case 'tsv':
      return formatTsv(headers, rows, { header: options.header !== false });
    case 'json':
      return formatJson(rowsToObjects(headers, rows));
    case 'ndjson':
      return formatNdjson(rowsToObjects(headers, rows));
  }
}

export interface RecordsOptions extends RenderOptions {
  /** Keys to show, in order; by default every key of every record, in first-seen order. */
  columns?: readonly string[];
  /** Header text per key for table/csv/tsv (JSON keeps the keys). */
  labels?: Readonly<Record<string, string>>;
  /**
   * Keys of free-text columns, which a table may cut to fit the terminal; every other column is an
   * identifier and never cut. @default decided by content (see `TableOptions.descriptive`)
   */
  descriptive?: readonly string[];
}

/**
 * Render a list of records. `json`/`ndjson` keep the values as they are (numbers stay numbers);
 * table/csv/tsv show each value as text (arrays joined with `, `, objects as JSON).
 */
export function renderRecords(records: readonly Record<string, unknown>[], format: OutputFormat, options: RecordsOptions = {}): string {
  const keys = options.columns ?? [...new Set(records.flatMap((r) => Object.keys(r)))];
  const pick = (record: Record<string, unknown>): Record<string, unknown> =>
    options.columns ? Object.fromEntries(keys.map((k) => [k, record[k] ?? null])) : record;
  if (format === 'json') return formatJson(records.map(pick));
  if (format === 'ndjson') return formatNdjson(records.map(pick));
  const headers = keys.map((k) => options.labels?.[k] ?? k);
  const rows = records.map((record) => keys.map((k) => toCell(record[k])));
  const { descriptive, ...rest } = options;
  return renderRows(headers, rows, format, { ...rest, ...(descriptive !== undefined && { descriptive: keys.map((k) => descriptive.includes(k)) }) });
}

/**
 * One record as aligned `key  value` lines (keys bold with color). Multi-line values continue under
 * the value column; `null`/`undefined` show as `-`.
 */
export function formatKeyValue(
  record: Readonly<Record<string, unknown>> | readonly (readonly [string, unknown])[],
  options: { color?: boolean } = {},
): string {
  const entries = Array.isArray(record) ? (record as readonly (readonly [string, unknown])[]) : Object.entries(record);
  if (entries.length === 0) return '';
  const colors = createColors(options.color ?? false);
  let keyWidth = 0;
  for (const [key] of entries) keyWidth = Math.max(keyWidth, displayWidth(singleLine(key)));
  const indent = ' '.repeat(keyWidth + 2);
  return entries
    .map(([key, value]) => {
      const text = toCell(value) ?? '-';
      const [first = '', ...rest] = text.split(/\r?\n/).map(singleLine);
      const head = `${colors.bold(padToWidth(singleLine(key), keyWidth))}  ${first}`;
      return [head, ...rest.map((line) => indent + line)].join('\n');
    })
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * Render one record in `format`: key/value lines for `table`, a JSON document for `json`, one line
 * for `ndjson`, and a two-column key,value listing for csv/tsv.
 */
export function renderRecord(record: Readonly<Record<string, unknown>>, format: OutputFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return formatKeyValue(record, { color: options.color ?? false });
    case 'json':
      return formatJson(record);
    case 'ndjson':
      return formatNdjson([record]);
    default:
      return renderRows(['key', 'value'], Object.entries(record).map(([k, v]) => [k, toCell(v)]), format, options);
  }
}
