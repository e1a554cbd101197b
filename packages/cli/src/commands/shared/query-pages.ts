/**
 * `hac fs QUERY --all`: every row of a FlexibleSearch query, fetched in pages keyed by PK (the
 * library's `pageFlexibleSearch`) and written as each page's answer arrives, batch by batch, so that
 * memory holds a batch of rows whatever the page or result size (on a terminal a table per page,
 * each read whole: its widths need the page). Each batch is written before the next is read: a slow
 * reader holds the paging back, and a reader that is gone (`| head`) ends it without another request.
 */
import type { FlexibleSearchPageOptions, FlexibleSearchPager, HacClient, HacTransport } from 'hac-client';
import { dataColor, rowsFormat } from '../../cli-output.js';
import { renderRows } from '../../output/index.js';
import { CliError, CliUsageError, exitCodeFor } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import type { CliOutput, CliRuntime, OutputFormat } from '../../runtime-types.js';
import { withProgress } from './progress.js';
import { bareRows } from './query.js';

type Row = (string | null)[];
type PagingOptions = Omit<FlexibleSearchPageOptions, 'signal' | 'timeoutMs'>;

/** Run `query` in pages and print its rows as they come; the summary goes to stderr. */
export async function printQueryPages(runtime: CliRuntime, query: string, options: PagingOptions): Promise<void> {
  const { pageFlexibleSearch } = await import('hac-client');
  // The client (and with it a username or password prompt) only once the query is known to page.
  let client: Promise<HacClient> | undefined;
  const connected = async (): Promise<HacTransport> => (await (client ??= runtime.client())).transport;
  const transport: HacTransport = {
    send: async (request) => (await connected()).send(request),
    stream: async (request) => {
      const inner = await connected();
      // HacClient's transport always has it (the type leaves it optional for custom transports).
      if (!inner.stream) throw new TypeError('the client transport cannot read an answer as it arrives');
      return inner.stream(request);
    },
  };
  let pager: FlexibleSearchPager;
  try {
    pager = pageFlexibleSearch(transport, query, { ...options, signal: runtime.signal });
  } catch (error) {
    throw refusal(error);
  }
  const { output } = runtime;
  const format = rowsFormat(output);
  const writer = rowsWriter(output, format, query, pager);
  const started = performance.now();
  const elapsedMs = (): number => performance.now() - started;
  const work = (async () => {
    if (format === 'table') for await (const page of pager.pages()) await output.writeData(writer.rows(page.rows));
    else for await (const rows of pager.batches()) await output.writeData(writer.rows(rows));
    await output.writeData(writer.end());
  })();
  // A progress line on a terminal, unless the rows themselves go to that terminal.
  const progress = (): string => `${count(pager.rowCount, 'row')}, ${count(pager.pageCount, 'page')}, ${rate(pager.rowCount, elapsedMs())} rows/s`;
  try {
    await (output.stdoutIsTTY ? work : withProgress(runtime, progress, work));
  } catch (error) {
    // `hac fs … --all | head`: the reader is gone; no further page was asked for.
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return;
    if (runtime.signal.aborted) throw error;
    const failure = pageFailure(error);
    if (!writer.started || format !== 'json') throw failure;
    // The JSON document is closed with what failed, so that it stays one valid document.
    await output.writeData(writer.fail(failure instanceof Error ? failure.message : String(failure))).catch(() => undefined);
    output.error(`hac: ${failure instanceof Error ? failure.message : String(failure)}`);
    process.exitCode = exitCodeFor(failure, false);
    return;
  }
  output.info(`${count(pager.rowCount, 'row')} in ${count(pager.pageCount, 'page')} (${(elapsedMs() / 1000).toFixed(1)} s)`);
}

function count(n: number, what: string): string {
  return `${grouped(n)} ${what}${n === 1 ? '' : 's'}`;
}

function rate(rows: number, ms: number): string {
  return ms > 0 ? grouped(Math.round((rows * 1000) / ms)) : '0';
}

