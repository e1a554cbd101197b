/**
 * What `hac flexsearch` and `hac sql` share: their common options, reading the query, and printing a
 * result set in the chosen format with the max-count notice.
 */
import type { Command } from 'commander';
import type { FlexibleSearchResult } from 'hac-client';
import type { CliRuntime, OutputFormat } from '../../runtime-types.js';
import { reportOperationFailure } from './failure.js';
import { nodeInputSources, resolveInput } from './input.js';
import { integerAtLeast } from './options.js';

export interface QueryFlags {
  file?: string;
  maxCount: number;
  dataSource?: string;
}

/** Add the options both query commands take. */
export function addQueryOptions(command: Command): Command {
  return command
    .argument('[query]', 'the query, or - for stdin (piped stdin is read when omitted)')
    .option('-f, --file <path>', 'read the query from a file (- for stdin)')
    .option('-m, --max-count <n>', 'most rows to return (HAC cuts silently)', integerAtLeast(1), 200)
    .option('--data-source <id>', 'data source to query (default: master)');
}

/** The query text from the argument, `-f FILE` or stdin. */
export async function readQuery(runtime: CliRuntime, positional: string | undefined, flags: QueryFlags): Promise<string> {
  const input = await resolveInput({ positional, file: flags.file, what: 'query' }, nodeInputSources(() => runtime.readStdin()));
  return input.text;
}

/** Default format: a table for people, tab-separated (as the Python CLI) when piped. */
export function defaultQueryFormat(runtime: CliRuntime): OutputFormat {
  return runtime.output.stdoutIsTTY ? 'table' : 'tsv';
}

/**
 * Print a result: rows on stdout in the chosen format, the row count and the max-count notice on
 * stderr; a query exception goes to stderr (and in the JSON document) with exit code 1.
 */
export async function printQueryResult(runtime: CliRuntime, result: FlexibleSearchResult): Promise<void> {
  // Loaded on use: the formatters are not needed for `hac --help` (start-up time).
  const { formatResultSet, maxCountNotice, resultSummary } = await import('../../output/index.js');
  const { output } = runtime;
  const format = output.format(defaultQueryFormat(runtime));
  if (!result.success) {
    // A JSON consumer still gets a complete document saying what failed.
    if (format === 'json') output.data(formatResultSet(result, format));
    reportOperationFailure(`query failed: ${result.exception ?? 'unknown error'}`);
    return;
  }
  output.data(formatResultSet(result, format, { width: output.columns, color: output.color && output.stdoutIsTTY }));
  output.info(resultSummary(result));
  const notice = maxCountNotice(result);
  if (notice !== null) output.warn(notice);
}
