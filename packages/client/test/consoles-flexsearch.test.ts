import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { executeFlexibleSearch, rowsToObjects } from '../src/consoles/index.js';
import { HacClientError } from '../src/errors.js';
import { startConsoleFixture, type ConsoleFixture } from './consoles-fixture.js';

describe('executeFlexibleSearch and executeSql against the emulator', () => {
  let f: ConsoleFixture;
  before(async () => {
    f = await startConsoleFixture();
  });
  after(async () => {
    await f.close();
  });

  it('returns headers, rows and the translated SQL in one request', async () => {
    const result = await f.client.executeFlexibleSearch("SELECT {code}, {name} FROM {Product} WHERE {code} = 'HW-1001'");
    assert.equal(result.success, true);
    assert.equal(result.exception, null);
    assert.equal(result.headers.length, 2);
    assert.ok(result.rows.length >= 1);
    assert.equal(result.rows[0]?.[0], 'HW-1001');
    assert.equal(result.rows[0]?.[1], 'Classic Camera');
    assert.match(result.query, /products/i);
    assert.equal(result.rawExecution, false);
    assert.equal(result.resultCount, result.rows.length);
    assert.equal(result.maxCount, 200);
    assert.equal(result.maxCountReached, false);
    assert.equal(result.dataSourceId, 'master', 'the master data source unless another is named');
    assert.deepEqual(f.takeRequests(), ['POST /hac/console/flexsearch/execute']);
  });

  it('passes the headers through as HAC sends them: upper case on HSQLDB (the default), as written on MySQL', async () => {
    const query = "SELECT {pk}, {code} FROM {Product} WHERE {code} = 'HW-1001'";
    const hsqldb = await f.client.executeFlexibleSearch(query);
    assert.deepEqual(hsqldb.headers, ['PK', 'P_CODE']);
    assert.equal(rowsToObjects(hsqldb)[0]?.['P_CODE'], 'HW-1001');
    const mysql = await startConsoleFixture({ database: 'mysql' });
    try {
      const result = await mysql.client.executeFlexibleSearch(query);
      assert.deepEqual(result.headers, ['PK', 'p_code']);
      assert.equal(rowsToObjects(result)[0]?.['p_code'], 'HW-1001');
      assert.deepEqual((await mysql.client.executeSql('SELECT p_code AS Code FROM products LIMIT 1')).headers, ['Code']);
    } finally {
      await mysql.close();
    }
  });

  it('unescapes & < > and quotes in cells', async () => {
    const result = await f.client.executeFlexibleSearch("SELECT {code}, {name}, {description} FROM {Product} WHERE {code} = 'CAF-001'");
    assert.equal(result.success, true);
    const names = result.rows.map((row) => row[1]);
    assert.ok(names.includes('Caffè & Crème <deluxe>'), JSON.stringify(names));
    const description = result.rows.map((row) => row[2]).find((cell) => cell !== null && cell !== undefined);
    assert.ok(description?.includes("<b>markup</b> & 'quotes'"), description ?? 'no description');
    assert.ok(description?.includes('"barista"'));
  });

  it('keeps null cells as null', async () => {
    const result = await f.client.executeFlexibleSearch("SELECT {code}, {description} FROM {Product} WHERE {code} = 'APP-001'");
    assert.equal(result.success, true);
    assert.equal(result.rows.length, 1);
    assert.equal(result.rows[0]?.[1], null);
    assert.deepEqual(rowsToObjects(result)[0]?.[result.headers[1] ?? ''], null);
  });

  it('flags maxCountReached when the cap cut the result', async () => {
    const capped = await executeFlexibleSearch(f.client.transport, 'SELECT {pk} FROM {Product}', { maxCount: 5 });
    assert.equal(capped.rows.length, 5);
    assert.equal(capped.maxCountReached, true);
    const all = await f.client.executeFlexibleSearch('SELECT {pk} FROM {Product}', { maxCount: 1000 });
    assert.ok(all.rows.length > 5);
    assert.equal(all.maxCountReached, false);
  });

  it('maxCount -1 fetches every row (HAC: no limit), and maxCountReached stays false', async () => {
    // More items than the default cap of 200.
    const count = await f.client.executeFlexibleSearch('SELECT COUNT({pk}) FROM {Item}');
    const total = Number(count.rows[0]?.[0]);
    assert.ok(total > 200, String(total));
    const capped = await f.client.executeFlexibleSearch('SELECT {pk} FROM {Item}');
    assert.equal(capped.rows.length, 200);
    assert.equal(capped.maxCountReached, true);
    const all = await f.client.executeFlexibleSearch('SELECT {pk} FROM {Item}', { maxCount: -1 });
    assert.equal(all.success, true);
    assert.equal(all.rows.length, total);
    assert.equal(all.maxCount, -1);
    assert.equal(all.maxCountReached, false);
    const products = await f.client.executeFlexibleSearch('SELECT COUNT({pk}) FROM {Product}');
    const sql = await f.client.executeSql('SELECT p_code FROM products', { maxCount: -1 });
    assert.equal(sql.rows.length, Number(products.rows[0]?.[0]));
    assert.equal(sql.maxCountReached, false);
    f.takeRequests();
  });

  it('refuses maxCount 0 and anything below -1 before sending a request', async () => {
    await assert.rejects(f.client.executeFlexibleSearch('SELECT {pk} FROM {Product}', { maxCount: 0 }), /maxCount 0 would return no rows.*-1 for every row/);
    await assert.rejects(f.client.executeSql('SELECT 1', { maxCount: -2 }), /at least 1, or -1 for every row, got -2/);
    await assert.rejects(f.client.executeFlexibleSearch('SELECT {pk} FROM {Product}', { maxCount: 1.5 }), HacClientError);
    assert.deepEqual(f.takeRequests(), []);
  });

  it('reports a failing query with its root cause', async () => {
    const result = await f.client.executeFlexibleSearch('SELECT {pk} FROM {NoSuchType}');
    assert.equal(result.success, false);
    assert.ok(result.exception);
    assert.match(result.exception, /NoSuchType/);
    // The root cause is the innermost message, without the wrapping exception class prefixes.
    assert.doesNotMatch(result.exception, /^de\.hybris\.platform\.servicelayer/);
    assert.ok(result.rawException && typeof result.rawException === 'object');
    assert.match(result.exceptionStackTrace ?? '', /Exception/);
    assert.deepEqual(result.rows, []);
  });

  it('removes a trailing semicolon and rejects an empty query without a request', async () => {
    const result = await f.client.executeFlexibleSearch("SELECT {code} FROM {Product} WHERE {code} = 'HW-1001';");
    assert.equal(result.success, true);
    f.takeRequests();
    await assert.rejects(f.client.executeFlexibleSearch('  ; '), HacClientError);
    await assert.rejects(f.client.executeSql(''), /SQL statement is empty/);
    await assert.rejects(f.client.executeFlexibleSearch('SELECT {pk} FROM {Product}', { maxCount: 0 }), /maxCount/);
    assert.deepEqual(f.takeRequests(), []);
  });

  it('runs SQL with null cells and escaped values', async () => {
    const result = await f.client.executeSql("SELECT p_code, NULL AS no_value FROM products WHERE p_code = 'HW-1001'");
    assert.equal(result.success, true, result.exception ?? '');
    assert.equal(result.rawExecution, true);
    assert.equal(result.rows[0]?.[0], 'HW-1001');
    assert.equal(result.rows[0]?.[1], null);
  });

  it('rolls SQL changes back unless commit is set', async () => {
    const count = async (): Promise<string | null | undefined> =>
      (await f.client.executeSql("SELECT COUNT(*) FROM products WHERE p_ean = 'rolled-back'")).rows[0]?.[0];
    const before = await count();
    const rolledBack = await f.client.executeSql("UPDATE products SET p_ean = 'rolled-back' WHERE p_code = 'HW-1002'");
    assert.equal(rolledBack.success, true, rolledBack.exception ?? '');
    assert.equal(await count(), before);
    const committed = await f.client.executeSql("UPDATE products SET p_ean = 'rolled-back' WHERE p_code = 'HW-1002'", { commit: true });
    assert.equal(committed.success, true);
    assert.notEqual(await count(), before);
  });

  it('passes locale, user and data source', async () => {
    const german = await f.client.executeFlexibleSearch("SELECT {name} FROM {Category} WHERE {code} = 'kitchen'", { locale: 'de' });
    assert.equal(german.rows[0]?.[0], 'Küche');
    const asAdmin = await f.client.executeFlexibleSearch('SELECT {pk} FROM {Language}', { user: 'admin', dataSource: 'master' });
    assert.equal(asAdmin.success, true, asAdmin.exception ?? '');
    const unknownUser = await f.client.executeFlexibleSearch('SELECT {pk} FROM {Language}', { user: 'no.such.user' });
    assert.equal(unknownUser.success, false);
    const readOnly = await f.client.executeSql("UPDATE products SET p_ean = 'x'", { dataSource: 'readonly' });
    assert.equal(readOnly.success, false);
    assert.match(readOnly.exception ?? '', /read-only/);
    assert.equal(readOnly.dataSourceId, 'readonly');
  });

  it('reports an SQL error as a failed result', async () => {
    const result = await f.client.executeSql('SELECT nope FROM no_such_table');
    assert.equal(result.success, false);
    assert.match(result.exception ?? '', /no_such_table|no such table/i);
  });
});
