/**
 * Rendering FlexibleSearch/SQL results in every output format.
 */
import type { OutputFormat } from '../runtime-types.js';
import type { Cell } from './cells.js';
import { formatJson } from './json.js';
import { renderRows, type RenderOptions } from './records.js';

/** The parts of a library query result that are printed. */
export interface ResultSetLike {
  headers: readonly string[];
  rows: readonly (readonly Cell[])[];
  resultCount: number;
  maxCountReached: boolean;
  executionTimeMs: number;
  query: string;
  success: boolean;
  /** Root cause of a failed query. */
  exception: string | null;
}

/**
 * Render a query result. `json` is one document with the Python CLI's field names
 * (`success, headers, rows, result_count, execution_time_ms`, read by scripts written for it), then
 * `exception, max_count_reached, query`; the other formats show just the rows.
 */
export function formatResultSet(result: ResultSetLike, format: OutputFormat, options: RenderOptions = {}): string {
  if (format === 'json') {
    const { success, exception, headers, rows, resultCount, maxCountReached, executionTimeMs, query } = result;
    return formatJson({
      success,
      headers,
      rows,
      result_count: resultCount,
      execution_time_ms: executionTimeMs,
      exception,
      max_count_reached: maxCountReached,
      query,
    });
  }
  return renderRows(result.headers, result.rows, format, options);
}

/** Rows per piece of streamed output: ~100 KB of text, few enough writes. */
const ROWS_PER_PIECE = 1000;

/**
 * `formatResultSet` in pieces, for writing as they are made: CSV, TSV and NDJSON a slice of rows at a
 * time (the pieces join up to exactly `formatResultSet`'s text), so that 100k rows never exist as one
 * output string next to the result; a table or JSON document is one piece (a table's widths and a
 * document's brackets need every row).
 */
export function* formatResultSetPieces(result: ResultSetLike, format: OutputFormat, options: RenderOptions = {}): Generator<string> {
  if (format !== 'csv' && format !== 'tsv' && format !== 'ndjson') {
    yield formatResultSet(result, format, options);
    return;
  }
  const { headers, rows } = result;
  for (let start = 0; start === 0 || start < rows.length; start += ROWS_PER_PIECE) {
    const header = start === 0 && options.header !== false;
    const piece = renderRows(headers, rows.slice(start, start + ROWS_PER_PIECE), format, { ...options, header });
    if (piece !== '') yield piece;
  }
}

/** The stderr notice for a result cut at `--max-count`, or null when it was not. */
export function maxCountNotice(result: Pick<ResultSetLike, 'resultCount' | 'maxCountReached'>): string | null {
  if (!result.maxCountReached) return null;
  return `${result.resultCount} ${result.resultCount === 1 ? 'row' : 'rows'} shown; there may be more: raise --max-count or pass --all`;
}

/** The stderr summary after a result: `3 rows (12 ms)`. */
export function resultSummary(result: Pick<ResultSetLike, 'resultCount' | 'executionTimeMs'>): string {
  return `${result.resultCount} ${result.resultCount === 1 ? 'row' : 'rows'} (${result.executionTimeMs} ms)`;
}
