/**
 * The database whose JDBC driver the emulator imitates when it labels result columns. HAC's
 * FlexibleSearch console sends `ResultSetMetaData` column labels as its `headers`, so they depend on
 * the database, not on HAC: HSQLDB and SAP HANA fold unquoted identifiers to upper case
 * (`PK`, `P_CODE`); MySQL and SQL Server keep them as written (`PK`, `p_code`).
 */
export type DatabaseDialect = 'hsqldb' | 'hana' | 'mysql' | 'sqlserver';

export const DATABASE_DIALECTS: readonly DatabaseDialect[] = ['hsqldb', 'hana', 'mysql', 'sqlserver'];

/**
 * The labels a query's columns get on `dialect`, from the names as the SQL writes them. SQLite drops
 * the quotes of a quoted identifier, so `"Code"` is folded like `Code` (real HSQLDB would keep it).
 */
export function columnLabels(dialect: DatabaseDialect, names: readonly string[]): string[] {
  return dialect === 'hsqldb' || dialect === 'hana' ? names.map((name) => name.toUpperCase()) : [...names];
}
