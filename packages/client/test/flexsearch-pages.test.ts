import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HacConnectionError, HacPageError, HacQueryNotPageableError } from '../src/errors.js';
import { startConsoleFixture, type ConsoleFixture } from './consoles-fixture.js';

const FS = 'POST /hac/console/flexsearch/execute';
const UNITS = "SELECT {code} FROM {Unit} WHERE {code} LIKE 'U-%'";
const ORDERS_AND_ENTRIES = 'SELECT {o.code}, {e.entryNumber} FROM {Order AS o JOIN OrderEntry AS e ON {e.order} = {o.pk}}';

const unitCodes = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `U-${String(from + i).padStart(2, '0')}`);
const sorted = (rows: (string | null)[][]): string[] => rows.map((row) => JSON.stringify(row)).sort();

describe('pageFlexibleSearch against the emulator', () => {
  let f: ConsoleFixture;
  const importUnits = async (script: string): Promise<void> => {
    const result = await f.client.importImpex(script);
    assert.ok(result.success, result.error ?? result.output);
  };
  const createUnits = (codes: string[]): Promise<void> => importUnits(`INSERT_UPDATE Unit;code[unique=true];unitType\n${codes.map((c) => `;${c};test`).join('\n')}`);
  const removeUnits = (codes: string[]): Promise<void> => importUnits(`REMOVE Unit;code[unique=true]\n${codes.map((c) => `;${c}`).join('\n')}`);

  before(async () => {
    f = await startConsoleFixture();
  });
  after(async () => {
    await f.close();
  });

  it('hands out every row once across page boundaries while rows are inserted and deleted between pages', async () => {
    await createUnits(unitCodes(0, 29));
    f.takeRequests();
    const seen: string[] = [];
    const pager = f.client.pageFlexibleSearch(UNITS, { pageSize: 7 });
    let number = 0;
    for await (const page of pager.pages()) {
      number++;
      assert.equal(page.number, number);
      assert.deepEqual(page.headers, ['P_CODE']);
      seen.push(...page.rows.map((row) => row[0] ?? ''));
      if (number === 1) {
        // One already handed out, one not yet reached; new units get higher PKs and come later.
        await removeUnits(['U-03', 'U-20']);
        await createUnits(['U-30', 'U-31']);
      } else if (number === 2) {
        await removeUnits(['U-25']);
        await createUnits(['U-32']);
      }
    }
    const expected = unitCodes(0, 32).filter((code) => code !== 'U-20' && code !== 'U-25');
    assert.deepEqual(seen, expected);
    // 31 rows in pages of 7: five pages, the last one short.
    assert.equal(f.takeRequests().filter((r) => r === FS).length, 5);
    assert.equal(pager.pageCount, 5);
    assert.equal(pager.rowCount, 31);
    await removeUnits(unitCodes(0, 32));
  });

  it('gives the query’s own headers and rows, the PK column only when the query selects it', async () => {
    const query = "SELECT {pk}, {code}, {name[en]} FROM {Product} WHERE {code} LIKE 'HW-%'";
    const whole = await f.client.executeFlexibleSearch(query, { maxCount: -1 });
    const paged = await f.client.collectFlexibleSearch(query, { pageSize: 4 });
    assert.deepEqual(paged.headers, whole.headers);
    assert.deepEqual(paged.headers, ['PK', 'P_CODE', 'P_NAME']);
    assert.deepEqual(sorted(paged.rows), sorted(whole.rows));
    assert.equal(paged.lastPk, paged.rows.at(-1)?.[0]);
    const withoutPk = await f.client.collectFlexibleSearch("SELECT {code} FROM {Product} WHERE {code} LIKE 'HW-%'", { pageSize: 4 });
    assert.deepEqual(withoutPk.headers, ['P_CODE']);
    assert.ok(withoutPk.rows.every((row) => row.length === 1));
    // A result of no rows still names its columns.
    const none = await f.client.collectFlexibleSearch("SELECT {code} FROM {Product} WHERE {code} = 'nothing'");
    assert.deepEqual(none, { headers: ['P_CODE'], rows: [], pageCount: 1, lastPk: null, executionTimeMs: none.executionTimeMs });
  });

  it('pages joined types on the first type’s PK without cutting an item’s rows, down to one row per page', async () => {
    const whole = await f.client.executeFlexibleSearch(ORDERS_AND_ENTRIES, { maxCount: -1 });
    assert.ok(whole.rows.length > 30, 'orders with several entries');
    for (const pageSize of [1, 3, 1000]) {
      const paged = await f.client.collectFlexibleSearch(ORDERS_AND_ENTRIES, { pageSize });
      assert.deepEqual(sorted(paged.rows), sorted(whole.rows), `pageSize ${pageSize}`);
    }
  });

  it('asks for the next page only when the loop wants it: a break stops the requests', async () => {
    f.takeRequests();
    let taken = 0;
    for await (const row of f.client.pageFlexibleSearch('SELECT {code} FROM {Product}', { pageSize: 10 })) {
      taken += row.length;
      if (taken === 10) break;
    }
    assert.deepEqual(f.takeRequests(), [FS]);
  });

  it('resumes after a PK: the rows above it, nothing before', async () => {
    const all = await f.client.collectFlexibleSearch('SELECT {pk}, {code} FROM {Product}', { pageSize: 25 });
    const middle = all.rows[40]?.[0] ?? '';
    const rest = await f.client.collectFlexibleSearch('SELECT {pk}, {code} FROM {Product}', { pageSize: 25, afterPk: middle });
    assert.deepEqual(rest.rows, all.rows.slice(41));
  });

  it('retries a page like a GET after a 503 or a reset, and reports one that keeps failing with the PK to resume after', async () => {
    const query = 'SELECT {pk}, {code} FROM {Product}';
    const all = await f.client.collectFlexibleSearch(query, { pageSize: 30 });
    f.takeRequests();
    f.emu.injectFault({ path: '/hac/console/flexsearch/execute', kind: 'status', status: 503 });
    f.emu.injectFault({ path: '/hac/console/flexsearch/execute', kind: 'reset' });
    const retried = await f.client.collectFlexibleSearch(query, { pageSize: 30 });
    assert.deepEqual(retried.rows, all.rows);
    assert.equal(f.takeRequests().filter((r) => r === FS).length, all.pageCount + 2);

    const pages = f.client.pageFlexibleSearch(query, { pageSize: 30 }).pages();
    const first = await pages.next();
    assert.equal(first.done, false);
    // Three resets: the page's request and both retries (maxRetries 2).
    f.emu.injectFault({ path: '/hac/console/flexsearch/execute', kind: 'reset', times: 3 });
    const failure = await pages.next().then(
      () => assert.fail('page 2 should fail'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof HacPageError);
    assert.equal(failure.page, 2);
    assert.equal(failure.rowCount, 30);
    assert.equal(failure.lastPk, all.rows[29]?.[0]);
    assert.ok(failure.cause instanceof HacConnectionError);
    assert.match(failure.message, new RegExp(`^Page 2 of the paged query failed after 30 rows \\(resume after PK ${failure.lastPk ?? ''}\\): Connection to .* was closed`));
    const resumed = await f.client.collectFlexibleSearch(query, { pageSize: 30, afterPk: failure.lastPk ?? '' });
    assert.deepEqual([...all.rows.slice(0, 30), ...resumed.rows], all.rows);
  });

  it('reports a query HAC rejects as a failed first page with its root cause, and refuses unpageable queries before any request', async () => {
    f.takeRequests();
    await assert.rejects(f.client.collectFlexibleSearch('SELECT {code} FROM {NoSuchType}'), (error: unknown) => {
      assert.ok(error instanceof HacPageError);
      assert.equal(error.page, 1);
      assert.equal(error.lastPk, null);
      assert.match(error.exception ?? '', /NoSuchType/);
      assert.match(error.message, /^Page 1 of the paged query failed: the query failed on the server: .*NoSuchType/);
      return true;
    });
    assert.throws(() => f.client.pageFlexibleSearch('SELECT COUNT(*) FROM {Product}'), HacQueryNotPageableError);
    assert.throws(() => f.client.pageFlexibleSearch('SELECT {code} FROM {Product}', { afterPk: "1 OR 1=1" }), /afterPk must be a PK/);
    assert.throws(() => f.client.pageFlexibleSearch('SELECT {code} FROM {Product}', { pageSize: 0 }), /pageSize must be a whole number from 1/);
    assert.deepEqual(f.takeRequests(), [FS]);
  });

  it('reads the PK column in either case: upper-case labels (HSQLDB) or as written (MySQL)', async () => {
    const mysql = await startConsoleFixture({ database: 'mysql' });
    try {
      const paged = await mysql.client.collectFlexibleSearch("SELECT {code} FROM {Product} WHERE {code} LIKE 'HW-%'", { pageSize: 2 });
      assert.deepEqual(paged.headers, ['p_code']);
      assert.ok(paged.rows.length > 2);
    } finally {
      await mysql.close();
    }
  });

  it('stops at an abort with the signal’s reason, within the page it came in', async () => {
    f.takeRequests();
    const controller = new AbortController();
    const rows: unknown[] = [];
    await assert.rejects(
      (async () => {
        for await (const row of f.client.pageFlexibleSearch('SELECT {code} FROM {Product}', { pageSize: 10, signal: controller.signal })) {
          rows.push(row);
          controller.abort(new Error('enough'));
        }
      })(),
      /enough/,
    );
    // The rows of the batch in hand; the page's last row, held until its answer ended, never came.
    assert.ok(rows.length >= 1 && rows.length < 10, String(rows.length));
    assert.deepEqual(f.takeRequests(), [FS]);
  });
});
