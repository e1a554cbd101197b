/**
 * A FlexibleSearch result of any size, fetched in pages with ordinary FlexibleSearch calls, keyed by
 * PK (see `paged-query.ts` for the statements): each page asks for the rows above the last PK seen,
 * so a row comes out once even while rows are inserted and deleted between pages, and memory holds
 * one page at a time.
 */
import { HacClientError, HacPageError } from '../errors.js';
import type { HacTransport } from '../internal/transport.js';
import type { CollectedFlexibleSearch, FlexibleSearchOptions, FlexibleSearchPage, FlexibleSearchPageOptions, FlexibleSearchResult } from '../models/flexsearch.js';
import { normaliseStatement, runFlexibleSearch } from './flexsearch.js';
import { comparePks, isPk, keyStatement, PAGE_KEY_COLUMN, pageStatement, planPagedQuery, type PagedQuery } from './paged-query.js';

const DEFAULT_PAGE_SIZE = 10_000;
const MAX_PAGE_SIZE = 1_000_000;

type Row = (string | null)[];

/**
 * The rows of a FlexibleSearch query, page by page. Iterate it for rows (`for await (const row of
 * pager)`) or call `pages()` for whole pages; either runs the query once. The counters tell how far
 * it got.
 */
export class FlexibleSearchPager implements AsyncIterable<Row> {
  readonly #transport: HacTransport;
  readonly #plan: PagedQuery;
  readonly #pageSize: number;
  readonly #options: FlexibleSearchOptions;
  #started = false;
  #grouped: boolean;
  #headers: string[] | null = null;
  #lastPk: string | null;
  #pageCount = 0;
  #rowCount = 0;

  /** @internal use `pageFlexibleSearch` or `HacClient.pageFlexibleSearch`. */
  constructor(transport: HacTransport, plan: PagedQuery, pageSize: number, afterPk: string | null, options: FlexibleSearchOptions) {
    this.#transport = transport;
    this.#plan = plan;
    this.#pageSize = pageSize;
    this.#lastPk = afterPk;
    this.#options = options;
    this.#grouped = plan.joined;
  }

  /** The column labels, once the first page arrived (`null` before). */
  get headers(): string[] | null {
    return this.#headers;
  }

  /** PK of the last row handed out (or the starting `afterPk`): where a new run resumes. */
  get lastPk(): string | null {
    return this.#lastPk;
  }

  /** Pages (requests) so far. */
  get pageCount(): number {
    return this.#pageCount;
  }

  /** Rows handed out so far. */
  get rowCount(): number {
    return this.#rowCount;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Row> {
    for await (const page of this.pages()) yield* page.rows;
  }

  /**
   * The pages in PK order. The next page is requested only when the consumer asks for it, so a
   * consumer that stops early (`break`, an error) stops the requests too.
   */
  async *pages(): AsyncGenerator<FlexibleSearchPage> {
    if (this.#started) throw new HacClientError('A paged FlexibleSearch runs once: call pageFlexibleSearch again for a new run');
    this.#started = true;
    for (;;) {
      const result = await this.#fetch(pageStatement(this.#plan, this.#lastPk), this.#pageSize);
      const keys = this.#takeKeys(result.rows);
      const full = result.rows.length >= this.#pageSize;
      let rows = result.rows;
      let end = keys.length;
      if (full && this.#grouped) {
        // The rows of the last PK may go on beyond the page: they are asked for again next time.
        const lastKey = keys.at(-1) as string;
        end = keys.indexOf(lastKey);
        if (end === 0) {
          // One PK fills the page: its rows alone, however many (they are one item's join rows).
          const group = await this.#fetchKey(lastKey);
          yield this.#page(group, group.rows, lastKey);
          continue;
        }
        rows = rows.slice(0, end);
      }
      yield this.#page(result, rows, end > 0 ? (keys[end - 1] as string) : this.#lastPk);
      if (!full) return;
    }
  }

  #page(result: FlexibleSearchResult, rows: Row[], lastPk: string | null): FlexibleSearchPage {
    this.#lastPk = lastPk;
    this.#rowCount += rows.length;
    return { number: this.#pageCount, headers: this.#headers ?? [], rows, lastPk, executionTimeMs: result.executionTimeMs };
  }

  async #fetchKey(pk: string): Promise<FlexibleSearchResult> {
    const result = await this.#fetch(keyStatement(this.#plan, pk), -1);
    this.#takeKeys(result.rows);
    return result;
  }

