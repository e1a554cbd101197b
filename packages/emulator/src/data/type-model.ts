/**
 * The emulator's SAP Commerce type model, written as compact declarations that `type-system.ts`
 * turns into the registry. Attribute spec: `qualifier:kind[(args)][!][@][=Column]`
 * - kinds: string, int, double, boolean, date, ref(Type), enum(EnumType), rel(RelationType,SelfColumn,OtherType)
 * - `!` mandatory, `*` part of the type's unique key (SAP's `unique="true"`), `@` localized (stored in the
 *   type's `…lp` table), `=Column` SQL column (default `p_<qualifier>`).
 * Type codes follow SAP's where known (Product 1, User 4, Order 45, Catalog 600 …); subtypes share
 * their supertype's table and deployment type code, as in SAP.
 */
export interface TypeDeclaration {
  name: string;
  supertype: string | null;
  /** Deployment table; null for abstract types whose items live in subtypes' tables. */
  table: string | null;
  typeCode: number;
  abstract?: boolean;
  attributes: string[];
}

const rel = (relationType: string, table: string, typeCode: number, source: string, target: string): TypeDeclaration => ({
  name: relationType,
  supertype: 'Link',
  table,
  typeCode,
  attributes: [`source:ref(${source})=SourcePK`, `target:ref(${target})=TargetPK`, 'sequenceNumber:int=SequenceNumber'],
});

const enumType = (name: string): TypeDeclaration => ({
  name,
  supertype: 'EnumerationValue',
  table: 'enumerationvalues',
  typeCode: 91,
  attributes: [],
});

