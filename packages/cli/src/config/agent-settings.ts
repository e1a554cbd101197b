/**
 * The config keys of `hac mcp` and the audit log (new; the Python CLI ignores them):
 * - `mcp_rights = ["read", …]` on an environment or an endpoint (the endpoint's wins): the tool
 *   groups an agent may use there. Without it: `["read"]`.
 * - `[mcp]`: `max_rows`, `max_chars` (what one tool answer may hold), `output_dir` (the only
 *   directory `outputFile` may write to).
 * - `[audit]`: `include_scripts` (store scripts and queries themselves, not only their hash).
 * A `read_only` environment or endpoint can never be granted `write` or `update`: such a config is
 * invalid, so a typo cannot hand an agent more than the file says elsewhere.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { homedir } from './paths.js';
import { isTable, type RawTable } from './schema.js';

/** What an agent may do on an environment, one group of tools each. */
export const MCP_RIGHTS = ['read', 'scripting-rollback', 'write', 'update'] as const;
export type McpRight = (typeof MCP_RIGHTS)[number];

/** Granted where `mcp_rights` is not set: reading, nothing that runs a script or changes data. */
export const DEFAULT_MCP_RIGHTS: readonly McpRight[] = ['read'];

/** Rights that change data; refused on `read_only` targets whatever the config says. */
export const WRITING_RIGHTS: readonly McpRight[] = ['write', 'update'];

export interface McpSettings {
  /** Rows of a result a tool answer shows. @default 100 */
  maxRows: number;
  /** Characters of a tool answer's text. @default 20000 */
  maxChars: number;
  /** Absolute directory where `outputFile` may write; `undefined`: `outputFile` is refused. */
  outputDir: string | undefined;
}

export interface AuditSettings {
  /** Store the script/query text in the audit log, not only its SHA-256 and size. @default false */
  includeScripts: boolean;
}

export const DEFAULT_MAX_ROWS = 100;
export const DEFAULT_MAX_CHARS = 20_000;

type Fail = (problem: string) => never;

/** `mcp_rights` of one table: undefined when absent. */
export function readMcpRights(table: RawTable, where: string, fail: Fail): McpRight[] | undefined {
  const value = table['mcp_rights'];
  if (value === undefined) return undefined;
  const key = `${where}.mcp_rights`;
  if (!Array.isArray(value)) fail(`"${key}" must be a list such as ["read", "scripting-rollback"]`);
  const rights: McpRight[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'string' || !(MCP_RIGHTS as readonly string[]).includes(entry)) {
      fail(`"${key}" holds ${JSON.stringify(entry)}; each entry must be one of ${MCP_RIGHTS.join(', ')}`);
    }
    if (!rights.includes(entry as McpRight)) rights.push(entry as McpRight);
  }
  return rights;
}

/** Refuse `write`/`update` granted where `read_only = true` applies. */
export function checkReadOnlyRights(rights: readonly McpRight[] | undefined, readOnly: boolean, where: string, fail: Fail): void {
  const writing = (rights ?? []).filter((right) => WRITING_RIGHTS.includes(right));
  if (readOnly && writing.length > 0) {
    fail(`"${where}.mcp_rights" grants ${writing.map((r) => `"${r}"`).join(' and ')}, but read_only = true applies there: a read-only environment can never be granted writes`);
  }
}

export function readMcpSettings(raw: RawTable, fail: Fail): McpSettings {
  const table = raw['mcp'];
  if (table === undefined) return { maxRows: DEFAULT_MAX_ROWS, maxChars: DEFAULT_MAX_CHARS, outputDir: undefined };
  if (!isTable(table)) fail('"mcp" must be a table');
  const t = table as RawTable;
  const outputDir = t['output_dir'];
  if (outputDir !== undefined && (typeof outputDir !== 'string' || outputDir.trim() === '')) fail('"mcp.output_dir" must be a directory path');
  return {
    maxRows: boundedInteger(t, 'max_rows', DEFAULT_MAX_ROWS, 1, 100_000, fail),
    maxChars: boundedInteger(t, 'max_chars', DEFAULT_MAX_CHARS, 1_000, 10_000_000, fail),
    outputDir: outputDir === undefined ? undefined : expandHome(outputDir as string),
  };
}

export function readAuditSettings(raw: RawTable, fail: Fail): AuditSettings {
  const table = raw['audit'];
  if (table === undefined) return { includeScripts: false };
  if (!isTable(table)) fail('"audit" must be a table');
  const value = (table as RawTable)['include_scripts'];
  if (value !== undefined && typeof value !== 'boolean') fail('"audit.include_scripts" must be true or false');
  return { includeScripts: value === true };
}

function boundedInteger(table: RawTable, name: string, fallback: number, min: number, max: number, fail: Fail): number {
  const value = table[name];
  if (value === undefined) return fallback;
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) fail(`"mcp.${name}" must be a whole number from ${min} to ${max}`);
  return n as number;
}

/** `~/x` → the home directory's `x`; relative paths are taken from the home directory too (not from wherever an agent started `hac`). */
function expandHome(path: string): string {
  const trimmed = path.trim();
  if (trimmed === '~') return homedir();
  if (trimmed.startsWith('~/')) return join(homedir(), trimmed.slice(2));
  return isAbsolute(trimmed) ? resolve(trimmed) : resolve(homedir(), trimmed);
}
