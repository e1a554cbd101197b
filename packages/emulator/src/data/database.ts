/**
 * The embedded SQL database (sql.js, SQLite compiled to WASM) and the schema derived from the type
 * registry: one table per deployment (`products`, `users` …), `…lp` tables for localized values
 * (`ITEMPK`, `LANGPK`, `p_name` … as SAP lays them out), link tables for relations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import type { TypeSystem } from './type-system.js';

export type { SqlValue };

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Loads the WASM binary shipped inside the sql.js package (no download), once per process. */
function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'));
    const bytes = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    sqlJs = initSqlJs({ wasmBinary: bytes });
  }
  return sqlJs;
}

export interface ResultSet {
  columns: string[];
  rows: SqlValue[][];
}

export class SqlDatabase {
  private constructor(readonly raw: Database) {}

  /** A new database: empty, or a copy of `image` (from `image()` of another one). */
  static async open(image?: Uint8Array): Promise<SqlDatabase> {
    const SQL = await loadSqlJs();
    return new SqlDatabase(new SQL.Database(image));
  }

  /** The whole database as SQLite file bytes. */
  image(): Uint8Array {
    return this.raw.export();
  }

  /** Runs one statement and returns its rows (at most `limit`). Throws sql.js errors as they are. */
  query(sql: string, params: SqlValue[] = [], limit = Number.POSITIVE_INFINITY): ResultSet {
    const statement = this.raw.prepare(sql);
    try {
      statement.bind(params);
      const rows: SqlValue[][] = [];
      while (rows.length < limit && statement.step()) rows.push(statement.get());
      return { columns: statement.getColumnNames(), rows };
    } finally {
      statement.free();
    }
  }

  /** Runs one data-changing statement; returns the number of rows changed. */
  run(sql: string, params: SqlValue[] = []): number {
    this.raw.run(sql, params);
    return this.raw.getRowsModified();
  }

  /** Runs a script of several statements (schema creation). */
  exec(sql: string): void {
    this.raw.exec(sql);
  }

  /** Runs `work` inside a savepoint; rolls everything back when it throws or when `keep` is false. */
  savepoint<T>(name: string, keep: (result: T) => boolean, work: () => T): T {
    this.raw.exec(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = work();
    } catch (error) {
      this.raw.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
    if (keep(result)) this.raw.exec(`RELEASE ${name}`);
    else this.raw.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
    return result;
  }

  close(): void {
    this.raw.close();
  }
}

/** DDL for every table of the type system, plus the rows describing the types themselves. */
export function createSchema(db: SqlDatabase, types: TypeSystem, createdTS: string): void {
  const statements: string[] = [];
  for (const [table, layout] of types.tableLayouts()) {
    const columns = [...layout.columns].map(([name, sqlType]) => `${name} ${sqlType}`);
    statements.push(`CREATE TABLE ${table} (${columns.join(', ')})`);
    if (layout.lpTable) {
      const lpColumns = [...layout.lpColumns].map((c) => `${c} TEXT`);
      statements.push(
        `CREATE TABLE ${layout.lpTable} (ITEMPK INTEGER NOT NULL, ITEMTYPEPK INTEGER, LANGPK INTEGER NOT NULL, ${lpColumns.join(', ')}, PRIMARY KEY (ITEMPK, LANGPK))`,
      );
    }
  }
  db.exec(statements.join(';\n'));
  const composedType = types.find('ComposedType');
  if (!composedType) throw new Error('type model lacks ComposedType');
  for (const type of types.types) {
    db.run(
      'INSERT INTO composedtypes (PK, createdTS, modifiedTS, TypePkString, InternalCode, ItemTypeCode, SuperTypePK, TableName) VALUES (?,?,?,?,?,?,?,?)',
      [type.pk, createdTS, createdTS, composedType.pk, type.name, type.typeCode, type.supertype?.pk ?? null, type.table],
    );
  }
}
