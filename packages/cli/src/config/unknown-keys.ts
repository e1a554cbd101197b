import { FLAT_ENDPOINT_KEYS, isFlatEnvironment, isTable, type RawTable } from './schema.js';

const shared = ['username', 'protected', 'read_only', 'hac_path', 'mcp_rights'];
const known = {
  top: ['default_environment', 'environments', 'mcp', 'audit'],
  mcp: ['max_rows', 'max_chars', 'output_dir'],
  audit: ['include_scripts'],
  environment: ['default_endpoint', 'endpoints', ...shared],
  endpoint: ['url', 'ignore_ssl', 'timeout', ...shared],
};

export interface UnknownKey {
  /** Dotted name: `environments.prod.protectd`. */
  path: string;
  /** The known key it is probably a typo of (`protected`), if any. */
  meant: string | undefined;
}

/** Dotted names of keys this version does not use (kept on write; often a typo such as `readonly`). */
export function unknownKeys(raw: RawTable): UnknownKey[] {
  const found: UnknownKey[] = [];
  const check = (table: RawTable, allowed: string[], prefix: string): void => {
    for (const key of Object.keys(table)) if (!allowed.includes(key)) found.push({ path: prefix + key, meant: closest(key, allowed) });
  };
  check(raw, known.top, '');
  for (const section of ['mcp', 'audit'] as const) {
    const table = raw[section];
    if (isTable(table)) check(table, known[section], `${section}.`);
  }
  const envs = raw['environments'];
  if (!isTable(envs)) return found;
  for (const [envName, env] of Object.entries(envs)) {
    if (!isTable(env)) continue;
    check(env, isFlatEnvironment(env) ? [...known.environment, ...FLAT_ENDPOINT_KEYS] : known.environment, `environments.${envName}.`);
    const endpoints = env['endpoints'];
    if (!isTable(endpoints)) continue;
    for (const [epName, ep] of Object.entries(endpoints)) {
      if (isTable(ep)) check(ep, known.endpoint, `environments.${envName}.endpoints.${epName}.`);
    }
  }
  return found;
}

/**
 * Misspelt `protected`/`read_only` keys that apply to an endpoint: such a typo would silently lift a
 * guard rail the user meant to set, so destructive commands refuse to run until it is fixed.
 */
export function misspeltGuardKeys(raw: RawTable, environment: string, endpoint: string): UnknownKey[] {
  const scopes = [`environments.${environment}.`, `environments.${environment}.endpoints.${endpoint}.`];
  return unknownKeys(raw).filter(
    (k) => (k.meant === 'protected' || k.meant === 'read_only') && scopes.some((scope) => k.path.startsWith(scope) && !k.path.slice(scope.length).includes('.')),
  );
}

/** The known key within two edits of `key` (case, `-` and `_` ignored), if any. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  const norm = (k: string): string => k.toLowerCase().replace(/[-_]/g, '');
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(norm(key), norm(candidate));
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Levenshtein distance of two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
