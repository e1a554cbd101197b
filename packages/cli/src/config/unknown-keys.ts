import { isTable, type RawTable } from './schema.js';

const shared = ['username', 'protected', 'read_only', 'hac_path'];
const known = {
  top: ['default_environment', 'environments'],
  environment: ['default_endpoint', 'endpoints', ...shared],
  endpoint: ['url', 'ignore_ssl', 'timeout', ...shared],
};

/** Dotted names of keys this version does not use (kept on write; often a typo such as `readonly`). */
export function unknownKeys(raw: RawTable): string[] {
  const found: string[] = [];
  const check = (table: RawTable, allowed: string[], prefix: string): void => {
    for (const key of Object.keys(table)) if (!allowed.includes(key)) found.push(prefix + key);
  };
  check(raw, known.top, '');
  const envs = raw['environments'];
  if (!isTable(envs)) return found;
  for (const [envName, env] of Object.entries(envs)) {
    if (!isTable(env)) continue;
    check(env, known.environment, `environments.${envName}.`);
    const endpoints = env['endpoints'];
    if (!isTable(endpoints)) continue;
    for (const [epName, ep] of Object.entries(endpoints)) {
      if (isTable(ep)) check(ep, known.endpoint, `environments.${envName}.endpoints.${epName}.`);
    }
  }
  return found;
}
