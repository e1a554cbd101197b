import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataEngine } from '../src/data/index.js';
import { rows, sampleEngine } from './data-helpers.js';

describe('raw SQL', () => {
  let engine: DataEngine;
  before(async () => {
    engine = await sampleEngine();
  });
  after(() => engine.close());

  it('returns column names as headers and raw values', () => {
    const outcome = engine.sql("SELECT p_code, p_ean FROM products WHERE p_code = 'JP-001'", { maxCount: 10, commit: false });
    assert.equal(outcome.error, null);
    assert.deepEqual(outcome.headers, ['p_code', 'p_ean']);
    assert.deepEqual(outcome.rows, [['JP-001', '4901234567894']]);
    assert.equal(outcome.translatedSql, "SELECT p_code, p_ean FROM products WHERE p_code = 'JP-001'");
  });

  it('gives back the memory of every statement: the database heap (external memory) does not grow per query', () => {
    const statement = `SELECT 1 WHERE '${'x'.repeat(20_000)}' <> ''`;
    engine.sql(statement, { maxCount: 1, commit: false });
    const before = process.memoryUsage().external;
    // 2000 statements of 20 kB: a copy of each left in the WASM heap (which never shrinks) grew it by 40 MB.
    for (let i = 0; i < 2000; i++) assert.equal(engine.sql(statement, { maxCount: 1, commit: false }).error, null);
    const grown = process.memoryUsage().external - before;
    assert.ok(grown < 10 * 2 ** 20, `external memory grew by ${(grown / 2 ** 20).toFixed(1)} MiB`);
  });

  it('reads the localized tables SAP-style', () => {
    const outcome = engine.sql(
      "SELECT lp.p_name FROM productslp lp JOIN products p ON p.PK = lp.ITEMPK JOIN languages l ON l.PK = lp.LANGPK WHERE p.p_code = 'JP-001' AND l.p_isocode = 'en'",
      { maxCount: 10, commit: false },
    );
    assert.deepEqual(outcome.rows, [['電気ケトル']]);
  });

  it('keeps column labels as written', () => {
    assert.deepEqual(engine.sql('SELECT PK, p_code AS Code FROM products LIMIT 1', { maxCount: 3, commit: false }).headers, ['PK', 'Code']);
  });

  it('caps rows at maxCount as HAC does: -1 means no limit, 0 means no rows', () => {
    const total = Number(engine.sql('SELECT COUNT(*) FROM products', { maxCount: 1, commit: false }).rows[0]?.[0]);
    assert.equal(engine.sql('SELECT PK FROM products', { maxCount: 3, commit: false }).rows.length, 3);
    assert.equal(engine.sql('SELECT PK FROM products', { maxCount: -1, commit: false }).rows.length, total);
    assert.equal(engine.sql('SELECT PK FROM products', { maxCount: 0, commit: false }).rows.length, 0);
  });

  it('answers DML with the affected row count and refuses other statements', () => {
    const update = engine.sql("UPDATE products SET p_manufacturername = 'ACME' WHERE p_code LIKE 'CAF%'", { maxCount: 10, commit: false });
    assert.equal(update.error, null);
    assert.deepEqual(update.headers, ['Result']);
    assert.deepEqual(update.rows, [['3 row(s) affected.']]);
    const ddl = engine.sql('DROP TABLE products', { maxCount: 10, commit: true });
    assert.equal(ddl.error?.className, 'java.lang.IllegalArgumentException');
    assert.equal(ddl.error?.message, 'Provided query: DROP TABLE products is not valid DQL or DML language');
    assert.ok(Number(engine.sql('SELECT COUNT(*) FROM products', { maxCount: 1, commit: false }).rows[0]?.[0]) > 0);
  });

  it('rolls changes back when commit is false', () => {
    const outcome = engine.sql("UPDATE products SET p_ean = 'changed' WHERE p_code = 'JP-001'", { maxCount: 10, commit: false });
    assert.equal(outcome.error, null);
    assert.deepEqual(rows(engine, "SELECT {ean} FROM {Product} WHERE {code}='JP-001'"), [['4901234567894']]);
  });

  it('keeps changes when commit is true, visible to FlexibleSearch', () => {
    engine.sql("UPDATE products SET p_ean = 'committed' WHERE p_code = 'DE-001'", { maxCount: 10, commit: true });
    assert.deepEqual(rows(engine, "SELECT {ean} FROM {Product} WHERE {code}='DE-001'"), [['committed']]);
  });

  it('reports syntax errors and unknown tables as SQLSyntaxErrorException', () => {
    const syntax = engine.sql('SELECT * FORM products', { maxCount: 10, commit: false });
    assert.equal(syntax.error?.className, 'java.sql.SQLSyntaxErrorException');
    assert.match(syntax.error?.message ?? '', /syntax error/);
    const table = engine.sql('SELECT * FROM nothere', { maxCount: 10, commit: false });
    assert.equal(table.error?.className, 'java.sql.SQLSyntaxErrorException');
    assert.match(table.error?.message ?? '', /no such table: nothere/);
    assert.deepEqual(table.rows, []);
  });

  it('accepts one trailing semicolon but not a second statement', () => {
    assert.equal(engine.sql('SELECT 1;', { maxCount: 10, commit: false }).error, null);
    const two = engine.sql("SELECT 1; DELETE FROM products", { maxCount: 10, commit: true });
    assert.equal(two.error?.className, 'java.sql.SQLSyntaxErrorException');
    assert.ok(engine.sql('SELECT COUNT(*) FROM products', { maxCount: 1, commit: false }).rows[0]?.[0] !== '0');
  });

  it('a failing statement with commit leaves earlier data intact', () => {
    const before = engine.sql('SELECT COUNT(*) FROM users', { maxCount: 1, commit: false }).rows;
    const failed = engine.sql('INSERT INTO users (PK, nonsense) VALUES (1, 2)', { maxCount: 1, commit: true });
    assert.equal(failed.error?.className, 'java.sql.SQLSyntaxErrorException');
    assert.deepEqual(engine.sql('SELECT COUNT(*) FROM users', { maxCount: 1, commit: false }).rows, before);
  });
});
