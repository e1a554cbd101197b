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
  return run(transport, flexibleSearchForm(statement, maxCount, options), maxCount, options, extra);
}

/**
 * Run a raw SQL statement against the database. Modifying statements are rolled back unless
 * `commit: true`. Same client-side rules as `executeFlexibleSearch`.
 */
export async function executeSql(transport: HacTransport, sql: string, options: SqlOptions = {}): Promise<FlexibleSearchResult> {
  const statement = normaliseStatement(sql, 'SQL statement');
  const maxCount = checkMaxCount(options.maxCount);
  return run(transport, sqlForm(statement, maxCount, options), maxCount, options);
}

/** HAC's form for a FlexibleSearch query (statement normalised, `maxCount` checked). */
export function flexibleSearchForm(statement: string, maxCount: number, options: FlexibleSearchOptions): Record<string, string> {
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
  return form;
}

/** HAC's form for an SQL statement (normalised, `maxCount` checked). */
export function sqlForm(statement: string, maxCount: number, options: SqlOptions): Record<string, string> {
  return {
    flexibleSearchQuery: '',
    sqlQuery: statement,
    maxCount: String(maxCount),
    locale: 'en',
    dataSource: options.dataSource ?? 'master',
    commit: String(options.commit ?? false),
  };
}

/** The request both consoles' queries are sent as. */
export function queryRequest(form: Record<string, string>, options: FlexibleSearchOptions | SqlOptions, extra: Pick<HacRequest, 'idempotent'> = {}): HacRequest {
  return { method: 'POST', path: '/console/flexsearch/execute', form, expect: 'json', ...callFields(options), ...extra };
}

/**
 * The whole answer, parsed once. Not built on `readAnswer` (the answer read as it arrives): for a
 * caller that keeps every row, its tokens' garbage outweighs the body it saves (100k rows: +81 MiB
 * peak against +60 MiB, and slower; bench/README.md).
 */
async function run(
  transport: HacTransport,
  form: Record<string, string>,
  maxCount: number,
  options: FlexibleSearchOptions | SqlOptions,
  extra: Pick<HacRequest, 'idempotent'> = {},
): Promise<FlexibleSearchResult> {
  return sendParsed(transport, queryRequest(form, options, extra), (response) => parseFlexibleSearchResult(response.json(), maxCount));
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
export function checkMaxCount(maxCount: number | undefined): number {
  const value = maxCount ?? DEFAULT_MAX_COUNT;
  if (value === 0) {
    throw new HacClientError('maxCount 0 would return no rows: use a positive number, or -1 for every row');
  }
  if (!Number.isInteger(value) || value < -1) {
    throw new HacClientError(`maxCount must be a whole number of at least 1, or -1 for every row, got ${String(maxCount)}`);
  }
  return value;
}
