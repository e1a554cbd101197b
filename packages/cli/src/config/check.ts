/**
 * What `hac config validate` (and the Python CLI's `hac config -v`) report about a config file that
 * parses: keys nothing reads (typos, a password), names unsafe in a shell, environments that commands
 * cannot use yet, and the Python CLI's flat form. A file that does not parse never gets here: loading
 * it is already the error every command reports.
 */
import { unknownKeys } from './unknown-keys.js';
import { isFlatEnvironment, isTable, type HacConfig } from './schema.js';
import { unsafeNames } from './shell-words.js';

export interface ConfigFindings {
  /** Problems worth fixing; the file still works as far as they allow. */
  warnings: string[];
  /** How the file is read, where that may surprise. */
  notes: string[];
}

export function checkConfig(cfg: HacConfig): ConfigFindings {
  const warnings: string[] = [];
  const notes: string[] = [];
  for (const key of unknownKeys(cfg.raw)) {
    if (/(^|\.)password$/.test(key.path)) {
      const env = /^environments\.([^.]+)\./.exec(key.path)?.[1];
      const variable = env ? `HAC_PASSWORD_${env.toUpperCase().replace(/[^A-Z0-9]/g, '_')}` : 'HAC_PASSWORD';
      warnings.push(`"${key.path}" is not used: hac never reads a password from a file (set ${variable}, pipe it to hac session start, or store it with hac login --save-password)`);
      continue;
    }
    const hint = key.meant ? `; did you mean ${key.meant}?` : '';
    warnings.push(`unknown key "${key.path}" (kept, but not used${hint})`);
  }
  for (const name of unsafeNames(cfg)) {
    warnings.push(`${name.what} is unsafe as a shell word: ${name.reason}; use only letters, digits, ".", "_" and "-"`);
  }
  const raw = isTable(cfg.raw['environments']) ? cfg.raw['environments'] : {};
  for (const env of cfg.environments.values()) {
    if (env.endpoints.size === 0) warnings.push(`environment "${env.name}" has no endpoint yet: add one with hac endpoint add ${env.name} NAME --url URL`);
    const table = raw[env.name];
    if (isTable(table) && isFlatEnvironment(table)) {
      notes.push(`environment "${env.name}" is in the Python CLI's flat form (url on the environment): read as its one endpoint "hac"; hac env/endpoint edits rewrite it in the nested form`);
    }
  }
  return { warnings, notes };
}
