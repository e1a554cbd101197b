/**
 * Printing for the small console commands (logger, property, pk, cache, cronjob): a list of records
 * or one record in the chosen format, on stdout, with a note on stderr when there is nothing to show.
 */
import { dataColor, rowsFormat, tableWidth } from '../../cli-output.js';
import { formatJson, renderRecords } from '../../output/index.js';
import type { CliRuntime } from '../../runtime-types.js';

/** Rows in the chosen format (a table on a terminal, tab-separated when piped); `empty` is said on stderr. */
export function printRecords(runtime: CliRuntime, records: readonly Record<string, unknown>[], options: { empty: string; descriptive?: readonly string[] }): void {
  const format = rowsFormat(runtime.output);
  if (records.length === 0 && format !== 'json') {
    runtime.output.info(options.empty);
    return;
  }
  runtime.output.data(
    renderRecords(records, format, {
      width: tableWidth(runtime.output),
      color: dataColor(runtime.output),
      ...(options.descriptive !== undefined && { descriptive: options.descriptive }),
    }),
  );
}

/** One record: a JSON object with `--json`, else a one-row listing. */
export function printRecord(runtime: CliRuntime, record: Record<string, unknown>): void {
  if (runtime.output.format('table') === 'json') runtime.output.data(formatJson(record));
  else printRecords(runtime, [record], { empty: '' });
}
