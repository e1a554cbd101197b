import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataEngine } from '../src/data/index.js';
import type { Engine } from '../src/data/engine.js';
import { emptyEngine, IMPORT, rows } from './data-helpers.js';

const SETUP = `INSERT_UPDATE Catalog;id[unique=true]
;shop
INSERT_UPDATE CatalogVersion;catalog(id)[unique=true];version[unique=true]
;shop;Staged
INSERT_UPDATE Unit;code[unique=true];unitType
;u1;alpha
;u2;beta
`;
const CV = '$cv=catalogVersion(catalog(id[default=shop]),version[default=Staged])[unique=true]';

function products(from: number, count: number, unitType = 'alpha'): string {
  const lines = [CV, 'INSERT_UPDATE Product;code[unique=true];$cv;unit(unitType)'];
  for (let i = from; i < from + count; i++) lines.push(`;p${i};;${unitType}`);
  return `${lines.join('\n')}\n`;
}

const unitOf = (engine: DataEngine, code: string): string | null | undefined =>
  rows(engine, `SELECT {u.code} FROM {Product AS p LEFT JOIN Unit AS u ON {p.unit} = {u.pk}} WHERE {p.code} = '${code}'`)[0]?.[0];

/** Resolves once `condition` holds, checking between turns of the event loop (never blocks it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('ImpEx at scale', () => {
  let engine: DataEngine;
  before(async () => {
    engine = await emptyEngine();
    assert.ok(engine.importImpex(SETUP, IMPORT).success);
  });
  after(() => engine.close());

  it('looks items up by unique columns through an index, not a table scan', () => {
    assert.ok(engine.importImpex(products(0, 3), IMPORT).success);
    const { db } = engine as Engine;
    const plan = db.query("EXPLAIN QUERY PLAN SELECT i.PK FROM products i WHERE i.TypePkString IN (1) AND i.p_code = 'p1' AND i.p_catalogversion = 2");
    assert.match(plan.rows.map((row) => String(row[3])).join('\n'), /SEARCH i USING INDEX/);
  });

  it('resolves a reference again after the script changed or removed what it pointed to', () => {
    const script = `${products(10, 1)}UPDATE Unit;code[unique=true];unitType
;u1;gamma
;u2;alpha
${products(11, 1)}INSERT_UPDATE Unit;code[unique=true];unitType
;u3;omega
${products(12, 1, 'omega')}REMOVE Unit;code[unique=true]
;u3
${products(13, 1, 'omega')}`;
    const outcome = engine.importImpex(script, IMPORT);
    assert.equal(unitOf(engine, 'p10'), 'u1');
    assert.equal(unitOf(engine, 'p11'), 'u2');
    // u3 is gone: p13 is written without a unit and reported unresolved.
    assert.equal(unitOf(engine, 'p13'), null);
    assert.equal(outcome.success, false);
    assert.match(outcome.details, /p13/);
    assert.doesNotMatch(outcome.details, /p1[0-2]/);
    assert.ok(engine.importImpex('INSERT_UPDATE Unit;code[unique=true];unitType\n;u1;alpha\n;u2;beta\n', IMPORT).success);
  });

  it('the console import pauses between lines: others read its progress and their writes count', async () => {
    const total = 1000;
    const imported = (): number => Number(rows(engine, "SELECT COUNT({pk}) FROM {Product} WHERE {code} LIKE 'q%'")[0]?.[0]);
    const script = products(0, total).replace(/;p(\d+);/g, ';q$1;');
    let settled = false;
    const running = engine.importImpexAsync(script, IMPORT).finally(() => (settled = true));
    await until(() => imported() > 0 || settled);
    assert.equal(settled, false, 'the import ran to its end without a pause');
    const seen = imported();
    assert.ok(seen < total, `${seen} of ${total} lines before the first pause`);
    // Another writer between two pauses: later lines resolve 'alpha' to u2 now, not to a cached u1.
    assert.equal(engine.sql("UPDATE units SET p_unittype = 'gamma' WHERE p_code = 'u1'", { maxCount: 1, commit: true }).error, null);
    assert.equal(engine.sql("UPDATE units SET p_unittype = 'alpha' WHERE p_code = 'u2'", { maxCount: 1, commit: true }).error, null);
    const outcome = await running;
    assert.ok(outcome.success, outcome.details);
    assert.equal(imported(), total);
    assert.equal(unitOf(engine, `q${total - 1}`), 'u2');
    assert.ok(engine.importImpex('INSERT_UPDATE Unit;code[unique=true];unitType\n;u1;alpha\n;u2;beta\n', IMPORT).success);
  });

  it('a console validation changes nothing and loses nothing written while it runs', async () => {
    const script = products(20_000, 1000);
    let settled = false;
    const validating = engine.importImpexAsync(script, { ...IMPORT, validateOnly: true }).finally(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(engine.importImpex('INSERT_UPDATE Currency;isocode[unique=true]\n;XVC\n', IMPORT).success);
    const outcome = await validating;
    assert.ok(outcome.success, outcome.details);
    assert.ok(settled);
    assert.deepEqual(rows(engine, "SELECT COUNT({pk}) FROM {Product} WHERE {code} LIKE 'p2____'"), [['0']]);
    assert.deepEqual(rows(engine, "SELECT {isocode} FROM {Currency} WHERE {isocode} = 'XVC'"), [['XVC']]);
  });

  it('closing the engine stops a running console import, which rejects', async () => {
    const own = await emptyEngine();
    assert.ok(own.importImpex(SETUP, IMPORT).success);
    const running = own.importImpexAsync(products(0, 5000), IMPORT);
    await new Promise((resolve) => setImmediate(resolve));
    own.close();
    await assert.rejects(running, /closed during the ImpEx import/);
  });
});
