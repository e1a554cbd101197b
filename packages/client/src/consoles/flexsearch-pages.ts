/**
 * A FlexibleSearch result of any size, fetched in pages with ordinary FlexibleSearch calls, keyed by
 * PK (see `paged-query.ts` for the statements): each page asks for the rows above the last PK seen,
 * so a row comes out once even while rows are inserted and deleted between pages.
 *
 * Two ways to read a page, one paging logic over both: the rows (`for await`, `batches()`) are
 * handed out as each page's answer arrives (`readAnswer`), so that memory holds a batch of rows,
 * not a page; `pages()` hands out whole pages, each read whole with one `JSON.parse` (faster, and
 * smaller, when every row is kept anyway: `collectFlexibleSearch`).
 */
import { HacClientError, HacPageError } from '../errors.js';
import type { HacTransport } from '../internal/transport.js';
import type {
  CollectedFlexibleSearch,
  FlexibleSearchOptions,
  FlexibleSearchPage,
  FlexibleSearchPageOptions,
  FlexibleSearchStreamPart,
} from '../models/flexsearch.js';
import { flexibleSearchForm, normaliseStatement, queryRequest, runFlexibleSearch } from './flexsearch.js';
import { readAnswer } from './flexsearch-stream.js';
import { comparePks, isPk, keyStatement, PAGE_KEY_COLUMN, pageStatement, planPagedQuery, type PagedQuery } from './paged-query.js';

/**
 * Rows per page. 10 000 rows of a few columns are about 1 MB of JSON: HAC builds each page's whole
 * answer in its heap before it sends a byte, and the database sorts and cuts each page (ORDER BY
 * PK, maxCount), so a page stays small for the server. Read as it arrives, a bigger page costs the
 * client no memory, only the server (bench/README.md, cli-fs-all.ts).
 */
const DEFAULT_PAGE_SIZE = 10_000;
const MAX_PAGE_SIZE = 1_000_000;

type Row = (string | null)[];

/** How a page's answer is read: as it arrives, or whole. */
type PageReading = 'streamed' | 'whole';

/** What the paging hands on: rows as they may go out, and the end of each page. */
type PageEvent = { type: 'rows'; rows: Row[] } | { type: 'page'; number: number; executionTimeMs: number };