/** `12,345`: as `toLocaleString('en')` writes it, without loading ICU's number formats (its first call took 40-200 ms). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** A query the library refuses to page, or options it refuses: a usage error naming the CLI's flags. */
function refusal(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'HacQueryNotPageableError') {
    const { reason, suggestion } = error as Error & { reason: string; suggestion: string };
    return new CliUsageError(`--all cannot page this query: ${reason}; ${suggestion.replace('without paging', 'without --all')}`, { cause: error });
  }
  if (error.name === 'HacClientError') {
    return new CliUsageError(error.message.replace(/^afterPk/, '--after-pk').replace(/^pageSize/, '--page-size'), { cause: error });
  }
  return error;
}

interface PageErrorFields {
  page: number;
  lastPk: string | null;
  rowCount: number;
  exception: string | null;
  cause?: unknown;
}

/**
 * A failed page as the CLI reports it. Before any row: as the same query without `--all` would
 * fail. After rows: which page, how many rows, and the `--after-pk` that goes on from there.
 */
function pageFailure(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'HacPageError') return error;
  const { page, lastPk, rowCount, exception, cause } = error as Error & PageErrorFields;
  const problem = exception !== null ? `query failed: ${exception}` : cause instanceof Error ? cause.message : error.message;
  if (rowCount === 0 && lastPk === null) return exception !== null ? new CliError(problem) : (cause ?? error);
  const code = exception !== null ? ExitCode.operationFailed : exitCodeFor(cause, false);
  return new CliError(`page ${page} failed after ${count(rowCount, 'row')} (go on with --after-pk ${lastPk ?? ''}): ${problem}`, { exitCode: code, cause: error });
}

interface RowsWriter {
  /** Whether anything was written (the JSON document is open). */
  readonly started: boolean;
  /** Text for the next rows: a batch as it arrived, or on a terminal a whole page (a table each). */
  rows(rows: Row[]): string;
  /** What is left to write after the last rows (an empty result's header line, the JSON document's end). */
  end(): string;
  /** The end of a JSON document whose paging failed. */
  fail(message: string): string;
}

/**
 * Text for the rows in `format`: CSV/TSV with one header line, NDJSON, a table per page (widths fit
 * each page, as psql does with FETCH_COUNT), or one JSON document written as it grows, with the
 * fields of the unpaged document plus `pages` and `last_pk`. The columns are the pager's: known
 * before its first rows.
 */
function rowsWriter(output: CliOutput, format: OutputFormat, query: string, pager: FlexibleSearchPager): RowsWriter {
  const bare = bareRows(output, format);
  let started = false;
  let rowsWritten = 0;
  const closeJson = (success: boolean, exception: string | null): string => {
    const tail = {
      success,
      result_count: pager.rowCount,
      execution_time_ms: pager.executionTimeMs,
      exception,
      max_count_reached: false,
      query,
      pages: pager.pageCount,
      last_pk: pager.lastPk,
    };
    // `{ "success": …` without its opening brace continues the open document.
    return `\n  ],${JSON.stringify(tail, null, 2).slice(1)}\n`;
  };
  const rows = (batch: Row[]): string => {
    const first = !started;
    started = true;
    const headers = pager.headers ?? [];
    const before = rowsWritten;
    rowsWritten += batch.length;
    if (format === 'json') {
      const head = first ? `{\n  "headers": ${JSON.stringify(headers)},\n  "rows": [\n` : '';
      const text = batch.map((row) => `    ${JSON.stringify(row)}`).join(',\n');
      return head + (text !== '' && before > 0 ? ',\n' : '') + text;
    }
    // A table per page; of an empty page only the first one (the column names).
    if (format === 'table' && batch.length === 0 && !first) return '';
    return renderRows(headers, batch, format, { width: output.columns, color: dataColor(output), header: (first || format === 'table') && !bare });
  };
  return {
    get started() {
      return started;
    },
    rows,
    // An empty result still gets its header line (CSV, TSV) or its document's start (JSON).
    end: () => (started ? '' : rows([])) + (format === 'json' ? closeJson(true, null) : ''),
    fail: (message) => closeJson(false, message),
  };
}
