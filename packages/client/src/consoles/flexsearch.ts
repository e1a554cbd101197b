import { HacClientError } from '../errors.js';
import type { HacRequest, HacTransport } from '../internal/transport.js';
import type { FlexibleSearchOptions, FlexibleSearchResult, SqlOptions } from '../models/flexsearch.js';
import { parseFlexibleSearchResult } from './parse-flexsearch.js';
import { callFields, sendParsed } from './shape.js';

const DEFAULT_MAX_COUNT = 200;

/**
 * Run a FlexibleSearch query (`SELECT {pk} FROM {Product}`). Rows are capped at `maxCount` (default 200;
 * -1 fetches every row: careful on big tables); check `maxCountReached`. A failing query resolves with `success: false` and the root cause in `exception`.
 *
 * Client-side rules: an empty query is rejected without a request; trailing semicolons are removed,
 * since HAC runs a single statement and a trailing `;` only makes the query fail.
 */
export async function executeFlexibleSearch(
  transport: HacTransport,
  query: string,
  options: FlexibleSearchOptions = {},
): Promise<FlexibleSearchResult> {
  const statement = normaliseStatement(query, 'FlexibleSearch query');
  return runFlexibleSearch(transport, statement, checkMaxCount(options.maxCount), options);
}

/**
 * One FlexibleSearch request for a statement already normalised and a checked `maxCount`.
 * `idempotent`: the caller knows the request only reads and lets it be retried like a GET.
 */
export async function runFlexibleSearch(
  transport: HacTransport,
  statement: string,
  maxCount: number,
  options: FlexibleSearchOptions,
  extra: Pick<HacRequest, 'idempotent'> = {},
): Promise<FlexibleSearchResult> {
  const form: Record<string, string> = {
    flexibleSearchQuery: statement,
    sqlQuery: '',
    maxCount: String(maxCount),
    locale: options.locale ?? 'en',
    dataSource: options.dataSource ?? 'master',
    commit: 'false',
  };
  // Without `user` HAC runs the query as the logged-in user, which is what an empty field means too.
  if (options.user !== undefined) form['user'] = options.user;
  return run(transport, form, maxCount, options, extra);
}

/**
 * Run a raw SQL statement against the database. Modifying statements are rolled back unless
 * `commit: true`. Same client-side rules as `executeFlexibleSearch`.
 */
export async function executeSql(transport: HacTransport, sql: string, options: SqlOptions = {}): Promise<FlexibleSearchResult> {
  const statement = normaliseStatement(sql, 'SQL statement');
  const maxCount = checkMaxCount(options.maxCount);
  const form = {
    flexibleSearchQuery: '',
    sqlQuery: statement,
    maxCount: String(maxCount),
    locale: 'en',
    dataSource: options.dataSource ?? 'master',
    commit: String(options.commit ?? false),
  };
  return run(transport, form, maxCount, options);
}

async function run(
  transport: HacTransport,
  form: Record<string, string>,
  maxCount: number,
  options: FlexibleSearchOptions | SqlOptions,
  extra: Pick<HacRequest, 'idempotent'> = {},
): Promise<FlexibleSearchResult> {
  return sendParsed(
    transport,
    { method: 'POST', path: '/console/flexsearch/execute', form, expect: 'json', ...callFields(options), ...extra },
    (response) => parseFlexibleSearchResult(response.json(), maxCount),
  );
}

/** Trim, drop trailing semicolons, reject what is left empty. */
export function normaliseStatement(statement: string, what: string): string {
  const trimmed = statement.trim().replace(/(?:\s*;)+$/, '').trimEnd();
  if (trimmed === '') throw new HacClientError(`The ${what} is empty: nothing to execute`);
  return trimmed;
}

/**
 * HAC takes `-1` as "no limit"; `0` would return no rows at all (never useful, almost always a
 * mistake), so it is refused here along with anything else below -1.
 */
function checkMaxCount(maxCount: number | undefined): number {
  const value = maxCount ?? DEFAULT_MAX_COUNT;
  if (value === 0) {
    throw new HacClientError('maxCount 0 would return no rows: use a positive number, or -1 for every row');
  }
  if (!Number.isInteger(value) || value < -1) {
    throw new HacClientError(`maxCount must be a whole number of at least 1, or -1 for every row, got ${String(maxCount)}`);
  }
  return value;
}
