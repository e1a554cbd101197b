/**
 * The embedded SQL database (sql.js, SQLite compiled to WASM) and the schema derived from the type
 * registry: one table per deployment (`products`, `users` …), `…lp` tables for localized values
 * (`ITEMPK`, `LANGPK`, `p_name` … as SAP lays them out), link tables for relations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';
import type { TypeSystem } from './type-system.js';
import { insertTypeSystemRows } from './type-rows.js';

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

/**
 * How many prepared statements stay compiled. The engine's statements come from a few templates (per
 * table and column set), so a small cache holds them all; compiling costs as much as running a
 * lookup by key, which an ImpEx import does several times per line.
 */
const STATEMENT_CACHE_SIZE = 256;

export class SqlDatabase {
  /** Compiled statements by SQL text, least recently used first. */
  readonly #statements = new Map<string, Statement>();

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
    const statement = this.#prepared(sql);
    try {
      statement.bind(params);
      const rows: SqlValue[][] = [];
      while (rows.length < limit && statement.step()) rows.push(statement.get());
      return { columns: statement.getColumnNames(), rows };
    } finally {
      // A statement left mid-way keeps its read open; reset it for the next use.
      statement.reset();
    }
  }

  /** Runs one data-changing statement; returns the number of rows changed. */
  run(sql: string, params: SqlValue[] = []): number {
    const statement = this.#prepared(sql);
    try {
      statement.run(params);
    } finally {
      statement.reset();
    }
    return this.raw.getRowsModified();
  }

  /** The compiled statement for `sql`, from the cache or compiled now (then cached). */
  #prepared(sql: string): Statement {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.raw.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const [oldestSql, oldest] = this.#statements.entries().next().value as [string, Statement];
      this.#statements.delete(oldestSql);
      oldest.free();
    }
    return statement;
  }

  /** Runs a script of several statements (schema creation). */
  exec(sql: string): void {
    this.raw.exec(sql);
  }

  /** Runs `work` inside a savepoint; rolls everything back when it throws or when `keep` is false. */
  savepoint<T>(name: string, keep: (result: T) => boolean, work: () => T): T {
    // Prepared once and cached like any statement: an import opens one savepoint per line.
    this.run(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = work();
    } catch (error) {
      this.#undo(name);
      throw error;
    }
    if (keep(result)) this.run(`RELEASE ${name}`);
    else this.#undo(name);
    return result;
  }

  /**
   * Runs `work` as one transaction that is kept even when `work` throws: for many small units of
   * work that each keep or undo themselves (the lines of an import), one commit instead of one each.
   */
  batch<T>(name: string, work: () => T): T {
    this.run(`SAVEPOINT ${name}`);
    try {
      return work();
    } finally {
      this.run(`RELEASE ${name}`);
    }
  }

  #undo(name: string): void {
    this.run(`ROLLBACK TO ${name}`);
    this.run(`RELEASE ${name}`);
  }

  close(): void {
    // sql.js frees the statements it prepared; the cache only has to forget them.
    this.#statements.clear();
    this.raw.close();
  }
}

/** DDL for every table of the type system, plus the rows describing the types themselves (`type-rows.ts`). */
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
    // Link tables are read from both ends (an item's categories, a category's products), as SAP indexes them.
    if (layout.columns.has('SourcePK') && layout.columns.has('TargetPK')) {
      statements.push(`CREATE INDEX idx_${table}_source ON ${table} (SourcePK, TargetPK)`, `CREATE INDEX idx_${table}_target ON ${table} (TargetPK)`);
    }
  }
  db.exec(statements.join(';\n'));
  insertTypeSystemRows(db, types, createdTS);
}
