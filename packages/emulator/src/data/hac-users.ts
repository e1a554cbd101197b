/**
 * On SAP, HAC's login users are platform users (employees in admingroup), so the FlexibleSearch
 * console's `user` field and scripts run as them. The emulator's configured users get the same rows,
 * or a query as `dev` would fail with "Cannot find user with uid 'dev'".
 */
import type { DataEngine } from './engine-types.js';
import { quoteCell } from './impex/parser.js';
import { LOAD_OPTIONS } from './index.js';

export function ensureHacUsers(engine: DataEngine, usernames: readonly string[]): void {
  const exists = (uid: string): boolean =>
    engine.flexibleSearch(`SELECT {pk} FROM {User} WHERE {uid} = '${uid.replace(/'/g, "''")}'`, { maxCount: 1, locale: 'en', user: '' }).rows.length > 0;
  const missing = [...new Set(usernames)].filter((uid) => !exists(uid));
  if (missing.length === 0) return;
  const lines = missing.map((uid) => `;${quoteCell(uid)};${quoteCell(uid)};admingroup`);
  const outcome = engine.importImpex(['INSERT_UPDATE Employee;uid[unique=true];name;groups(uid)', ...lines].join('\n'), LOAD_OPTIONS);
  if (!outcome.success) throw new Error(`cannot create the HAC users: ${outcome.errorMessage ?? 'import failed'}`);
}
