import { parse, TomlError } from 'smol-toml';
import { ConfigError } from '../errors.js';
import type { RawTable } from './schema.js';

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
