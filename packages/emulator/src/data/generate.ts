/**
 * Synthetic items for benchmarks (`--generate Product=1000000`). SQLite writes the rows itself, one
 * `INSERT … SELECT` over a counter per table inside one transaction, so a million products take
 * seconds where item-by-item inserts would take minutes.
 *
 * The items look like imported ones: `Product` `GEN-0000001`… in the first catalog version (a
 * `generatedProductCatalog:Staged` is created in an empty system), unit `pieces`, approved, an English
 * name; `Order` `GEN-0000001`… of the customers in turn, in EUR, with a status and a total. Their PKs
 * follow the PK scheme in the minutes just before the oldest item of the table (512 per minute), so
 * they never collide with existing or later PKs, and `createdTS` matches the minute the PK encodes:
 * a million products span about 33 hours before the data set's items.
 */
import type { SqlValue } from './database.js';
import type { Engine } from './engine.js';
import { formatTimestamp } from './item-store.js';
import { encodePk, minuteOf, minuteStart, pkMinute, PKS_PER_MINUTE } from './pk.js';
import type { ComposedType } from './type-system.js';

export const GENERATED_TYPES = ['Product', 'Order'] as const;
export type GeneratedType = (typeof GENERATED_TYPES)[number];

/** A column of the generated rows: an SQL expression over the counter `i` (0-based) and its parameters. */
interface Column {
  name: string;
  sql: string;
  params?: SqlValue[];
}

export function generateItems(engine: Engine, typeName: GeneratedType, count: number): void {
  const type = engine.types.find(typeName);
  if (!type?.table) throw new Error(`cannot generate items of type ${typeName}`);
  engine.db.savepoint('generate', () => true, () => {
    const number = `printf('GEN-%07d', ${nextNumber(engine, type.table ?? '')} + i)`;
    if (typeName === 'Product') generateProducts(engine, type, count, number);
    else generateOrders(engine, type, count, number);
  });
}

function generateProducts(engine: Engine, type: ComposedType, count: number, code: string): void {
  const catalogVersion = firstPk(engine, 'SELECT PK FROM catalogversions ORDER BY PK') ?? createCatalogVersion(engine);
  const first = insertRows(engine, type, count, [
    { name: 'p_code', sql: code },
    { name: 'p_catalogversion', sql: '?', params: [catalogVersion] },
    { name: 'p_unit', sql: '?', params: [firstPk(engine, "SELECT PK FROM units WHERE p_code = 'pieces'")] },
    { name: 'p_approvalstatus', sql: '?', params: [enumPk(engine, 'ArticleApprovalStatus', 'approved')] },
  ]);
  engine.db.run(
    `INSERT INTO ${type.lpTable} (ITEMPK, ITEMTYPEPK, LANGPK, p_name) SELECT PK, TypePkString, ?, 'Generated product ' || substr(p_code, 5) FROM ${type.table} WHERE PK >= ? AND PK < ?`,
    [engine.languagePk('en') ?? null, first.from, first.to],
  );
}

function generateOrders(engine: Engine, type: ComposedType, count: number, code: string): void {
  const customer = engine.types.find('Customer');
  const customers = engine.db.query('SELECT PK FROM users WHERE TypePkString = ? ORDER BY PK', [customer?.pk ?? null]).rows.map((row) => row[0] ?? null);
  const statuses = ['CREATED', 'CHECKED_VALID', 'PAYMENT_CAPTURED', 'COMPLETED'].map((code) => enumPk(engine, 'OrderStatus', code));
  const currency = firstPk(engine, "SELECT PK FROM currencies ORDER BY p_isocode = 'EUR' DESC, PK");
  if (customers.length === 0 || currency === null) throw new Error('cannot generate orders: the data has no customer or no currency');
  insertRows(engine, type, count, [
    { name: 'p_code', sql: code },
    // Customers and statuses in turn: the n-th element of a JSON array of their PKs.
    { name: 'p_user', sql: `json_extract(?, '$[' || (i % ${customers.length}) || ']')`, params: [JSON.stringify(customers)] },
    { name: 'p_currency', sql: '?', params: [currency] },
    { name: 'p_date', sql: 'ts' },
    { name: 'p_totalprice', sql: '(i * 7919 % 100000) / 100.0 + 1' },
    { name: 'p_status', sql: `json_extract(?, '$[' || (i % ${statuses.length}) || ']')`, params: [JSON.stringify(statuses)] },
  ]);
}

