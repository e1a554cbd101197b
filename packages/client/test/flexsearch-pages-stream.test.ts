import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { BasicAuthHandler, HacClient, HacPageError } from '../src/index.js';
import { startConsoleFixture, type ConsoleFixture } from './consoles-fixture.js';
import { startFakeHac, type FakeHac } from './session-helpers.js';

type Row = (string | null)[];

const FS = 'POST /hac/console/flexsearch/execute';
const PRODUCTS = 'SELECT {pk}, {code} FROM {Product}';
const ORDERS_AND_ENTRIES = 'SELECT {o.code}, {e.entryNumber} FROM {Order AS o JOIN OrderEntry AS e ON {e.order} = {o.pk}}';

describe('pageFlexibleSearch rows read as each page arrives, against the emulator', () => {
  let f: ConsoleFixture;
  before(async () => {
    f = await startConsoleFixture();
  });
  after(async () => {
    await f.close();
  });

  /** Every row through the row iterator, and the requests it made. */
  const streamed = async (query: string, pageSize: number): Promise<{ rows: Row[]; requests: number; pageCount: number; lastPk: string | null }> => {
    f.takeRequests();
    const pager = f.client.pageFlexibleSearch(query, { pageSize });
    const rows: Row[] = [];
    for await (const row of pager) rows.push(row);
    return { rows, requests: f.takeRequests().filter((r) => r === FS).length, pageCount: pager.pageCount, lastPk: pager.lastPk };
  };

  it('hands out the rows and makes the requests that whole pages do, with joined types cut at page ends', async () => {
    for (const [query, sizes] of [
      [ORDERS_AND_ENTRIES, [1, 2, 3, 7, 1000]],
      [PRODUCTS, [1, 30, 1000]],
    ] as const) {
      for (const pageSize of sizes) {
        f.takeRequests();
        const whole = await f.client.collectFlexibleSearch(query, { pageSize });
        const wholeRequests = f.takeRequests().filter((r) => r === FS).length;
        const rows = await streamed(query, pageSize);
        // The same rows in the same (PK) order, and the same paging: an item's rows are never cut.
        assert.deepEqual(rows.rows, whole.rows, `${query}, pageSize ${pageSize}`);
        assert.equal(rows.requests, wholeRequests, `${query}, pageSize ${pageSize}`);
        assert.equal(rows.pageCount, whole.pageCount);
        assert.equal(rows.lastPk, whole.lastPk);
      }
    }
  });

  it('retries a page like a GET before its answer began (a 503, a reset); a query HAC rejects fails page 1 with its root cause', async () => {
    const all = await streamed(PRODUCTS, 30);
    f.emu.injectFault({ path: '/hac/console/flexsearch/execute', kind: 'status', status: 503 });
    f.emu.injectFault({ path: '/hac/console/flexsearch/execute', kind: 'reset' });
    const retried = await streamed(PRODUCTS, 30);
    assert.deepEqual(retried.rows, all.rows);
    assert.equal(retried.requests, all.requests + 2);

    const rows: Row[] = [];
    await assert.rejects(
      (async () => {
        for await (const row of f.client.pageFlexibleSearch('SELECT {code} FROM {NoSuchType}')) rows.push(row);
      })(),
      (error: unknown) => error instanceof HacPageError && error.page === 1 && error.lastPk === null && /NoSuchType/.test(error.exception ?? ''),
    );
    assert.deepEqual(rows, []);
  });

  it('a session that died between pages: HAC turns the next page away before running it, so it is sent again once after a login', async () => {
    const all = await streamed(PRODUCTS, 30);
    f.takeRequests();
    const rows: Row[] = [];
    for await (const row of f.client.pageFlexibleSearch(PRODUCTS, { pageSize: 30 })) {
      rows.push(row);
      // Page 1's answer is on its way already; page 2's request meets the dead session.
      if (rows.length === 1) f.emu.expireSessions();
    }
    assert.deepEqual(rows, all.rows);
    const requests = f.takeRequests();
    assert.equal(requests.filter((r) => r === FS).length, all.requests + 1);
    assert.deepEqual(requests.slice(1, 6), [FS, 'GET /hac/login', 'POST /hac/j_spring_security_check', 'GET /hac/', FS]);
  });

  it('a page cut short is not asked for again: its rows so far are out once, the rest comes from the PK it names', async () => {
    const all = await streamed(PRODUCTS, 30);
    f.takeRequests();
    const pager = f.client.pageFlexibleSearch(PRODUCTS, { pageSize: 30 });
    const rows: Row[] = [];
    await assert.rejects(
      (async () => {
        for await (const row of pager) {
          rows.push(row);
          // Page 2's answer: HAC runs it, sends half of it, and the connection drops.
          if (rows.length === 30) f.emu.injectFault({ path: '/hac/console/flexsearch/execute', kind: 'truncate' });
        }
      })(),
      (error: unknown) => {
        assert.ok(error instanceof HacPageError, String(error));
        assert.equal(error.page, 2);
        assert.equal(error.rowCount, rows.length);
        assert.equal(error.lastPk, rows.at(-1)?.[0]);
        return true;
      },
    );
    assert.deepEqual(f.takeRequests().filter((r) => r === FS), [FS, FS]);
    const rest = await f.client.collectFlexibleSearch(PRODUCTS, { pageSize: 30, afterPk: pager.lastPk ?? '' });
    assert.deepEqual([...rows, ...rest.rows], all.rows);
  });
});

