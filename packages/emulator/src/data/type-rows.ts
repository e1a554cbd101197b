/**
 * The type system as rows, the way SAP keeps it in its own tables: one `composedtypes` row per
 * composed type, `atomictypes` for the Java value types, a `maptypes` row for localized values
 * (`localized:java.lang.String`), a `collectiontypes` row per relation end, and one
 * `attributedescriptors` row per attribute of every composed type, inherited ones included (SAP
 * creates them for each enclosing type and marks them inherited). Read by FlexibleSearch on
 * `{ComposedType}`, `{AttributeDescriptor}`, `{Type}` like on SAP.
 */
import type { SqlDatabase, SqlValue } from './database.js';
import { encodePk } from './pk.js';
import type { AttributeDef, AttributeKind, ComposedType, TypeSystem } from './type-system.js';

/** Modifier bits of SAP's `AttributeDescriptor` (`READ_FLAG` …), stored in `modifiers`. */
export const MODIFIERS = { read: 1, write: 2, optional: 8, search: 16, property: 256, localized: 512, inherited: 1024 } as const;

const ATOMIC: Partial<Record<AttributeKind, string>> = {
  pk: 'de.hybris.platform.core.PK',
  string: 'java.lang.String',
  int: 'java.lang.Integer',
  double: 'java.lang.Double',
  boolean: 'java.lang.Boolean',
  date: 'java.util.Date',
};

const LOCALIZED_STRING = 'localized:java.lang.String';

// Type codes of SAP's deployments: AtomicType 81, CollectionType 83, MapType 84, AttributeDescriptor 87.
const typePk = (typeCode: number, index: number): number => encodePk(Math.floor(index / 512), typeCode, index % 512);

export function insertTypeSystemRows(db: SqlDatabase, types: TypeSystem, createdTS: string): void {
  const metaType = (name: string): ComposedType => {
    const type = types.find(name);
    if (!type) throw new Error(`type model lacks ${name}`);
    return type;
  };
  const insert = (table: string, values: Record<string, unknown>): void => {
    const columns = Object.keys(values);
    db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(',')})`, Object.values(values) as SqlValue[]);
  };
  const common = (pk: number, meta: ComposedType): Record<string, unknown> => ({ PK: pk, createdTS, modifiedTS: createdTS, TypePkString: meta.pk });

  const composedType = metaType('ComposedType');
  for (const type of types.types) {
    insert('composedtypes', {
      ...common(type.pk, composedType),
      InternalCode: type.name,
      ItemTypeCode: type.typeCode,
      SuperTypePK: type.supertype?.pk ?? null,
      TableName: type.table,
    });
  }

  const atomicType = metaType('AtomicType');
  const atomicPks = new Map<string, number>();
  Object.values(ATOMIC).forEach((code, index) => {
    const pk = typePk(81, index);
    atomicPks.set(code, pk);
    insert('atomictypes', { ...common(pk, atomicType), InternalCode: code });
  });
  const languagePk = types.find('Language')?.pk ?? null;
  const localizedPk = typePk(84, 0);
  insert('maptypes', { ...common(localizedPk, metaType('MapType')), InternalCode: LOCALIZED_STRING, ArgumentTypePK: languagePk, ReturnTypePK: atomicPks.get('java.lang.String') ?? null });

  const collectionType = metaType('CollectionType');
  const collections = new Map<string, number>();
  const attributeTypeOf = (attribute: AttributeDef): number | null => {
    if (attribute.localized) return localizedPk;
    if (attribute.kind === 'relation') {
      // SAP names a relation end's collection type after the relation and the end.
      const code = `${attribute.relation?.relationType ?? ''}${attribute.qualifier}Coll`;
      let pk = collections.get(code);
      if (pk === undefined) {
        pk = typePk(83, collections.size);
        collections.set(code, pk);
        insert('collectiontypes', { ...common(pk, collectionType), InternalCode: code, ElementTypePK: types.find(attribute.targetType ?? '')?.pk ?? null });
      }
      return pk;
    }
    if (attribute.kind === 'ref' || attribute.kind === 'enum') return types.find(attribute.targetType ?? '')?.pk ?? null;
    return atomicPks.get(ATOMIC[attribute.kind] ?? '') ?? null;
  };

  const attributeDescriptor = metaType('AttributeDescriptor');
  const relationDescriptor = metaType('RelationDescriptor');
  // The descriptor of an attribute on its declaring type: inherited copies point to it.
  const declared = new Map<string, number>();
  let index = 0;
  for (const type of types.types) {
    for (const attribute of type.attributes.values()) {
      const pk = typePk(87, index++);
      const inherited = attribute.declaringType !== type.name;
      const key = `${attribute.declaringType}.${attribute.qualifier.toLowerCase()}`;
      if (!inherited) declared.set(key, pk);
      const isRelation = attribute.kind === 'relation';
      const modifiers =
        MODIFIERS.read |
        MODIFIERS.write |
        MODIFIERS.search |
        (attribute.mandatory ? 0 : MODIFIERS.optional) |
        (isRelation ? 0 : MODIFIERS.property) |
        (attribute.localized ? MODIFIERS.localized : 0) |
        (inherited ? MODIFIERS.inherited : 0);
      insert('attributedescriptors', {
        ...common(pk, isRelation ? relationDescriptor : attributeDescriptor),
        QualifierInternal: attribute.qualifier,
        AttributeTypePK: attributeTypeOf(attribute),
        EnclosingTypePK: type.pk,
        PersistenceQualifierInternal: isRelation ? null : attribute.column,
        columnName: isRelation ? null : attribute.column,
        modifiers,
        p_unique: attribute.unique ? 1 : 0,
        SuperAttributeDescriptorPK: inherited ? (declared.get(key) ?? null) : null,
        p_relationname: attribute.relation?.relationType ?? null,
        p_issource: attribute.relation ? (attribute.relation.selfColumn === 'SourcePK' ? 1 : 0) : null,
      });
    }
  }
}
