import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Engine } from '../src/data/engine.js';
import { createDataEngine, type DataEngine } from '../src/data/index.js';
import { decodePk } from '../src/data/pk.js';
import { fs, rows, sampleEngine } from './data-helpers.js';

/** The query a keyset-paging client sends: the user's query as a subquery, rows after the last PK seen. */
const page = (afterPk: string): string =>
  `SELECT x.pk, x.code FROM ({{ SELECT {pk} AS pk, {code} AS code FROM {Product} WHERE {code} LIKE 'GEN-%' }}) x WHERE x.pk > ${afterPk} ORDER BY x.pk`;

describe('FlexibleSearch subqueries and paging', () => {
  let engine: DataEngine;
  before(async () => {
    engine = await sampleEngine();
    engine.generate('Product', 1200);
  });
  after(() => engine.close());

  it('pages through a {{ subquery }} by PK: every row once, in PK order', () => {
    const seen: string[] = [];
    let last = '0';
    for (;;) {
      const outcome = fs(engine, page(last), { maxCount: 500 });
      assert.equal(outcome.error, null, outcome.error?.message);
      assert.deepEqual(outcome.headers, ['pk', 'code']);
      if (outcome.rows.length === 0) break;
      seen.push(...outcome.rows.map((row) => row[1] ?? ''));
      last = outcome.rows.at(-1)?.[0] ?? '';
    }
    assert.equal(seen.length, 1200);
    assert.equal(new Set(seen).size, 1200);
    assert.deepEqual(seen.slice(0, 2), ['GEN-0000001', 'GEN-0000002']);
  });

  it('a page reads the PK index from where the last one ended, and stops at maxCount', () => {
    const sql = fs(engine, page('0'), { maxCount: 1 }).translatedSql;
    const plan = (engine as Engine).db.query(`EXPLAIN QUERY PLAN ${sql}`).rows.map((row) => String(row[3])).join('\n');
    assert.match(plan, /SEARCH item_t0 USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    assert.doesNotMatch(plan, /TEMP B-TREE/);
    // Rows SQLite produced for a page of 10 out of 1200: the page and one more, not the table.
    let visited = 0;
    (engine as Engine).db.raw.create_function('visit', () => ++visited);
    const outcome = fs(engine, "SELECT {pk}, visit() FROM {Product} WHERE {code} LIKE 'GEN-%' ORDER BY {pk}", { maxCount: 10 });
    assert.equal(outcome.rows.length, 10);
    assert.equal(visited, 11);
  });

  it('the page statements hac-client sends read the PK index from the last PK on: a page of 10 visits 11 rows', () => {
    // The form of pageStatement in packages/client/src/consoles/paged-query.ts (its test pins the text).
    const clientPage = (inner: string, afterPk: string): string =>
      `SELECT hac_page.* FROM ({{ ${inner}\n}}) hac_page WHERE hac_page.hac_page_pk > ${afterPk} ORDER BY hac_page.hac_page_pk`;
    const pks = rows(engine, "SELECT {pk} FROM {Product} WHERE {code} LIKE 'GEN-%' ORDER BY {pk}", { maxCount: -1 });
    const middle = pks[600]?.[0] ?? '';
    const db = (engine as Engine).db;
    const outcome = fs(engine, clientPage("SELECT {code}, {name[en]}, {pk} AS hac_page_pk FROM {Product} WHERE {code} LIKE 'GEN-%'", middle), { maxCount: 10 });
    assert.equal(outcome.error, null, outcome.error?.message);
    assert.deepEqual(outcome.rows.map((row) => row[2]), pks.slice(601, 611).map((row) => row[0]));
    const plan = db.query(`EXPLAIN QUERY PLAN ${outcome.translatedSql}`).rows.map((row) => String(row[3])).join('\n');
    assert.match(plan, /SEARCH item_t0 USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    assert.doesNotMatch(plan, /TEMP B-TREE|SCAN item_t0/);
    let visited = 0;
    db.raw.create_function('visit_page', () => ++visited);
    const counted = fs(engine, clientPage("SELECT {code}, visit_page() AS v, {pk} AS hac_page_pk FROM {Product} WHERE {code} LIKE 'GEN-%'", middle), { maxCount: 10 });
    assert.equal(counted.rows.length, 10);
    assert.equal(visited, 11);
  });

  it('translates {{ }} in FROM, in IN (…) and each SELECT of a top-level UNION with its own types', () => {
    assert.deepEqual(
      rows(engine, "SELECT DISTINCT x.code FROM ({{ SELECT {code} AS code FROM {Product} WHERE {code} IN ({{ SELECT {code} FROM {Product} WHERE {code} LIKE 'CAF-%' }}) }}) x ORDER BY x.code"),
      [['CAF-001'], ['CAF-002']],
    );
    const union = fs(engine, "SELECT {code} FROM {Product} WHERE {code} = 'CAF-001' UNION SELECT {isocode} FROM {Currency} WHERE {isocode} = 'EUR' ORDER BY 1", {});
    assert.equal(union.error, null, union.error?.message);
    assert.deepEqual(union.rows, [['CAF-001'], ['EUR']]);
    assert.match(union.translatedSql, /FROM products item_t0 WHERE .*item_t0\.TypePkString=\d+\) UNION SELECT item_t1\.p_isocode FROM currencies item_t1 WHERE .*item_t1\.TypePkString=/);
    assert.deepEqual(
      rows(engine, "SELECT {code} FROM {Product} WHERE {code} LIKE 'CAF-%' UNION ALL SELECT {code} FROM {Unit} WHERE {code} = 'kg' EXCEPT SELECT {code} FROM {Product} WHERE {code} = 'CAF-002'"),
      [['CAF-001'], ['kg']],
    );
  });
});

describe('generated items', () => {
  it('are products and orders like imported ones, with PKs in the scheme before the data set, new codes on each run', async () => {
    const engine = await createDataEngine('empty');
    try {
      const oldest = rows(engine, 'SELECT MIN({pk}) FROM {Product}')[0]?.[0];
      assert.equal(oldest, null);
      engine.generate('Product', 600);
      engine.generate('Product', 5);
      engine.generate('Order', 7);
      const products = rows(engine, "SELECT {p.pk}, {p.code}, {p.name[en]}, {p.creationtime}, {u.code}, {s.code}, {c.id} FROM {Product AS p JOIN Unit AS u ON {p.unit} = {u.pk} JOIN EnumerationValue AS s ON {p.approvalStatus} = {s.pk} JOIN CatalogVersion AS cv ON {p.catalogVersion} = {cv.pk} JOIN Catalog AS c ON {cv.catalog} = {c.pk}} ORDER BY {p.code}", { maxCount: -1 });
      assert.equal(products.length, 605);
      assert.deepEqual(products[0]?.slice(1), ['GEN-0000001', 'Generated product 0000001', products[0]?.[3] ?? '', 'pieces', 'approved', 'generatedProductCatalog']);
      assert.equal(products.at(-1)?.[1], 'GEN-0000605');
      assert.equal(new Set(products.map((p) => p[0])).size, 605);
      for (const [pk, , , created] of [0, 599, 600].map((index) => products[index] ?? [])) {
        const decoded = decodePk(pk ?? '');
        assert.equal(decoded?.typeCode, 1);
        // The PK's minute is the minute of the creation time.
        assert.equal(decoded?.createdAt.toISOString().slice(0, 16), `${(created ?? '').slice(0, 16).replace(' ', 'T')}`);
        assert.equal(engine.lookupPk(pk ?? '')?.typeName, 'Product');
      }
      const orders = rows(engine, 'SELECT {o.code}, {u.uid}, {c.isocode}, {s.code}, {o.date} FROM {Order AS o JOIN User AS u ON {o.user} = {u.pk} JOIN Currency AS c ON {o.currency} = {c.pk} JOIN EnumerationValue AS s ON {o.status} = {s.pk}} ORDER BY {o.code}');
      assert.equal(orders.length, 7);
      assert.deepEqual(orders[0]?.slice(0, 4), ['GEN-0000001', 'anonymous', 'EUR', 'CREATED']);
      // The unique key works as on imported items: an ImpEx update finds a generated product.
      const update = engine.importImpex('UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];ean\n;GEN-0000002;generatedProductCatalog:Staged;4006381333931\n', {
        validationMode: 'IMPORT_STRICT', validateOnly: false, enableCodeExecution: false, legacyMode: false, maxThreads: 1,
      });
      assert.ok(update.success, update.details);
      assert.deepEqual(rows(engine, "SELECT {ean} FROM {Product} WHERE {code} = 'GEN-0000002'"), [['4006381333931']]);
    } finally {
      engine.close();
    }
  });
});
