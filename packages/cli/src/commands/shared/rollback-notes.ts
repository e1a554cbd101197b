/**
 * Without `--commit`, HAC rolls back what a statement or script changed. When it did change
 * something, say so on stderr: the result alone (`11 row(s) affected.`) reads like it was kept.
 */

/**
 * Rows an SQL `INSERT`/`UPDATE`/`DELETE` changed: HAC answers one column `Result` (spelt as the
 * database labels columns, `RESULT` on HSQLDB) and one row `N row(s) affected.`.
 */
export function rowsAffected(result: { headers: readonly string[]; rows: readonly (readonly (string | null)[])[] }): number | null {
  if (result.headers.length !== 1 || result.headers[0]?.toLowerCase() !== 'result' || result.rows.length !== 1) return null;
  const found = /^(\d+) row\(s\) affected\.?$/.exec(result.rows[0]?.[0]?.trim() ?? '');
  return found ? Number(found[1]) : null;
}

/** The note for an SQL statement run without `--commit`, or null when it changed nothing. */
export function sqlRollbackNote(result: Parameters<typeof rowsAffected>[0]): string | null {
  const affected = rowsAffected(result);
  if (affected === null || affected === 0) return null;
  return `rolled back: the statement changed ${affected} ${affected === 1 ? 'row' : 'rows'}, which were not kept (pass --commit to keep them)`;
}

// HAC does not report what a script changed; these calls are how scripts save, remove or write SQL.
const WRITES = /\bmodelService\s*\.\s*(?:save|saveAll|remove|removeAll)\s*\(|\bjdbcTemplate\s*\.\s*(?:update|batchUpdate)\s*\(|\.\s*executeUpdate\s*\(/;

// Comments are not code: a commented-out save changes nothing.
const COMMENTS = /\/\*[^]*?\*\/|\/\/[^\n]*/g;

/**
 * The note for a script run without `--commit` whose code saves or removes models
 * (`modelService.save/saveAll/remove/removeAll`) or updates SQL rows (`jdbcTemplate.update`,
 * `executeUpdate`). HAC does not say what a script changed, so its text is all there is to go by.
 */
export function groovyRollbackNote(script: string): string | null {
  if (!WRITES.test(script.replace(COMMENTS, ''))) return null;
  return 'rolled back: the script ran without --commit, so what it saved or removed was not kept (pass --commit to keep it)';
}
