/** Engine failures shaped as the Java exception chains HAC serialises. */
import type { EngineError } from './engine-types.js';

const SL_FLEXIBLE_SEARCH = 'de.hybris.platform.servicelayer.search.exceptions.FlexibleSearchException';
const JALO_FLEXIBLE_SEARCH = 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException';

/** Java class for a database error message (sql.js reports SQLite's wording). */
export function sqlExceptionClass(message: string): string {
  if (/syntax error|no such (table|column|function)|has no column named|incomplete input|ambiguous column|near "|unrecognized token|multiple statements/i.test(message)) {
    return 'java.sql.SQLSyntaxErrorException';
  }
  if (/constraint/i.test(message)) return 'java.sql.SQLIntegrityConstraintViolationException';
  return 'java.sql.SQLException';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A FlexibleSearch failure in the query itself (unknown type/attribute, bad syntax). */
export function flexibleSearchError(message: string): EngineError {
  return {
    className: SL_FLEXIBLE_SEARCH,
    message: `${JALO_FLEXIBLE_SEARCH}: ${message}`,
    causes: [{ className: JALO_FLEXIBLE_SEARCH, message }],
  };
}

/** A FlexibleSearch whose translation the database rejected. */
export function flexibleSearchSqlError(error: unknown, sql: string): EngineError {
  const rootMessage = messageOf(error);
  const rootClass = sqlExceptionClass(rootMessage);
  const message = `SQL search error - ${rootMessage} query = '${sql}', values = []`;
  return {
    className: SL_FLEXIBLE_SEARCH,
    message: `${JALO_FLEXIBLE_SEARCH}: ${message}`,
    causes: [
      { className: JALO_FLEXIBLE_SEARCH, message },
      { className: rootClass, message: rootMessage },
    ],
  };
}

export function unknownUserError(uid: string): EngineError {
  const className = 'de.hybris.platform.servicelayer.exceptions.UnknownIdentifierException';
  return { className, message: `Cannot find user with uid '${uid}'`, causes: [] };
}

/** A raw SQL statement the database rejected (HAC's SQL tab surfaces the JDBC exception itself). */
export function sqlError(error: unknown): EngineError {
  const message = messageOf(error);
  return { className: sqlExceptionClass(message), message, causes: [] };
}
