/**
 * Item persistence on top of the SQL tables: create, update, remove and find items by attribute
 * values. Used by the ImpEx importer and the schema's essential data; FlexibleSearch reads the
 * tables directly.
 */
import type { SqlDatabase, SqlValue } from './database.js';
import { decodePk, type PkGenerator } from './pk.js';
import type { AttributeDef, ComposedType, TypeSystem } from './type-system.js';

export type Scalar = string | number | null;

export interface RelationChange {
  pks: number[];
  mode: 'replace' | 'append' | 'remove';
}

export interface ItemChanges {
  values: Map<AttributeDef, Scalar>;
  /** Localized values per attribute and language PK. */
  localized: Map<AttributeDef, Map<number, Scalar>>;
  relations: Map<AttributeDef, RelationChange>;
}

export function emptyChanges(): ItemChanges {
  return { values: new Map(), localized: new Map(), relations: new Map() };
}

/** `2024-05-01 10:00:00.000`: how timestamps are stored and shown (JDBC-like). */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export class ItemStore {
  /** Names of the lookup indexes known to exist (see `#ensureIndexes`). */
  readonly #indexes = new Set<string>();

  constructor(
    readonly db: SqlDatabase,
    readonly types: TypeSystem,
    private readonly pks: PkGenerator,
  ) {}

  create(type: ComposedType, changes: ItemChanges): number {
    if (!type.table || type.abstract) throw new Error(`cannot create item of abstract type ${type.name}`);
    const time = Date.now();
    const pk = this.pks.next(type.typeCode, time);
    const ts = formatTimestamp(new Date(time));
    const columns = ['PK', 'createdTS', 'modifiedTS', 'TypePkString'];
    const values: SqlValue[] = [pk, ts, ts, type.pk];
    for (const [attribute, value] of changes.values) {
      if (['PK', 'createdTS', 'modifiedTS', 'TypePkString'].includes(attribute.column)) continue;
      columns.push(attribute.column);
      values.push(value);
    }
    this.db.run(`INSERT INTO ${type.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values);
    this.writeLocalized(pk, type, changes.localized);
    this.writeRelations(pk, changes.relations, ts);
    return pk;
  }

  update(pk: number, type: ComposedType, changes: ItemChanges): void {
    if (!type.table) throw new Error(`cannot update item of abstract type ${type.name}`);
    const ts = formatTimestamp(new Date(Date.now()));
    const sets = ['modifiedTS = ?'];
    const values: SqlValue[] = [ts];
    for (const [attribute, value] of changes.values) {
      if (attribute.kind === 'pk') continue;
      sets.push(`${attribute.column} = ?`);
      values.push(value);
    }
    this.db.run(`UPDATE ${type.table} SET ${sets.join(', ')} WHERE PK = ?`, [...values, pk]);
    this.writeLocalized(pk, type, changes.localized);
    this.writeRelations(pk, changes.relations, ts);
  }

  remove(pk: number, type: ComposedType): void {
    if (!type.table) return;
    this.db.run(`DELETE FROM ${type.table} WHERE PK = ?`, [pk]);
    if (type.lpTable) this.db.run(`DELETE FROM ${type.lpTable} WHERE ITEMPK = ?`, [pk]);
    for (const attribute of type.attributes.values()) {
      if (attribute.relation) this.db.run(`DELETE FROM ${attribute.relation.table} WHERE ${attribute.relation.selfColumn} = ?`, [pk]);
    }
  }

  /**
   * Items of `type` (and its subtypes unless `exact`) whose attributes equal the given values
   * (null matches NULL). Localized conditions compare the value in the given language.
   */
  find(type: ComposedType, conditions: { attribute: AttributeDef; value: Scalar; languagePk?: number }[], exact = false): { pk: number; type: ComposedType }[] {
    const family = this.types.family(type, exact);
    const found: { pk: number; type: ComposedType }[] = [];
    const tables = new Set(family.map((t) => t.table).filter((t): t is string => t !== null));
    for (const table of tables) {
      const typePks = family.filter((t) => t.table === table).map((t) => t.pk);
      const where = [`i.TypePkString IN (${typePks.join(', ')})`];
      const params: SqlValue[] = [];
      let joins = '';
      conditions.forEach(({ attribute, value, languagePk }, index) => {
        let column = `i.${attribute.column}`;
        if (attribute.localized) {
          const lp = `lp${index}`;
          joins += ` LEFT JOIN ${table}lp ${lp} ON ${lp}.ITEMPK = i.PK AND ${lp}.LANGPK = ${Number(languagePk ?? 0)}`;
          column = `${lp}.${attribute.column}`;
        }
        if (value === null) where.push(`${column} IS NULL`);
        else {
          where.push(`${column} = ?`);
          params.push(value);
        }
      });
      this.#ensureIndexes(table, conditions);
      const result = this.db.query(`SELECT i.PK, i.TypePkString FROM ${table} i${joins} WHERE ${where.join(' AND ')}`, params);
      for (const [pk, typePk] of result.rows) {
        const itemType = this.types.byPk(Number(typePk));
        if (itemType) found.push({ pk: Number(pk), type: itemType });
      }
    }
    return found;
  }

  /**
   * Indexes on the columns items are looked up by (an ImpEx header's unique columns, reference
   * patterns such as `catalog(id),version`), created on first use: without them every lookup scans
   * the table and an import of n lines costs n² (40k lines took 395 s). SQLite keeps the indexes
   * right through every insert, update and delete, whoever makes it.
   */
  #ensureIndexes(table: string, conditions: readonly { attribute: AttributeDef }[]): void {
    const columns = [...new Set(conditions.filter((c) => !c.attribute.localized).map((c) => c.attribute.column))];
    const localized = [...new Set(conditions.filter((c) => c.attribute.localized).map((c) => c.attribute.column))];
    if (columns.length > 0) this.#ensureIndex(table, columns);
    // A localized key is found through its lp row: value and language lead to the item.
    for (const column of localized) this.#ensureIndex(`${table}lp`, [column, 'LANGPK']);
  }

  /** Forgets the lookup indexes: the tables were dropped with them (`Engine.dropAllTables`). */
  forgetIndexes(): void {
    this.#indexes.clear();
  }

  #ensureIndex(table: string, columns: string[]): void {
    const name = `idx_${table}_${columns.join('_')}`.toLowerCase();
    if (this.#indexes.has(name)) return;
    this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${columns.join(', ')})`);
    this.#indexes.add(name);
  }

  /**
   * The composed type of an existing item, or undefined when no item has this PK. Without a hint the
   * table the PK's type code names is asked first (one query instead of one per table: an export of
   * 130k items took a minute), then the others (a PK given in an ImpEx file may encode anything).
   */
  typeOf(pk: number, tableHint?: string): { type: ComposedType; createdTS: string } | undefined {
    const decoded = tableHint ? undefined : decodePk(pk);
    const likely = tableHint ?? (decoded ? this.types.byTypeCode(decoded.typeCode)?.table : undefined);
    const tables = tableHint ? [tableHint] : [...new Set([likely, ...this.types.types.map((t) => t.table)].filter((t): t is string => typeof t === 'string'))];
    for (const table of tables) {
      const row = this.db.query(`SELECT TypePkString, createdTS FROM ${table} WHERE PK = ?`, [pk]).rows[0];
      const type = row ? this.types.byPk(Number(row[0])) : undefined;
      if (row && type) return { type, createdTS: String(row[1]) };
    }
    return undefined;
  }

  /** Reads one attribute of an item: a localized one in `languagePk`, a relation as comma-separated PKs. */
  read(pk: number, type: ComposedType, attribute: AttributeDef, languagePk?: number): SqlValue {
    if (!type.table) return null;
    if (attribute.localized) {
      const row = this.db.query(`SELECT ${attribute.column} FROM ${type.lpTable} WHERE ITEMPK = ? AND LANGPK = ?`, [pk, languagePk ?? 0]).rows[0];
      return row?.[0] ?? null;
    }
    if (attribute.relation) {
      const { table, selfColumn, otherColumn } = attribute.relation;
      const rows = this.db.query(`SELECT ${otherColumn} FROM ${table} WHERE ${selfColumn} = ? ORDER BY SequenceNumber, PK`, [pk]).rows;
      return rows.map((r) => String(r[0])).join(',');
    }
    return this.db.query(`SELECT ${attribute.column} FROM ${type.table} WHERE PK = ?`, [pk]).rows[0]?.[0] ?? null;
  }

  private writeLocalized(pk: number, type: ComposedType, localized: ItemChanges['localized']): void {
    for (const [attribute, perLanguage] of localized) {
      for (const [languagePk, value] of perLanguage) {
        this.db.run(
          `INSERT INTO ${type.lpTable} (ITEMPK, ITEMTYPEPK, LANGPK, ${attribute.column}) VALUES (?, ?, ?, ?) ON CONFLICT (ITEMPK, LANGPK) DO UPDATE SET ${attribute.column} = excluded.${attribute.column}`,
          [pk, type.pk, languagePk, value],
        );
      }
    }
  }

  private writeRelations(pk: number, relations: ItemChanges['relations'], ts: string): void {
    for (const [attribute, change] of relations) {
      const relation = attribute.relation;
      const relationType = relation ? this.types.find(relation.relationType) : undefined;
      if (!relation || !relationType) continue;
      const { table, selfColumn, otherColumn } = relation;
      if (change.mode === 'replace') this.db.run(`DELETE FROM ${table} WHERE ${selfColumn} = ?`, [pk]);
      for (const [index, other] of change.pks.entries()) {
        if (change.mode === 'remove') {
          this.db.run(`DELETE FROM ${table} WHERE ${selfColumn} = ? AND ${otherColumn} = ?`, [pk, other]);
          continue;
        }
        const exists = this.db.query(`SELECT 1 FROM ${table} WHERE ${selfColumn} = ? AND ${otherColumn} = ?`, [pk, other]).rows.length > 0;
        if (exists) continue;
        const linkPk = this.pks.next(relationType.typeCode);
        this.db.run(
          `INSERT INTO ${table} (PK, createdTS, modifiedTS, TypePkString, ${selfColumn}, ${otherColumn}, SequenceNumber) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [linkPk, ts, ts, relationType.pk, pk, other, index],
        );
      }
    }
  }
}
