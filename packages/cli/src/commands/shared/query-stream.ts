/**
 * `hac fs`/`hac sql` in CSV, TSV or NDJSON: one request whose rows are written as they arrive
 * (the library's `streamFlexibleSearch`/`streamSql`), byte for byte what `printQueryResult` prints
 * from the whole result, without ever holding the answer or every row. Each batch is written before
 * the next is read: a slow reader holds the reading back; a reader that is gone (`| head`) ends it,
 * closing the connection. A table (column widths) and a JSON document (its `success` comes first)
 * need every row: they stay with `printQueryResult`.
 */
import type { FlexibleSearchStreamPart, FlexibleSearchSummary } from 'hac-client';
import { dataColor, rowsFormat } from '../../cli-output.js';
import type { CliRuntime } from '../../runtime-types.js';
import { reportOperationFailure } from './failure.js';
import { withProgress } from './progress.js';
import { bareRows } from './query.js';

/** What a streamed result leaves behind: its summary, headers and, for the SQL rollback note, at most its first two rows. */
export interface StreamedQuery {
  summary: FlexibleSearchSummary;
  headers: string[];
  firstRows: (string | null)[][];
}

/**
 * Write the rows of `parts` as they come, then the row count and the max-count notice on stderr;
 * a query exception goes to stderr with exit code 1 (no rows are written). Resolves with what the
 * SQL command still needs, or `undefined` for a failed query. `label`: the progress line's, shown
 * on a terminal's stderr unless the rows themselves go to that terminal.
 */
export async function printQueryStream(runtime: CliRuntime, label: string, parts: AsyncIterable<FlexibleSearchStreamPart>): Promise<StreamedQuery | undefined> {
  const work = writeStream(runtime, parts);
  return runtime.output.stdoutIsTTY ? work : withProgress(runtime, label, work);
}

async function writeStream(runtime: CliRuntime, parts: AsyncIterable<FlexibleSearchStreamPart>): Promise<StreamedQuery | undefined> {
  // Loaded on use: the formatters are not needed for `hac --help` (start-up time).
  const { maxCountNotice, renderRows, resultSummary } = await import('../../output/index.js');
  const { output } = runtime;
  const format = rowsFormat(output);
  const bare = bareRows(output, format);
  const options = { width: output.columns, color: dataColor(output) };
  let headers: string[] = [];
  const firstRows: (string | null)[][] = [];
  let written = false;
  const write = async (rows: (string | null)[][]): Promise<void> => {
    const header = !written && !bare;
    written = true;
    await output.writeData(renderRows(headers, rows, format, { ...options, header }));
  };
  for await (const part of parts) {
    if (part.type === 'headers') {
      if (part.exception !== null) {
        reportOperationFailure(output, `query failed: ${part.exception}`);
        // Leaving the loop closes the connection: nothing more of this answer is needed.
        return undefined;
      }
      headers = part.headers;
    } else if (part.type === 'rows') {
      for (const row of part.rows.slice(0, 2 - firstRows.length)) firstRows.push(row);
      await write(part.rows);
    } else {
      // An empty result still prints its header line.
      if (!written) await write([]);
      output.info(resultSummary(part.summary));
      const notice = maxCountNotice(part.summary);
      if (notice !== null) output.warn(notice);
      return { summary: part.summary, headers, firstRows };
    }
  }
  throw new Error('the answer ended without its end part');
}