export const TYPE_DECLARATIONS: TypeDeclaration[] = [
  {
    name: 'Item',
    supertype: null,
    table: null,
    typeCode: 0,
    abstract: true,
    attributes: [
      'pk:pk=PK',
      'creationtime:date=createdTS',
      'modifiedtime:date=modifiedTS',
      'itemtype:ref(ComposedType)=TypePkString',
      'owner:ref(Item)=OwnerPkString',
    ],
  },
  { name: 'Link', supertype: 'Item', table: null, typeCode: 7, abstract: true, attributes: [] },
  // The type system itself, as SAP keeps it (core-items.xml; tables and columns as in SAP's generated
  // DDL): composed, atomic, collection and map types, and one attribute descriptor per attribute and
  // enclosing type (inherited ones included), so FlexibleSearch can read the type system.
  { name: 'TypeManagerManaged', supertype: 'Item', table: null, typeCode: 0, abstract: true, attributes: [] },
  { name: 'Type', supertype: 'TypeManagerManaged', table: null, typeCode: 0, abstract: true, attributes: ['code:string!*=InternalCode'] },
  {
    name: 'ComposedType',
    supertype: 'Type',
    table: 'composedtypes',
    typeCode: 82,
    attributes: ['itemtypecode:int=ItemTypeCode', 'superType:ref(ComposedType)=SuperTypePK', 'table:string=TableName'],
  },
  { name: 'AtomicType', supertype: 'Type', table: 'atomictypes', typeCode: 81, attributes: [] },
  { name: 'CollectionType', supertype: 'Type', table: 'collectiontypes', typeCode: 83, attributes: ['elementType:ref(Type)=ElementTypePK'] },
  {
    name: 'MapType',
    supertype: 'Type',
    table: 'maptypes',
    typeCode: 84,
    attributes: ['argumentType:ref(Type)=ArgumentTypePK', 'returntype:ref(Type)=ReturnTypePK'],
  },
  {
    name: 'Descriptor',
    supertype: 'TypeManagerManaged',
    table: null,
    typeCode: 0,
    abstract: true,
    attributes: ['qualifier:string!*=QualifierInternal', 'attributeType:ref(Type)=AttributeTypePK', 'name:string@', 'description:string@'],
  },
  {
    name: 'AttributeDescriptor',
    supertype: 'Descriptor',
    table: 'attributedescriptors',
    typeCode: 87,
    attributes: [
      'enclosingType:ref(ComposedType)!*=EnclosingTypePK',
      'persistenceQualifier:string=PersistenceQualifierInternal',
      'databaseColumn:string=columnName',
      'modifiers:int=modifiers',
      'unique:boolean',
      'superAttributeDescriptor:ref(AttributeDescriptor)=SuperAttributeDescriptorPK',
    ],
  },
  { name: 'RelationDescriptor', supertype: 'AttributeDescriptor', table: 'attributedescriptors', typeCode: 87, attributes: ['relationName:string', 'isSource:boolean'] },
  {
    name: 'EnumerationValue',
    supertype: 'Item',
    table: 'enumerationvalues',
    typeCode: 91,
    attributes: ['code:string!*=Code', 'sequenceNumber:int=SequenceNumber', 'name:string@'],
  },
  enumType('ArticleApprovalStatus'),
  enumType('CronJobStatus'),
  enumType('CronJobResult'),
  enumType('OrderStatus'),
  {
    name: 'Language',
    supertype: 'Item',
    table: 'languages',
    typeCode: 32,
    attributes: ['isocode:string!*', 'active:boolean', 'name:string@'],
  },
  {
    name: 'Currency',
    supertype: 'Item',
    table: 'currencies',
    typeCode: 33,
    attributes: ['isocode:string!*', 'symbol:string', 'digits:int', 'conversion:double', 'active:boolean', 'base:boolean', 'name:string@'],
  },
  {
    name: 'Unit',
    supertype: 'Item',
    table: 'units',
    typeCode: 10,
    attributes: ['code:string!*', 'unitType:string!', 'conversion:double', 'name:string@'],
  },
  {
    name: 'Catalog',
    supertype: 'Item',
    table: 'catalogs',
    typeCode: 600,
    attributes: ['id:string!*', 'name:string@', 'defaultCatalog:boolean', 'activeCatalogVersion:ref(CatalogVersion)'],
  },
  {
    name: 'CatalogVersion',
    supertype: 'Item',
    table: 'catalogversions',
    typeCode: 601,
    attributes: ['catalog:ref(Catalog)!*', 'version:string!*', 'active:boolean'],
  },
  {
    name: 'Category',
    supertype: 'Item',
    table: 'categories',
    typeCode: 142,
    attributes: [
      'code:string!*',
      'catalogVersion:ref(CatalogVersion)!*',
      'name:string@',
      'description:string@',
      'supercategories:rel(CategoryCategoryRelation,TargetPK,Category)',
      'categories:rel(CategoryCategoryRelation,SourcePK,Category)',
      'products:rel(CategoryProductRelation,SourcePK,Product)',
    ],
  },
  {
    name: 'Product',
    supertype: 'Item',
    table: 'products',
    typeCode: 1,
    attributes: [
      'code:string!*',
      'catalogVersion:ref(CatalogVersion)!*',
      'name:string@',
      'description:string@',
      'ean:string',
      'manufacturerName:string',
      'unit:ref(Unit)',
      'approvalStatus:enum(ArticleApprovalStatus)',
      'onlineDate:date',
      'offlineDate:date',
      'supercategories:rel(CategoryProductRelation,TargetPK,Category)',
    ],
  },
  {
    name: 'Principal',
    supertype: 'Item',
    table: null,
    typeCode: 0,
    abstract: true,
    attributes: ['uid:string!*', 'name:string', 'description:string', 'groups:rel(PrincipalGroupRelation,SourcePK,UserGroup)'],
  },
  {
    name: 'User',
    supertype: 'Principal',
    table: 'users',
    typeCode: 4,
    attributes: [
      'sessionLanguage:ref(Language)',
      'sessionCurrency:ref(Currency)',
      'loginDisabled:boolean',
      'lastLogin:date',
      'encodedPassword:string=passwd',
      'passwordEncoding:string',
      // On SAP a write-only attribute that encodes into encodedPassword; ImpEx scripts set it in plain text
      // (`INSERT_UPDATE Employee;uid[unique=true];password`), so it writes the same column unencoded.
      'password:string=passwd',
    ],
  },
  { name: 'Customer', supertype: 'User', table: 'users', typeCode: 4, attributes: ['customerID:string'] },
  { name: 'Employee', supertype: 'User', table: 'users', typeCode: 4, attributes: [] },
  {
    name: 'UserGroup',
    supertype: 'Principal',
    table: 'usergroups',
    typeCode: 5,
    attributes: ['locName:string@', 'members:rel(PrincipalGroupRelation,TargetPK,Principal)'],
  },
  {
    name: 'Order',
    supertype: 'Item',
    table: 'orders',
    typeCode: 45,
    attributes: [
      'code:string!*',
      'user:ref(User)!',
      'currency:ref(Currency)!',
      'date:date!',
      'totalPrice:double',
      'status:enum(OrderStatus)',
    ],
  },
  {
    name: 'OrderEntry',
    supertype: 'Item',
    table: 'orderentries',
    typeCode: 46,
    attributes: [
      'order:ref(Order)!',
      'entryNumber:int',
      'product:ref(Product)!',
      'quantity:int!',
      'unit:ref(Unit)',
      'basePrice:double',
      'totalPrice:double',
    ],
  },
  {
    name: 'Job',
    supertype: 'Item',
    table: 'jobs',
    typeCode: 500,
    attributes: ['code:string!*', 'springId:string', 'active:boolean'],
  },
  {
    name: 'CronJob',
    supertype: 'Item',
    table: 'cronjobs',
    typeCode: 501,
    attributes: [
      'code:string!*',
      'job:ref(Job)!',
      'status:enum(CronJobStatus)',
      'result:enum(CronJobResult)',
      'active:boolean',
      'startTime:date',
      'endTime:date',
      // Not a persistent attribute on SAP (HAC computes it); stored here so the monitor has something to show.
      'progress:double',
    ],
  },
  rel('CategoryCategoryRelation', 'cat2catrel', 143, 'Category', 'Category'),
  rel('CategoryProductRelation', 'cat2prodrel', 144, 'Category', 'Product'),
  rel('PrincipalGroupRelation', 'pgrels', 201, 'Principal', 'UserGroup'),
];

/** Enumeration values created with the schema (code list per enum type), as SAP's essential data. */
export const ENUM_VALUES: Record<string, string[]> = {
  ArticleApprovalStatus: ['check', 'approved', 'unapproved'],
  CronJobStatus: ['RUNNINGRESTART', 'RUNNING', 'PAUSED', 'FINISHED', 'ABORTED', 'UNKNOWN'],
  CronJobResult: ['SUCCESS', 'FAILURE', 'ERROR', 'UNKNOWN'],
  OrderStatus: ['CREATED', 'CHECKED_VALID', 'PAYMENT_CAPTURED', 'COMPLETED', 'CANCELLED'],
};

