import type { CallOptions } from './common.js';

/** Options of `executeFlexibleSearch`. */
export interface FlexibleSearchOptions extends CallOptions {
  /**
   * Most rows HAC returns. HAC silently cuts the result here and never says whether more rows exist.
   * `-1` fetches every row (HAC's "no limit"): careful on big tables, HAC builds the whole result in
   * memory. `0` is refused (HAC would return no rows).
   * @default 200
   */
  maxCount?: number;
  /** Session language for localized attributes (`{name}`). @default 'en' */
  locale?: string;
  /** The user the query runs as (restrictions apply to them). @default the logged-in user */
  user?: string;
  /** Data source id; newer HAC versions also offer a read-only one. @default 'master' */
  dataSource?: string;
}

/** Options of `executeSql`. */
export interface SqlOptions extends CallOptions {
  /** Most rows returned, `-1` for every row; see `FlexibleSearchOptions.maxCount`. @default 200 */
  maxCount?: number;
  /** @default 'master' */
  dataSource?: string;
  /**
   * Commit a modifying statement. `false` rolls it back after it ran, HAC's default: the result still
   * shows what the statement did.
   * @default false
   */
  commit?: boolean;
}

/**
 * The outcome of a FlexibleSearch query or SQL statement (`POST /console/flexsearch/execute`).
 * A failing query is not an error: `success` is `false`, `exception` holds the root cause's message.
 */
export interface FlexibleSearchResult {
  /** Column labels in result order. */
  headers: string[];
  /** Result rows, cells HTML-unescaped; `null` for SQL NULL. */
  rows: (string | null)[][];
  /** Number of rows returned (HAC's `resultCount`): never the total number of matches. */
  resultCount: number;
  /** Execution time reported by HAC, in milliseconds. */
  executionTimeMs: number;
  /** The message of the root cause (the innermost `cause`) when the query failed, else `null`. */
  exception: string | null;
  /** The serialised Java exception exactly as HAC sent it, for callers who need the whole chain. */
  rawException: unknown;
  /** HAC's stack trace text of a failure, `null` when none. */
  exceptionStackTrace: string | null;
  /** The SQL that ran: the translation of a FlexibleSearch query, or the statement itself. */
  query: string;
  /** `true` for raw SQL, `false` for FlexibleSearch. */
  rawExecution: boolean;
  /** Data source the query ran on (newer HAC versions), else `null`. */
  dataSourceId: string | null;
  /** The session catalog versions HAC used, as HAC prints them, or `null`. */
  catalogVersions: string | null;
  /** The query parameters HAC used, as HAC prints them, or `null`. */
  parameters: string | null;
  /** The `maxCount` the query ran with (`-1`: no limit). */
  maxCount: number;
  /**
   * `true` when `rows.length >= maxCount`: the result was probably cut and more rows may exist.
   * HAC never tells, so a result of exactly `maxCount` rows also counts as reached. Always `false`
   * with `maxCount: -1`.
   */
  maxCountReached: boolean;
  /** `true` when the query ran without exception. */
  success: boolean;
}

/** A result without its headers and rows: what the `end` part of a streamed answer carries. */
export type FlexibleSearchSummary = Omit<FlexibleSearchResult, 'headers' | 'rows'>;

/**
 * One part of an answer read as it arrives (`streamFlexibleSearch`, `streamSql`), always in this
 * order: one `headers`, any number of `rows`, one `end`.
 *
 * - `headers`: the column labels and the verdict (`exception`: the root cause's message of a failed
 *   query, else `null`), known before any row. HAC may send its `headers` after its rows: rows read
 *   before both are held (compactly) until then.
 * - `rows`: a batch of rows as they came off the wire (cells HTML-unescaped, `null` for SQL NULL);
 *   batches follow the network's chunks, a few hundred rows each. A failed query has none.
 * - `end`: every other field of the answer; `resultCount` and `maxCountReached` count the rows.
 */
export type FlexibleSearchStreamPart =
  | { type: 'headers'; headers: string[]; exception: string | null }
  | { type: 'rows'; rows: (string | null)[][] }
  | { type: 'end'; summary: FlexibleSearchSummary };

/** Options of `pageFlexibleSearch` and `collectFlexibleSearch`. */
export interface FlexibleSearchPageOptions extends CallOptions {
  /**
   * Rows per request (HAC's `maxCount` of each page): memory on both sides grows with it, the number
   * of requests shrinks. 1 to 1 000 000.
   * @default 10000
   */
  pageSize?: number;
  /**
   * Start after this PK: only rows whose PK (of the query's first type) is above it. Resumes a run
   * from `HacPageError.lastPk` or a page's `lastPk`.
   * @default none: from the first row
   */
  afterPk?: string;
  /** Session language for localized attributes (`{name}`). @default 'en' */
  locale?: string;
  /** The user the query runs as (restrictions apply to them). @default the logged-in user */
  user?: string;
  /** Data source id. @default 'master' */
  dataSource?: string;
}

/** One page of a paged FlexibleSearch. */
export interface FlexibleSearchPage {
  /** From 1. */
  number: number;
  /** The query's column labels, as HAC sends them (the PK column paging adds is not among them). */
  headers: string[];
  /** The page's rows, cells HTML-unescaped, `null` for SQL NULL. */
  rows: (string | null)[][];
  /** PK of the page's last row (pass it as `afterPk` to go on after this page); the previous one for an empty page. */
  lastPk: string | null;
  /** HAC's execution time of this page's query, in milliseconds. */
  executionTimeMs: number;
}

/** What `collectFlexibleSearch` returns: every row of the query. */
export interface CollectedFlexibleSearch {
  headers: string[];
  rows: (string | null)[][];
  /** Requests made. */
  pageCount: number;
  /** PK of the last row, or `afterPk` when no row came. */
  lastPk: string | null;
  /** Sum of HAC's execution times, in milliseconds. */
  executionTimeMs: number;
}