  /** One page's request; failures become a `HacPageError` naming the page and where to resume. */
  async #fetch(statement: string, maxCount: number): Promise<FlexibleSearchResult> {
    const page = ++this.#pageCount;
    let result: FlexibleSearchResult;
    try {
      result = await runFlexibleSearch(this.#transport, statement, maxCount, this.#options, { idempotent: true });
    } catch (error) {
      // An abort ends the run with the signal's reason, as every call does.
      if (this.#options.signal?.aborted) throw error;
      throw this.#failure(page, error instanceof Error ? error.message : String(error), { cause: error });
    }
    if (!result.success) {
      throw this.#failure(page, `the query failed on the server: ${result.exception ?? 'unknown error'}`, { exception: result.exception });
    }
    const helper = result.headers.at(-1);
    // HSQLDB and HANA answer the label upper-case (HAC_PAGE_PK), MySQL as written.
    if (helper?.toLowerCase() !== PAGE_KEY_COLUMN) {
      throw this.#failure(page, `HAC's answer lacks the PK column paging added (last column: ${helper ?? 'none'})`);
    }
    this.#headers ??= result.headers.slice(0, -1);
    return result;
  }

  /**
   * Takes the helper PK cell off each row (in place) and returns the PKs, checking that they rise:
   * a PK at or below the last one handed out, or out of order, would hand out rows twice or loop.
   */
  #takeKeys(rows: Row[]): string[] {
    const keys: string[] = new Array<string>(rows.length);
    let previous = this.#lastPk;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Row;
      const pk = row.pop();
      if (typeof pk !== 'string' || !isPk(pk)) {
        throw this.#failure(this.#pageCount, `row ${i + 1} of the answer has no PK in the column paging added (${JSON.stringify(pk ?? null)})`);
      }
      const order = previous === null ? 1 : comparePks(pk, previous);
      if (order < 0 || (order === 0 && i === 0)) {
        throw this.#failure(this.#pageCount, `HAC returned the rows out of PK order (${pk} after ${previous ?? ''})`);
      }
      // A PK repeated within a page: rows of joined types. From here on pages end on a whole PK.
      if (order === 0) this.#grouped = true;
      keys[i] = pk;
      previous = pk;
    }
    return keys;
  }

  #failure(page: number, problem: string, extra: { cause?: unknown; exception?: string | null } = {}): HacPageError {
    const lastPk = this.#lastPk;
    const where = this.#rowCount > 0 || lastPk !== null ? ` after ${this.#rowCount} rows (resume after PK ${lastPk ?? '(none)'})` : '';
    return new HacPageError(`Page ${page} of the paged query failed${where}: ${problem}`, {
      page,
      lastPk,
      rowCount: this.#rowCount,
      ...extra,
    });
  }
}

/**
 * Run a FlexibleSearch query of any size in pages of `pageSize` rows, keyed by PK. Refuses queries
 * that cannot be paged (aggregates, GROUP BY, a top-level UNION, ORDER BY other than by PK, LIMIT…)
 * with a `HacQueryNotPageableError` before any request. Each page is one FlexibleSearch request,
 * retried like a GET after a connection failure or a 502/503/504; a page that still fails throws a
 * `HacPageError` with the PK to resume after.
 */
export function pageFlexibleSearch(transport: HacTransport, query: string, options: FlexibleSearchPageOptions = {}): FlexibleSearchPager {
  const statement = normaliseStatement(query, 'FlexibleSearch query');
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new HacClientError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${String(options.pageSize)}`);
  }
  const afterPk = options.afterPk ?? null;
  if (afterPk !== null && !isPk(afterPk)) {
    throw new HacClientError(`afterPk must be a PK (a whole number from 0 to 9223372036854775807, as HAC prints it), got ${JSON.stringify(afterPk)}`);
  }
  const plan = planPagedQuery(statement);
  const { locale, user, dataSource, signal, timeoutMs } = options;
  const call: FlexibleSearchOptions = {
    ...(locale !== undefined && { locale }),
    ...(user !== undefined && { user }),
    ...(dataSource !== undefined && { dataSource }),
    ...(signal !== undefined && { signal }),
    ...(timeoutMs !== undefined && { timeoutMs }),
  };
  return new FlexibleSearchPager(transport, plan, pageSize, afterPk, call);
}

/** Every row of a FlexibleSearch query, fetched in pages (see `pageFlexibleSearch`), collected in memory. */
export async function collectFlexibleSearch(
  transport: HacTransport,
  query: string,
  options: FlexibleSearchPageOptions = {},
): Promise<CollectedFlexibleSearch> {
  const pager = pageFlexibleSearch(transport, query, options);
  const rows: Row[] = [];
  let headers: string[] = [];
  let executionTimeMs = 0;
  for await (const page of pager.pages()) {
    headers = page.headers;
    executionTimeMs += page.executionTimeMs;
    // One push per row: spreading a page into push() overflows the stack on big pages.
    for (const row of page.rows) rows.push(row);
  }
  return { headers, rows, pageCount: pager.pageCount, lastPk: pager.lastPk, executionTimeMs };
}
