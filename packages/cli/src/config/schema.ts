/**
 * The config file's schema (the Python CLI's, plus optional `username`, `protected`, `read_only` and
 * `hac_path` on an environment or an endpoint) and its validation into typed values. The raw TOML
 * document is kept beside the typed view so that writes preserve keys this version does not know.
 */
import { describeRange, durationValue, REQUEST_TIMEOUT_SECONDS } from '../durations.js';
import { CliUsageError, ConfigError } from '../errors.js';
import { checkReadOnlyRights, readAuditSettings, readMcpRights, readMcpSettings, type AuditSettings, type McpRight, type McpSettings } from './agent-settings.js';

export type RawTable = Record<string, unknown>;

/** Settings an environment passes down to its endpoints; an endpoint's own value wins. */
export interface SharedSettings {
  username?: string;
  protected?: boolean;
  readOnly?: boolean;
  hacPath?: string;
  /** `mcp_rights`: the tool groups `hac mcp` offers an agent here (see agent-settings.ts). */
  mcpRights?: McpRight[];
}

export interface EndpointConfig extends SharedSettings {
  name: string;
  /** Base URL without trailing slash and without the HAC context path. */
  url: string;
  ignoreSsl: boolean;
  timeoutSeconds: number;
}

export interface EnvironmentConfig extends SharedSettings {
  name: string;
  defaultEndpoint: string;
  endpoints: Map<string, EndpointConfig>;
}

export interface HacConfig {
  /** The file this came from (it may not exist). */
  path: string;
  exists: boolean;
  defaultEnvironment: string;
  environments: Map<string, EnvironmentConfig>;
  /** The parsed document, unknown keys included. */
  raw: RawTable;
  /** `[mcp]`: output budgets and the directory `outputFile` may write to. */
  mcp: McpSettings;
  /** `[audit]`. */
  audit: AuditSettings;
}

export const DEFAULT_ENVIRONMENT = 'local';
export const DEFAULT_ENDPOINT = 'hac';
export const DEFAULT_URL = 'https://localhost:9002';
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_HAC_PATH = '/hac';

/** The document the Python CLI behaves as if it had read when there is no file. */
export function defaultRawConfig(): RawTable {
  return {
    default_environment: DEFAULT_ENVIRONMENT,
    environments: {
      [DEFAULT_ENVIRONMENT]: {
        default_endpoint: DEFAULT_ENDPOINT,
        endpoints: {
          [DEFAULT_ENDPOINT]: { url: DEFAULT_URL, ignore_ssl: true, timeout: DEFAULT_TIMEOUT_SECONDS },
        },
      },
    },
  };
}

/**
 * The Python CLI's first config form, still shown in some of its docs: an environment table holding
 * its one endpoint's keys (`[environments.dev] url = …`). It is read as that environment with one
 * endpoint, `hac`; the first edit through `hac env|endpoint` rewrites it in the nested form.
 */
export const FLAT_ENDPOINT_KEYS = ['url', 'ignore_ssl', 'timeout'] as const;

export function isFlatEnvironment(table: RawTable): boolean {
  return table['url'] !== undefined && table['endpoints'] === undefined;
}

/** The environment `name` of the config; a usage error when it is not defined. */
export function findEnvironment(config: HacConfig, name: string): EnvironmentConfig {
  const env = config.environments.get(name);
  if (!env) throw new CliUsageError(`environment "${name}" is not defined (see: hac env list)`);
  return env;
}

