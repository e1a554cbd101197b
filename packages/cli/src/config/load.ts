import { readFile } from 'node:fs/promises';
import { parse, TomlError } from 'smol-toml';
import { ConfigError } from '../errors.js';
import { defaultRawConfig, parseConfig, type HacConfig, type RawTable } from './schema.js';

/**
 * Read and validate the config file. A missing file is not an error: the Python CLI's defaults apply
 * (environment `local`, endpoint `hac`, `https://localhost:9002`, `ignore_ssl = true`).
 */
export async function loadConfig(path: string): Promise<HacConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return parseConfig(defaultRawConfig(), path, false);
    throw new ConfigError(path, `cannot read it (${code ?? String(error)})`, { cause: error });
  }
  return parseConfig(parseToml(text, path), path, true);
}

/** Parse TOML text, turning a syntax error into a one-line `ConfigError` with line and column. */
export function parseToml(text: string, path: string): RawTable {
  try {
    return parse(text) as RawTable;
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split('\n')[0]?.trim() ?? 'syntax error';
      throw new ConfigError(path, `${first.replace(/\.$/, '')} (line ${error.line}, column ${error.column})`, { cause: error });
    }
    throw new ConfigError(path, String(error), { cause: error });
  }
}