/**
 * The rows of a FlexibleSearch query, page by page. Iterate it for rows (`for await (const row of
 * pager)`), call `batches()` for the rows in batches as they arrive, or `pages()` for whole pages;
 * any of them runs the query once. The counters tell how far it got.
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
  #executionTimeMs = 0;

  /** @internal use `pageFlexibleSearch` or `HacClient.pageFlexibleSearch`. */
  constructor(transport: HacTransport, plan: PagedQuery, pageSize: number, afterPk: string | null, options: FlexibleSearchOptions) {
    this.#transport = transport;
    this.#plan = plan;
    this.#pageSize = pageSize;
    this.#lastPk = afterPk;
    this.#options = options;
    this.#grouped = plan.joined;
  }

  /** The column labels, once the first page's answer began (`null` before). */
  get headers(): string[] | null {
    return this.#headers;
  }

  /** PK of the last row handed out (of the last batch or page), or the starting `afterPk`: where a new run resumes. */
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

  /** Sum of HAC's execution times of the pages answered so far, in milliseconds. */
  get executionTimeMs(): number {
    return this.#executionTimeMs;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Row> {
    for await (const rows of this.batches()) yield* rows;
  }

  /**
   * The rows in PK order, in batches as each page's answer arrives (a batch per network read, a few
   * hundred rows): the first rows of a page come out while the rest of it is still on the wire. The
   * next page is requested once the loop asks past the last batch of a page, so a consumer that
   * stops (`break`, an error) stops the requests and closes the connection of the page it was in.
   */
  async *batches(): AsyncGenerator<Row[]> {
    for await (const event of this.#run('streamed')) if (event.type === 'rows') yield event.rows;
  }

  /**
   * The pages in PK order, each read whole. The next page is requested only when the consumer asks
   * for it, so a consumer that stops early (`break`, an error) stops the requests too.
   */
  async *pages(): AsyncGenerator<FlexibleSearchPage> {
    let rows: Row[] = [];
    for await (const event of this.#run('whole')) {
      if (event.type === 'rows') {
        // One push per row: spreading a page into push() overflows the stack on big pages.
        if (rows.length === 0) rows = event.rows;
        else for (const row of event.rows) rows.push(row);
        continue;
      }
      yield { number: event.number, headers: this.#headers ?? [], rows, lastPk: this.#lastPk, executionTimeMs: event.executionTimeMs };
      rows = [];
    }
  }

  /**
   * The paging: page after page until one comes back short. The rows of a page's last PK are held
   * until a row of another PK follows (one row, unless one PK has several): with joined types a full
   * page may have cut that PK's rows, which are then asked for again with the next page.
   */
  async *#run(reading: PageReading): AsyncGenerator<PageEvent> {
    if (this.#started) throw new HacClientError('A paged FlexibleSearch runs once: call pageFlexibleSearch again for a new run');
    this.#started = true;
    for (;;) {
      const page = { number: 0, executionTimeMs: 0 };
      let count = 0;
      let released = 0;
      let held: Row[] = [];
      let heldPk: string | null = null;
      let previous = this.#lastPk;
      for await (const rows of this.#answer(pageStatement(this.#plan, this.#lastPk), this.#pageSize, reading, page)) {
        const out: Row[] = [];
        let outPk: string | null = null;
        for (const row of rows) {
          const pk = this.#takeKey(row, count, previous);
          count++;
          previous = pk;
          if (pk === heldPk) {
            // A PK repeated within a page: rows of joined types. From here on pages end on a whole PK.
            this.#grouped = true;
            held.push(row);
            continue;
          }
          if (held.length > 0) {
            for (const done of held) out.push(done);
            outPk = heldPk;
          }
          held = [row];
          heldPk = pk;
        }
        if (out.length > 0) {
          released += out.length;
          yield this.#release(out, outPk);
        }
      }
      const full = count >= this.#pageSize;
      if (!full || !this.#grouped) {
        if (held.length > 0) yield this.#release(held, heldPk);
        yield this.#pageEnd(page);
        if (!full) return;
        continue;
      }
      if (released > 0) {
        // The last PK's rows may go on beyond the page: they are asked for again next time.
        yield this.#pageEnd(page);
        continue;
      }
      // One PK fills the page: its rows alone, however many (they are one item's join rows), handed
      // out together so that a failure midway leaves none of them out.
      const key = heldPk as string;
      const group = { number: 0, executionTimeMs: 0 };
      const rows: Row[] = [];
      let index = 0;
      for await (const batch of this.#answer(keyStatement(this.#plan, key), -1, reading, group)) {
        for (const row of batch) {
          if (this.#takeKey(row, index, this.#lastPk) !== key) throw this.#failure(group.number, `row ${index + 1} of the answer is not of PK ${key}`);
          index++;
          rows.push(row);
        }
      }
      yield this.#release(rows, key);
      yield this.#pageEnd(group);
    }
  }

  /** Rows going out: the counters move before the consumer sees them. */
  #release(rows: Row[], lastPk: string | null): PageEvent {
    this.#rowCount += rows.length;
    this.#lastPk = lastPk;
    return { type: 'rows', rows };
  }

  #pageEnd(page: { number: number; executionTimeMs: number }): PageEvent {
    this.#executionTimeMs += page.executionTimeMs;
    return { type: 'page', ...page };
  }

  /**
   * One page's request, its rows in batches; failures become a `HacPageError` naming the page and
   * where to resume. `page` gets the page's number, and HAC's execution time once the answer ended.
   */
  async *#answer(statement: string, maxCount: number, reading: PageReading, page: { number: number; executionTimeMs: number }): AsyncGenerator<Row[]> {
    page.number = ++this.#pageCount;
    const parts = pageAnswer(this.#transport, statement, maxCount, this.#options, reading, this.#headers !== null);
    try {
      for (;;) {
        let next: Awaited<ReturnType<typeof parts.next>>;
        try {
          next = await parts.next();
        } catch (error) {
          // An abort ends the run with the signal's reason, as every call does.
          if (this.#options.signal?.aborted) throw error;
          throw this.#failure(page.number, error instanceof Error ? error.message : String(error), { cause: error });
        }
        if (next.done === true) throw this.#failure(page.number, 'the answer ended without its end');
        const part = next.value;
        if (part.type === 'rows') yield part.rows;
        else if (part.type === 'headers') this.#takeHeaders(page.number, part.headers, part.exception);
        else {
          page.executionTimeMs = part.summary.executionTimeMs;
          return;
        }
      }
    } finally {
      // A page left early (a consumer's break, a failure) closes its connection.
      await parts.return();
    }
  }

  #takeHeaders(page: number, headers: string[], exception: string | null): void {
    if (exception !== null) throw this.#failure(page, `the query failed on the server: ${exception}`, { exception });
    const helper = headers.at(-1);
    // HSQLDB and HANA answer the label upper-case (HAC_PAGE_PK), MySQL as written.
    if (helper?.toLowerCase() !== PAGE_KEY_COLUMN) {
      throw this.#failure(page, `HAC's answer lacks the PK column paging added (last column: ${helper ?? 'none'})`);
    }
    this.#headers ??= headers.slice(0, -1);
  }

  /**
   * Takes the helper PK cell off a row (in place) and returns it, checking that PKs rise: a PK below
   * the one before, or the first one of a page at or below the last one handed out, would hand out
   * rows twice or loop. `index`: the row's place in its answer, from 0.
   */
  #takeKey(row: Row, index: number, previous: string | null): string {
    const pk = row.pop();
    if (typeof pk !== 'string' || !isPk(pk)) {
      throw this.#failure(this.#pageCount, `row ${index + 1} of the answer has no PK in the column paging added (${JSON.stringify(pk ?? null)})`);
    }
    const order = previous === null ? 1 : comparePks(pk, previous);
    if (order < 0 || (order === 0 && index === 0)) {
      throw this.#failure(this.#pageCount, `HAC returned the rows out of PK order (${pk} after ${previous ?? ''})`);
    }
    return pk;
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
 * The parts of one page's answer, a FlexibleSearch marked as the read it is (`idempotent`: retried
 * like a GET). `streamed`: as the answer arrives; `whole`: read whole, its rows in one part.
 * `columnsKnown`: rows may come before the `headers` part. HAC writes its `headers` after its rows:
 * a page whose columns are not known yet (the first) is held until its end, every later one flows.
 */