export function isTable(value: unknown): value is RawTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Validate a parsed document. Throws a `ConfigError` naming the file and the offending key. */
export function parseConfig(raw: RawTable, path: string, exists: boolean): HacConfig {
  const fail = (problem: string): never => {
    throw new ConfigError(path, problem);
  };
  const environments = new Map<string, EnvironmentConfig>();
  const envTables = raw['environments'] ?? {};
  if (!isTable(envTables)) fail('"environments" must be a table');
  for (const [envName, envRaw] of Object.entries(envTables as RawTable)) {
    const where = `environments.${envName}`;
    if (!isTable(envRaw)) fail(`"${where}" must be a table`);
    const envTable = envRaw as RawTable;
    const endpoints = new Map<string, EndpointConfig>();
    const epTables = envTable['endpoints'] ?? {};
    if (!isTable(epTables)) fail(`"${where}.endpoints" must be a table`);
    const shared = readShared(envTable, where, fail);
    if (envTable['url'] !== undefined && envTable['endpoints'] !== undefined) {
      fail(`"${where}" has both url (the Python CLI's flat form) and endpoints: move url, ignore_ssl and timeout into an endpoint table`);
    }
    if (isFlatEnvironment(envTable)) {
      if (envTable['default_endpoint'] !== undefined && envTable['default_endpoint'] !== DEFAULT_ENDPOINT) {
        fail(`"${where}.default_endpoint" must be "${DEFAULT_ENDPOINT}" or absent in the flat form (url on the environment), which has the one endpoint "${DEFAULT_ENDPOINT}"`);
      }
      const flatKeys = Object.fromEntries(FLAT_ENDPOINT_KEYS.filter((k) => envTable[k] !== undefined).map((k) => [k, envTable[k]]));
      endpoints.set(DEFAULT_ENDPOINT, readEndpoint(DEFAULT_ENDPOINT, flatKeys, where, fail));
    }
    for (const [epName, epRaw] of Object.entries(epTables as RawTable)) {
      const epWhere = `${where}.endpoints.${epName}`;
      if (!isTable(epRaw)) fail(`"${epWhere}" must be a table`);
      endpoints.set(epName, readEndpoint(epName, epRaw as RawTable, epWhere, fail));
    }
    const defaultEndpoint = optionalString(envTable, 'default_endpoint', where, fail) ?? pickDefault(endpoints, DEFAULT_ENDPOINT);
    if (endpoints.size > 0 && !endpoints.has(defaultEndpoint)) {
      fail(`"${where}.default_endpoint" names endpoint "${defaultEndpoint}", which is not defined`);
    }
    for (const [epName, endpoint] of endpoints) {
      checkReadOnlyRights(endpoint.mcpRights ?? shared.mcpRights, endpoint.readOnly ?? shared.readOnly ?? false, endpoint.mcpRights ? `${where}.endpoints.${epName}` : where, fail);
    }
    if (endpoints.size === 0) checkReadOnlyRights(shared.mcpRights, shared.readOnly ?? false, where, fail);
    environments.set(envName, { name: envName, defaultEndpoint, endpoints, ...shared });
  }
  const defaultEnvironment = optionalString(raw, 'default_environment', '', fail) ?? pickDefault(environments, DEFAULT_ENVIRONMENT);
  if (environments.size > 0 && !environments.has(defaultEnvironment)) {
    fail(`"default_environment" names environment "${defaultEnvironment}", which is not defined`);
  }
  return { path, exists, defaultEnvironment, environments, raw, mcp: readMcpSettings(raw, fail), audit: readAuditSettings(raw, fail) };
}

function pickDefault(map: Map<string, unknown>, preferred: string): string {
  if (map.has(preferred) || map.size === 0) return preferred;
  return map.keys().next().value as string;
}

type Fail = (problem: string) => never;

function readEndpoint(name: string, table: RawTable, where: string, fail: Fail): EndpointConfig {
  const url = table['url'];
  if (typeof url !== 'string') fail(`"${where}.url" is missing or not a string`);
  const normalized = normalizeUrl(url as string);
  if (!normalized) {
    fail(
      hasCredentials(url as string)
        ? `"${where}.url" must not contain credentials (${printableUrl(url as string)}): set username in the config and the password in HAC_PASSWORD`
        : `"${where}.url" must be an http(s) URL without a path (put the context path in hac_path): ${printableUrl(url as string)}`,
    );
  }
  const ignoreSsl = optionalBoolean(table, 'ignore_ssl', where, fail) ?? false;
  const timeout = table['timeout'];
  // Bounded here, not in the library: inf, 1e-7 or 1e300 is a config error (exit 2) naming the key.
  const timeoutSeconds = timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : durationValue(timeout, REQUEST_TIMEOUT_SECONDS);
  if (timeoutSeconds === undefined) fail(`"${where}.timeout" must be ${describeRange(REQUEST_TIMEOUT_SECONDS)}, got ${String(timeout)}`);
  return {
    name,
    url: normalized as string,
    ignoreSsl,
    timeoutSeconds: timeoutSeconds as number,
    ...readShared(table, where, fail),
  };
}

