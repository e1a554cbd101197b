import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { defaultRawConfig, parseConfig, type HacConfig } from './schema.js';

/**
 * Read and validate the config file. A missing file is not an error: the Python CLI's defaults apply
 * (environment `local`, endpoint `hac`, `https://localhost:9002`, `ignore_ssl = true`). The TOML
 * parser loads only when there is a file to parse (start-up time of every command). Read
 * synchronously: every command waits for it anyway, and `node:fs/promises` costs a run ~1 ms to load.
 */
export async function loadConfig(path: string): Promise<HacConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return parseConfig(defaultRawConfig(), path, false);
    throw new ConfigError(path, `cannot read it (${code ?? String(error)})`, { cause: error });
  }
  const { parseToml } = await import('./toml.js');
  return parseConfig(parseToml(text, path), path, true);
}
