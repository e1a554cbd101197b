/**
 * The composed-types registry: type names (case-insensitive, as FlexibleSearch and ImpEx treat them)
 * → tables, attributes (qualifier → column), localized attributes, references, relations and subtypes.
 */
import { encodePk } from './pk.js';
import { TYPE_DECLARATIONS, type TypeDeclaration } from './type-model.js';

export type AttributeKind = 'pk' | 'string' | 'int' | 'double' | 'boolean' | 'date' | 'ref' | 'enum' | 'relation';

export interface RelationEnd {
  relationType: string;
  /** Link table (`cat2prodrel` …). */
  table: string;
  /** Column of the link table holding this item's PK (`SourcePK` or `TargetPK`). */
  selfColumn: string;
  otherColumn: string;
}

export interface AttributeDef {
  qualifier: string;
  kind: AttributeKind;
  /** Column in the type's table, or in its `…lp` table when localized; '' for relations. */
  column: string;
  localized: boolean;
  mandatory: boolean;
  /** Part of the type's unique key (SAP's `unique="true"`). */
  unique: boolean;
  /** Referenced type for ref/enum/relation attributes. */
  targetType: string | null;
  relation: RelationEnd | null;
  declaringType: string;
}

export interface ComposedType {
  name: string;
  /** Deployment type code (shared by subtypes in the same table). */
  typeCode: number;
  table: string | null;
  lpTable: string | null;
  supertype: ComposedType | null;
  abstract: boolean;
  /** PK of the type itself (its `composedtypes` row, the value of `TypePkString`). */
  pk: number;
  /** All attributes including inherited ones, keyed by lower-case qualifier. */
  attributes: Map<string, AttributeDef>;
  subtypes: ComposedType[];
}

const SQL_TYPES: Record<AttributeKind, string> = {
  pk: 'INTEGER PRIMARY KEY',
  string: 'TEXT',
  int: 'INTEGER',
  double: 'REAL',
  boolean: 'INTEGER',
  date: 'TEXT',
  ref: 'INTEGER',
  enum: 'INTEGER',
  relation: '',
};

export function sqlTypeOf(kind: AttributeKind): string {
  return SQL_TYPES[kind];
}

function parseAttribute(spec: string, declaringType: string, tables: Map<string, string>): AttributeDef {
  const match = /^(\w+):(\w+)(?:\(([^)]*)\))?(!)?(\*)?(@)?(?:=(\w+))?$/.exec(spec);
  if (!match) throw new Error(`bad attribute spec ${spec}`);
  const [, qualifier = '', kindText = '', args = '', mandatory, unique, localized, column] = match;
  const kind = kindText === 'rel' ? 'relation' : (kindText as AttributeKind);
  const parts = args.split(',').map((p) => p.trim());
  let relation: RelationEnd | null = null;
  let targetType: string | null = kind === 'ref' || kind === 'enum' ? (parts[0] ?? null) : null;
  if (kind === 'relation') {
    const [relationType = '', selfColumn = '', other = ''] = parts;
    relation = {
      relationType,
      table: tables.get(relationType) ?? '',
      selfColumn,
      otherColumn: selfColumn === 'SourcePK' ? 'TargetPK' : 'SourcePK',
    };
    targetType = other;
  }
  return {
    qualifier,
    kind,
    column: kind === 'relation' ? '' : (column ?? `p_${qualifier.toLowerCase()}`),
    localized: localized === '@',
    mandatory: mandatory === '!',
    unique: unique === '*',
    targetType,
    relation,
    declaringType,
  };
}

export class TypeSystem {
  private readonly byName = new Map<string, ComposedType>();
  private readonly byTypePk = new Map<number, ComposedType>();
  readonly types: ComposedType[] = [];

  constructor(declarations: TypeDeclaration[] = TYPE_DECLARATIONS) {
    const tables = new Map(declarations.map((d) => [d.name, d.table ?? '']));
    declarations.forEach((declaration, index) => {
      const supertype = declaration.supertype ? this.byName.get(declaration.supertype.toLowerCase()) ?? null : null;
      if (declaration.supertype && !supertype) throw new Error(`supertype ${declaration.supertype} must be declared first`);
      const attributes = new Map(supertype?.attributes ?? []);
      for (const spec of declaration.attributes) {
        const attribute = parseAttribute(spec, declaration.name, tables);
        attributes.set(attribute.qualifier.toLowerCase(), attribute);
      }
      const type: ComposedType = {
        name: declaration.name,
        typeCode: declaration.typeCode,
        table: declaration.table,
        lpTable: null,
        supertype,
        abstract: declaration.abstract ?? false,
        pk: encodePk(0, 82, index),
        attributes,
        subtypes: [],
      };
      supertype?.subtypes.push(type);
      this.types.push(type);
      this.byName.set(type.name.toLowerCase(), type);
      this.byTypePk.set(type.pk, type);
    });
    // A table gets an lp table when any type stored in it has a localized attribute.
    const localizedTables = new Set(
      this.types.filter((t) => t.table && [...t.attributes.values()].some((a) => a.localized)).map((t) => t.table),
    );
    for (const type of this.types) if (type.table && localizedTables.has(type.table)) type.lpTable = `${type.table}lp`;
  }

  find(name: string): ComposedType | undefined {
    return this.byName.get(name.toLowerCase());
  }

  byPk(pk: number): ComposedType | undefined {
    return this.byTypePk.get(pk);
  }

  /** The type and all its subtypes (depth-first), or only the type when `exact`. */
  family(type: ComposedType, exact = false): ComposedType[] {
    if (exact) return [type];
    return [type, ...type.subtypes.flatMap((s) => this.family(s))];
  }

  isA(type: ComposedType, ancestor: ComposedType): boolean {
    for (let t: ComposedType | null = type; t; t = t.supertype) if (t === ancestor) return true;
    return false;
  }

  /** Type that owns a deployment type code (the topmost type with that table). */
  byTypeCode(typeCode: number): ComposedType | undefined {
    return this.types.find((t) => t.typeCode === typeCode && t.table && (!t.supertype || t.supertype.table !== t.table));
  }

  /** Every table with its columns (SQL types) and localized columns, derived from all types stored in it. */
  tableLayouts(): Map<string, { columns: Map<string, string>; lpTable: string | null; lpColumns: Set<string> }> {
    const layouts = new Map<string, { columns: Map<string, string>; lpTable: string | null; lpColumns: Set<string> }>();
    for (const type of this.types) {
      if (!type.table) continue;
      let layout = layouts.get(type.table);
      if (!layout) {
        layout = { columns: new Map(), lpTable: type.lpTable, lpColumns: new Set() };
        layouts.set(type.table, layout);
      }
      for (const attribute of type.attributes.values()) {
        if (attribute.kind === 'relation') continue;
        if (attribute.localized) layout.lpColumns.add(attribute.column);
        else layout.columns.set(attribute.column, sqlTypeOf(attribute.kind));
      }
    }
    return layouts;
  }
}
