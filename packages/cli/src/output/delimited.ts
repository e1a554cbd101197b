/**
 * Delimited text for pipes and spreadsheets: RFC 4180 CSV and backslash-escaped TSV.
 */
import { stringify } from 'csv-stringify/sync';
import type { Cell } from './cells.js';

/**
 * RFC 4180 CSV: a header line (unless `header: false`), then one record per row; fields with commas, quotes or line breaks
 * are quoted, quotes doubled; NULL is an empty field. Lines end with CRLF only if `crlf` is set.
 */
export function formatCsv(headers: readonly string[], rows: readonly (readonly Cell[])[], options: { crlf?: boolean; header?: boolean } = {}): string {
  if (headers.length === 0) return '';
  const body = rows.map((row) => headers.map((_, i) => row[i] ?? ''));
  const records = options.header === false ? body : [headers, ...body];
  if (records.length === 0) return '';
  return stringify(records, { record_delimiter: options.crlf ? 'windows' : 'unix' });
}

/**
 * Escape one TSV field so that each record stays on one line and splits on tabs exactly:
 * backslash → `\\`, tab → `\t`, newline → `\n`, carriage return → `\r`.
 */
export function escapeTsvField(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Tab-separated values, the Python `hac` CLI's piped default: a header line (unless `header: false`),
 * then one line per row.
 * NULL is an empty field.
 */
export function formatTsv(headers: readonly string[], rows: readonly (readonly Cell[])[], options: { header?: boolean } = {}): string {
  if (headers.length === 0) return '';
  const line = (cells: readonly Cell[]): string => headers.map((_, i) => escapeTsvField(cells[i] ?? '')).join('\t');
  return [...(options.header === false ? [] : [line(headers)]), ...rows.map(line)].map((l) => `${l}\n`).join('');
}