/**
 * A HAC that pages a table of (PK, code) rows as the pager asks (rows above a PK, or of one PK), and
 * writes each answer as HAC does, its `headers` after its rows; `plan` says how to write the answer
 * of each request: whole, or the first rows and then nothing more (`hold`: until `release()`;
 * `cut`: the connection drops).
 */
describe('pageFlexibleSearch against a HAC writing its answers in steps', () => {
  let hac: FakeHac;
  let table: [string, string][] = [];
  let plan: ({ rows: number; then: 'hold' | 'cut' } | undefined)[] = [];
  let statements: string[] = [];
  let released: () => void = () => undefined;
  /** Called once an answer was written up to where it holds. */
  let onHold: () => void = () => undefined;
  /** Per request: whether the server wrote the answer's end, and whether the client closed before it. */
  let answers: { ended: boolean; closedEarly: Promise<boolean> }[] = [];

  const answer = (req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void => {
    const statement = form.get('flexibleSearchQuery') ?? '';
    statements.push(statement);
    const maxCount = Number(form.get('maxCount'));
    const above = /hac_page_pk > (\d+)/.exec(statement)?.[1];
    const equal = /hac_page_pk = (\d+)/.exec(statement)?.[1];
    const chosen = table.filter(([pk]) => (equal !== undefined ? pk === equal : above === undefined || BigInt(pk) > BigInt(above)));
    const rows = maxCount === -1 ? chosen : chosen.slice(0, maxCount);
    const text = (cells: [string, string][]): string => cells.map(([pk, code]) => JSON.stringify([code, pk])).join(',');
    const tail = `],"headers":["P_CODE","HAC_PAGE_PK"],"exception":null,"resultCount":${rows.length},"executionTime":1}`;
    const step = plan[statements.length - 1];
    const state = { ended: false, closedEarly: Promise.resolve(false) };
    state.closedEarly = new Promise((resolve) => res.on('close', () => resolve(!state.ended)));
    answers.push(state);
    res.writeHead(200, { 'content-type': 'application/json' });
    if (step === undefined) {
      state.ended = true;
      res.end(`{"resultList":[${text(rows)}${tail}`);
      return;
    }
    const first = rows.slice(0, step.rows);
    const start = `{"resultList":[${text(first)}${first.length > 0 ? ',' : ''}`;
    if (step.then === 'cut') {
      res.write(start, () => res.destroy());
      return;
    }
    res.write(start);
    released = () => {
      state.ended = true;
      res.end(`${text(rows.slice(step.rows))}${tail}`);
    };
    onHold();
  };

  before(async () => {
    hac = await startFakeHac((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => answer(req, res, new URLSearchParams(body)));
    });
  });
  after(() => hac.close());

  const fresh = (rows: [string, string][], steps: typeof plan = []): HacClient => {
    table = rows;
    plan = steps;
    onHold = () => undefined;
    statements = [];
    answers = [];
    return new HacClient({ baseUrl: hac.baseUrl, authHandler: new BasicAuthHandler('admin', 'nimda'), cacheDir: hac.cacheDir, timeoutMs: 5_000 });
  };
  const products = (n: number): [string, string][] => Array.from({ length: n }, (_, i) => [String(8796093054977 + i * 32), `P-${i + 1}`]);
  const codes = (rows: Row[]): string[] => rows.map((row) => row[0] ?? '');

  it('hands out a page’s first rows while the rest of it is still on the wire (the first page: once its columns came)', async () => {
    // Pages of 4 rows; the second page's answer stops after two rows until the loop has seen one of them.
    const client = fresh(products(10), [undefined, { rows: 2, then: 'hold' }]);
    const pager = client.pageFlexibleSearch('SELECT {code} FROM {Product}', { pageSize: 4 });
    const seen: string[] = [];
    let endedWhenSeen: boolean | undefined;
    for await (const rows of pager.batches()) {
      assert.deepEqual(pager.headers, ['P_CODE']);
      seen.push(...codes(rows));
      if (seen.includes('P-5') && endedWhenSeen === undefined) {
        endedWhenSeen = answers[1]?.ended;
        // The counters have moved with the batch: a run stopped here resumes after P-5.
        assert.equal(pager.lastPk, products(10)[4]?.[0]);
        released();
      }
    }
    assert.equal(endedWhenSeen, false, 'P-5 came before the server wrote the rest of page 2');
    assert.deepEqual(seen, codes(products(10).map(([, code]) => [code])));
    // 4 + 4 + 2: the short third page ends the run.
    assert.equal(statements.length, 3);
    assert.equal(pager.pageCount, 3);
    assert.equal(pager.rowCount, 10);
    await client.close();
  });

  it('holds the first page’s rows until its columns came (HAC sends them after the rows)', async () => {
    const client = fresh(products(3), [{ rows: 2, then: 'hold' }]);
    let releasedYet = false;
    // Rows handed out early would come while the server holds; it goes on after 50 ms by itself.
    onHold = () =>
      setTimeout(() => {
        releasedYet = true;
        released();
      }, 50);
    const firstSeen: boolean[] = [];
    for await (const rows of client.pageFlexibleSearch('SELECT {code} FROM {Product}', { pageSize: 4 }).batches()) firstSeen.push(releasedYet && rows.length > 0);
    assert.deepEqual(firstSeen.slice(0, 1), [true], 'the first rows came after the columns');
    await client.close();
  });

  it('leaving the loop in the middle of a page closes its connection and asks for no other page', async () => {
    const client = fresh(products(10), [undefined, { rows: 3, then: 'hold' }]);
    let count = 0;
    for await (const row of client.pageFlexibleSearch('SELECT {code} FROM {Product}', { pageSize: 4 })) {
      count++;
      if (row[0] === 'P-5') break;
    }
    assert.equal(count, 5);
    assert.equal(await answers[1]?.closedEarly, true);
    assert.equal(statements.length, 2);
    await client.close();
  });

  it('a page whose connection drops midway: the rows before it once, the PK of the last row out to resume after, no retry', async () => {
    const client = fresh(products(10), [undefined, { rows: 3, then: 'cut' }]);
    const pager = client.pageFlexibleSearch('SELECT {code} FROM {Product}', { pageSize: 4 });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const row of pager) seen.push(row[0] ?? '');
      })(),
      (error: unknown) => {
        assert.ok(error instanceof HacPageError, String(error));
        assert.equal(error.page, 2);
        // P-5 and P-6 went out; P-7, the last row read, was held: its PK's rows might go on.
        assert.equal(error.rowCount, 6);
        assert.equal(error.lastPk, products(10)[5]?.[0]);
        assert.match(error.message, /^Page 2 of the paged query failed after 6 rows \(resume after PK \d+\): /);
        return true;
      },
    );
    assert.deepEqual(seen, ['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'P-6']);
    assert.equal(statements.length, 2);
    await client.close();
  });

  it('joined rows: a PK cut by a page end is asked for again with the next page, a PK filling a page on its own', async () => {
    // PK A has 2 rows, B 3, C 1 (an order and its entries).
    const [a, b, c] = ['8796093054977', '8796093055009', '8796093055041'];
    const joined: [string, string][] = [
      [a, 'A-1'],
      [a, 'A-2'],
      [b, 'B-1'],
      [b, 'B-2'],
      [b, 'B-3'],
      [c, 'C-1'],
    ];
    const codesOf = async (client: HacClient, pageSize: number): Promise<string[]> => {
      const rows: string[] = [];
      for await (const row of client.pageFlexibleSearch(ORDERS_AND_ENTRIES, { pageSize })) rows.push(row[0] ?? '');
      await client.close();
      return rows;
    };
    const every = joined.map(([, code]) => code);
    // Pages of 4: A-1 A-2 B-1 B-2 (B cut: only A goes out), then B-1 B-2 B-3 C-1 (C may go on), then C-1.
    assert.deepEqual(await codesOf(fresh(joined), 4), every);
    assert.deepEqual(statements.map((s) => /hac_page_pk ([>=] \d+)/.exec(s)?.[1] ?? 'first'), ['first', `> ${a}`, `> ${b}`]);
    // Pages of 2: A fills page 1 and B page 2, so each is asked for on its own (all its rows).
    assert.deepEqual(await codesOf(fresh(joined), 2), every);
    assert.deepEqual(statements.map((s) => /hac_page_pk ([>=] \d+)/.exec(s)?.[1] ?? 'first'), ['first', `= ${a}`, `> ${a}`, `= ${b}`, `> ${b}`]);
  });
});