function readShared(table: RawTable, where: string, fail: Fail): SharedSettings {
  const shared: SharedSettings = {};
  const username = optionalString(table, 'username', where, fail);
  if (username !== undefined) shared.username = username;
  const isProtected = optionalBoolean(table, 'protected', where, fail);
  if (isProtected !== undefined) shared.protected = isProtected;
  const readOnly = optionalBoolean(table, 'read_only', where, fail);
  if (readOnly !== undefined) shared.readOnly = readOnly;
  const hacPath = table['hac_path'];
  if (hacPath !== undefined) {
    const normalized = typeof hacPath === 'string' ? normalizeHacPath(hacPath) : undefined;
    if (normalized === undefined) fail(`"${key(where, 'hac_path')}" must be "" or a path starting with "/": ${String(hacPath)}`);
    shared.hacPath = normalized as string;
  }
  const rights = readMcpRights(table, where, fail);
  if (rights !== undefined) shared.mcpRights = rights;
  return shared;
}

function key(where: string, name: string): string {
  return where ? `${where}.${name}` : name;
}

function optionalString(table: RawTable, name: string, where: string, fail: Fail): string | undefined {
  const value = table[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') fail(`"${key(where, name)}" must be a non-empty string`);
  return value as string;
}

function optionalBoolean(table: RawTable, name: string, where: string, fail: Fail): boolean | undefined {
  const value = table[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') fail(`"${key(where, name)}" must be true or false`);
  return value as boolean;
}

/**
 * `https://host:9002/hac/` → `{ origin: 'https://host:9002', path: '/hac' }`; undefined when not an
 * http(s) URL or when it carries credentials, a query, a fragment or a `;` path parameter.
 */
export function splitUrl(input: string): { origin: string; path: string } | undefined {
  const parsed = parseUrl(input);
  if (!parsed) return undefined;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (parsed.username || parsed.password || parsed.search || parsed.hash) return undefined;
  // `;jsessionid=…` (Tomcat's cookie-less session) is never part of a context path.
  if (parsed.pathname.includes(';')) return undefined;
  return { origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, '') };
}

function parseUrl(input: string): URL | undefined {
  try {
    return new URL(input.trim());
  } catch {
    return undefined;
  }
}

function hasCredentials(input: string): boolean {
  const parsed = parseUrl(input);
  return parsed !== undefined && (parsed.username !== '' || parsed.password !== '');
}

/** `input` as it may be printed in a message: a URL's user and password become `***`. */
function printableUrl(input: string): string {
  const parsed = parseUrl(input);
  if (!parsed) return input; // not a URL at all: shown as given
  if (hasCredentials(input)) return `${parsed.protocol}//***@${parsed.host}…`;
  if (!parsed.search && !parsed.hash && !parsed.pathname.includes(';')) return parsed.href;
  // A query, a fragment or `;jsessionid=` may hold a session id or CSRF token copied from a browser.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/;.*$/, ';…')}${parsed.search ? '?…' : ''}${parsed.hash ? '#…' : ''}`;
}

/** `--url` (of any command) is not usable: say why, without echoing a password written into it. */
export function urlFlagError(input: string): CliUsageError {
  if (hasCredentials(input)) {
    return new CliUsageError(`--url must not contain credentials (${printableUrl(input)}): pass the user with -u and the password in HAC_PASSWORD`);
  }
  return new CliUsageError(`--url must be an http(s) URL such as https://localhost:9002 (no query or fragment), got "${printableUrl(input)}"`);
}

/** The origin of an http(s) URL that has no path; undefined otherwise. */
export function normalizeUrl(input: string): string | undefined {
  const split = splitUrl(input);
  return split && split.path === '' ? split.origin : undefined;
}

/** `hac/` → `/hac`, `/` → `` (HAC at the root); undefined when invalid. */
export function normalizeHacPath(input: string): string | undefined {
  if (input === '' || input === '/') return '';
  if (!input.startsWith('/')) return undefined;
  return input.replace(/\/+$/, '');
}
