import { randomBytes } from 'node:crypto';
import { mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { stringify } from 'smol-toml';
import type { RawTable } from './schema.js';

/**
 * Write the whole document atomically (temp file in the same directory, then rename) with mode 0600:
 * the file may hold usernames, and a crash must never leave a half-written config behind.
 * Comments are not preserved (TOML libraries drop them); unknown keys are.
 */
export async function writeConfig(configPath: string, raw: RawTable): Promise<void> {
  // A symlinked config (dotfile managers) is written through: renaming over the link would replace it.
  const path = await realpath(configPath).catch(() => configPath);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, `${stringify(raw)}\n`, { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