function pageAnswer(
  transport: HacTransport,
  statement: string,
  maxCount: number,
  options: FlexibleSearchOptions,
  reading: PageReading,
  columnsKnown: boolean,
): AsyncGenerator<FlexibleSearchStreamPart, void, undefined> {
  if (reading === 'whole') return wholeAnswer(transport, statement, maxCount, options);
  const request = queryRequest(flexibleSearchForm(statement, maxCount, options), options, { idempotent: true });
  return readAnswer(transport, request, { maxCount, holdRows: !columnsKnown });
}

async function* wholeAnswer(transport: HacTransport, statement: string, maxCount: number, options: FlexibleSearchOptions): AsyncGenerator<FlexibleSearchStreamPart, void, undefined> {
  const { headers, rows, ...summary } = await runFlexibleSearch(transport, statement, maxCount, options, { idempotent: true });
  yield { type: 'headers', headers, exception: summary.exception };
  if (rows.length > 0) yield { type: 'rows', rows };
  yield { type: 'end', summary };
}

/**
 * Run a FlexibleSearch query of any size in pages of `pageSize` rows, keyed by PK. Refuses queries
 * that cannot be paged (aggregates, GROUP BY, a top-level UNION, ORDER BY other than by PK, LIMIT…)
 * with a `HacQueryNotPageableError` before any request. Each page is one FlexibleSearch request,
 * retried like a GET after a connection failure or a 502/503/504 (a page read as it arrives: only
 * before its answer began); a page that still fails throws a `HacPageError` with the PK to resume
 * after.
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
  for await (const page of pager.pages()) {
    headers = page.headers;
    // One push per row: spreading a page into push() overflows the stack on big pages.
    for (const row of page.rows) rows.push(row);
  }
  return { headers, rows, pageCount: pager.pageCount, lastPk: pager.lastPk, executionTimeMs: pager.executionTimeMs };
}
