import { readFile } from 'node:fs/promises';
import { parseToml } from './toml.js';
import { nestFlatEnvironments } from './edit.js';
import { withFileLock } from './lock.js';
import { defaultRawConfig, parseConfig, type HacConfig, type RawTable } from './schema.js';
import { writeConfig } from './write.js';

/**
 * Read the file afresh, apply `change` to the raw document, validate the result and write it back.
 * With no file yet, the change applies to the defaults (so `local` is kept, as it was in effect).
 * Environments in the Python CLI's flat form are rewritten in the nested form on the way.
 */
export function updateConfigFile(path: string, change: (raw: RawTable) => void): Promise<HacConfig> {
  return withFileLock(path, () => update(path, change));
}

async function update(path: string, change: (raw: RawTable) => void): Promise<HacConfig> {
  let raw: RawTable;
  let exists = true;
  try {
    raw = parseToml(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    raw = defaultRawConfig();
    exists = false;
  }
  if (exists) parseConfig(raw, path, true); // refuse to edit a file that is already invalid
  nestFlatEnvironments(raw);
  change(raw);
  const config = parseConfig(raw, path, true);
  await writeConfig(path, raw);
  return config;
}