/**
 * Inserts `count` rows of `type` with PKs in the minutes before the table's oldest item (and before
 * now); returns the PK range written, `[from, to)`.
 */
function insertRows(engine: Engine, type: ComposedType, count: number, columns: Column[]): { from: number; to: number } {
  const table = type.table ?? '';
  const oldest = firstPk(engine, `SELECT MIN(PK) FROM ${table}`);
  const end = Math.min(oldest === null ? Number.POSITIVE_INFINITY : pkMinute(oldest), minuteOf(Date.now()));
  const minutes = Math.ceil(count / PKS_PER_MINUTE);
  const start = end - minutes;
  if (start < 0) throw new RangeError(`cannot generate ${count} items of ${type.name}: the PK scheme has no room before the existing ones`);
  // The timestamp of each minute, looked up by number: formatting a date per row costs SQLite more than the row.
  engine.db.exec('CREATE TEMP TABLE generated_minutes (minute INTEGER PRIMARY KEY, prefix TEXT)');
  try {
    const prefixes = Array.from({ length: minutes }, (_, m) => formatTimestamp(minuteStart(start + m)).slice(0, 17));
    engine.db.run('INSERT INTO generated_minutes (minute, prefix) SELECT key, value FROM json_each(?)', [JSON.stringify(prefixes)]);
    const from = encodePk(start, type.typeCode, 0);
    const names = ['PK', 'createdTS', 'modifiedTS', 'TypePkString', ...columns.map((c) => c.name)];
    // Building an index over the finished table costs a fraction of updating it row by row.
    const indexes = engine.db.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table]).rows;
    for (const [name] of indexes) engine.db.exec(`DROP INDEX ${String(name)}`);
    // Item i: the (i % 512)-th PK of minute i / 512, created (i % 512) tenths of a second into it.
    engine.db.run(
      `WITH RECURSIVE counter(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM counter WHERE i < ?),
       generated AS (SELECT i, m.prefix || printf('%06.3f', (i % ${PKS_PER_MINUTE}) / 10.0) AS ts FROM counter JOIN generated_minutes m ON m.minute = i / ${PKS_PER_MINUTE})
       INSERT INTO ${table} (${names.join(', ')})
       SELECT ? + (i / ${PKS_PER_MINUTE}) * ${2 ** 19} + i % ${PKS_PER_MINUTE}, ts, ts, ?, ${columns.map((c) => c.sql).join(', ')} FROM generated`,
      [count - 1, from, type.pk, ...columns.flatMap((c) => c.params ?? [])],
    );
    for (const [, sql] of indexes) engine.db.exec(String(sql));
    return { from, to: encodePk(end, type.typeCode, 0) };
  } finally {
    engine.db.exec('DROP TABLE temp.generated_minutes');
  }
}

/** The number after the highest `GEN-n` code of the table (1 when there is none), so a second run adds new codes. */
function nextNumber(engine: Engine, table: string): number {
  const highest = firstPk(engine, `SELECT MAX(CAST(substr(p_code, 5) AS INTEGER)) FROM ${table} WHERE p_code GLOB 'GEN-[0-9]*'`);
  return (highest ?? 0) + 1;
}

function firstPk(engine: Engine, sql: string): number | null {
  const value = engine.db.query(sql, [], 1).rows[0]?.[0];
  return value === undefined || value === null ? null : Number(value);
}

function enumPk(engine: Engine, enumName: string, code: string): number | null {
  const type = engine.types.find(enumName);
  const codeAttribute = type?.attributes.get('code');
  if (!type || !codeAttribute) return null;
  return engine.store.find(type, [{ attribute: codeAttribute, value: code }], true)[0]?.pk ?? null;
}

function createCatalogVersion(engine: Engine): number {
  const outcome = engine.importImpex(
    'INSERT_UPDATE Catalog;id[unique=true]\n;generatedProductCatalog\nINSERT_UPDATE CatalogVersion;catalog(id)[unique=true];version[unique=true]\n;generatedProductCatalog;Staged\n',
    { validationMode: 'IMPORT_STRICT', validateOnly: false, enableCodeExecution: false, legacyMode: false, maxThreads: 1 },
  );
  const pk = firstPk(engine, 'SELECT PK FROM catalogversions ORDER BY PK');
  if (!outcome.success || pk === null) throw new Error(`cannot create a catalog version for generated products: ${outcome.errorMessage ?? ''}`);
  return pk;
}
