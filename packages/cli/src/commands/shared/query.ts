/**
 * What `hac flexsearch` and `hac sql` share: their common options, reading the query, and printing a
 * result set in the chosen format with the max-count notice.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { FlexibleSearchResult } from 'hac-client';
import { dataColor, rowsFormat } from '../../cli-output.js';
import type { CliOutput, CliRuntime, OutputFormat } from '../../runtime-types.js';
import { CliError, CliUsageError } from '../../errors.js';
import { reportOperationFailure } from './failure.js';
import { nodeInputSources, resolveInput } from './input.js';
import { integerAtLeast } from './options.js';

export interface QueryFlags {
  file?: string;
  maxCount: number;
  all?: boolean;
  /** FlexibleSearch only: `--all` pages, these tune it. */
  pageSize?: number;
  afterPk?: string;
  dataSource?: string;
  value?: boolean;
}

/**
 * `--max-count`: a whole number ≥ 1, or -1 for every row (HAC's "no limit"). 0 is refused: HAC would
 * return no rows, which is never what was meant.
 */
function parseMaxCount(value: string): number {
  const text = value.trim();
  if (text === '-1') return -1;
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError(`expected a whole number, or -1 for every row, got '${value}'`);
  const n = Number(text);
  if (n === 0) throw new InvalidArgumentError('0 would return no rows: give at least 1, or -1 (--all) for every row');
  return n;
}

/**
 * Add the options both query commands take. `paging` (FlexibleSearch): `--all` fetches every row in
 * pages keyed by PK, with `--page-size` and `--after-pk`; without it (SQL) `--all` is `--max-count -1`.
 */
export function addQueryOptions(command: Command, options: { paging?: boolean } = {}): Command {
  command
    .argument('[query]', 'the query, or - for stdin (piped stdin is read when omitted)')
    .option('-f, --file <path>', 'read the query from a file (- for stdin)')
    .option('-m, --max-count <n>', 'most rows to return, -1 for every row in one request (HAC cuts silently)', parseMaxCount, 200);
  if (options.paging === true) {
    command
      .addOption(new Option('--all', 'every row, fetched in pages keyed by PK and printed as they arrive').conflicts('maxCount'))
      .addOption(new Option('--page-size <n>', 'rows per page with --all (default 10000)').argParser(integerAtLeast(1)).conflicts('maxCount'))
      .addOption(new Option('--after-pk <pk>', 'with --all: only rows above this PK (resumes a run that stopped)').argParser(parsePk).conflicts('maxCount'));
  } else {
    command.addOption(new Option('--all', 'return every row (same as --max-count -1): careful on big tables').conflicts('maxCount'));
  }
  return command
    .option('--data-source <id>', 'data source to query (default: master)')
    .option('--value', 'print only the one value of a one-row, one-column result, bare (for shell variables)');
}

/** `--value` prints one bare value: a format would say otherwise. */
export function checkValueFlag(runtime: CliRuntime, flags: { value?: boolean }): void {
  if (flags.value === true && runtime.output.format('table') !== 'table') {
    throw new CliUsageError('--value prints one bare value: leave out --format, --json and --csv');
  }
}

/** The one cell of a one-row, one-column result (NULL is empty), for `--value`. */
export function singleValue(result: Pick<FlexibleSearchResult, 'headers' | 'rows'>): string {
  if (result.rows.length !== 1 || result.headers.length !== 1) {
    const rows = `${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'}`;
    const columns = `${result.headers.length} ${result.headers.length === 1 ? 'column' : 'columns'}`;
    throw new CliError(`--value needs a result of one row with one column; this one has ${rows} and ${columns}`);
  }
  return result.rows[0]?.[0] ?? '';
}

/** A PK as HAC prints it (digits); the library checks the range. */
function parsePk(value: string): string {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a PK (a whole number, as HAC prints it), got '${value}'`);
  return value;
}

/**
 * CSV, TSV and NDJSON rows of one request are written as they arrive (`query-stream.ts`); a table
 * and a JSON document need the whole result, as does `--value`.
 */
export function streamsRows(runtime: CliRuntime, flags: { value?: boolean }): boolean {
  const format = rowsFormat(runtime.output);
  return flags.value !== true && (format === 'csv' || format === 'tsv' || format === 'ndjson');
}

/** The row limit to send: `--all` is `-1`. */
export function maxCountOf(flags: QueryFlags): number {
  return flags.all === true ? -1 : flags.maxCount;
}

/** FlexibleSearch: `--all`, `--page-size` or `--after-pk` asks for every row in pages. */
export function wantsPages(flags: QueryFlags): boolean {
  return flags.all === true || flags.pageSize !== undefined || flags.afterPk !== undefined;
}

/**
 * Rows without the header line: `-q` piped without a chosen format, so that the Python CLI's docs'
 * `COUNT=$(hac flexsearch "SELECT COUNT({pk}) …" -q)` holds just the number.
 */
export function bareRows(output: CliOutput, format: OutputFormat): boolean {
  return output.quiet && format === 'tsv' && output.format('table') !== output.format('tsv');
}

/** The query text from the argument, `-f FILE` or stdin. */
export async function readQuery(runtime: CliRuntime, positional: string | undefined, flags: QueryFlags): Promise<string> {
  const input = await resolveInput({ positional, file: flags.file, what: 'query' }, nodeInputSources(() => runtime.readStdinBytes()));
  return input.text;
}

/**
 * Print a result: rows on stdout in the chosen format, the row count and the max-count notice on
 * stderr; a query exception goes to stderr (and in the JSON document) with exit code 1.
 */
export async function printQueryResult(runtime: CliRuntime, result: FlexibleSearchResult, options: { value?: boolean } = {}): Promise<void> {
  // Loaded on use: the formatters are not needed for `hac --help` (start-up time).
  const { formatResultSet, formatResultSetPieces, maxCountNotice, resultSummary } = await import('../../output/index.js');
  const { output } = runtime;
  const format = rowsFormat(output);
  if (!result.success) {
    // A JSON consumer still gets a complete document saying what failed.
    if (format === 'json') output.data(formatResultSet(result, format));
    reportOperationFailure(output, `query failed: ${result.exception ?? 'unknown error'}`);
    return;
  }
  const bare = bareRows(output, format);
  if (options.value === true) output.data(`${singleValue(result)}\n`);
  else {
    // Written as converted: CSV/TSV/NDJSON rows a slice at a time, never one string of the whole
    // output; each slice is handed on before the next is made (a slow reader holds the writing back).
    const pieces = formatResultSetPieces(result, format, { width: output.columns, color: dataColor(output), ...(bare && { header: false }) });
    for (const piece of pieces) await output.writeData(piece);
  }
  output.info(resultSummary(result));
  const notice = maxCountNotice(result);
  if (notice !== null) output.warn(notice);
}
