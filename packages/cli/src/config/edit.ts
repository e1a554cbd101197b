/**
 * Changes to the raw config document behind `hac env …` and `hac endpoint …`. They work on the parsed
 * TOML table in place so that keys this version does not know survive a rewrite.
 */
import { CliUsageError } from '../errors.js';
import { jsonText } from '../output/json.js';
import { DEFAULT_ENDPOINT, defaultRawConfig, FLAT_ENDPOINT_KEYS, isFlatEnvironment, isTable, type RawTable } from './schema.js';
import { unsafeShellWordReason } from './shell-words.js';

/** Keys of an endpoint or environment table that the CLI writes; `undefined` leaves a key alone. */
export interface SettingsPatch {
  url?: string;
  ignoreSsl?: boolean;
  timeoutSeconds?: number;
  hacPath?: string;
  username?: string;
  protected?: boolean;
  readOnly?: boolean;
}

const rawKeys: Record<keyof SettingsPatch, string> = {
  url: 'url',
  ignoreSsl: 'ignore_ssl',
  timeoutSeconds: 'timeout',
  hacPath: 'hac_path',
  username: 'username',
  protected: 'protected',
  readOnly: 'read_only',
};

/** Settings that belong to a whole environment when given to `env add`/`env update`. */
const environmentLevel: ReadonlyArray<keyof SettingsPatch> = ['username', 'protected', 'readOnly'];

function apply(table: RawTable, patch: SettingsPatch, only?: ReadonlyArray<keyof SettingsPatch>): void {
  for (const [name, value] of Object.entries(patch) as Array<[keyof SettingsPatch, unknown]>) {
    if (value === undefined || (only && !only.includes(name))) continue;
    table[rawKeys[name]] = value;
  }
}

/**
 * Rewrite environments in the Python CLI's flat form (`[environments.dev] url = …`) in the nested
 * form, endpoint `hac`, before an edit: they keep meaning the same, and edits can add endpoints.
 */
export function nestFlatEnvironments(raw: RawTable): void {
  const all = raw['environments'];
  if (!isTable(all)) return;
  for (const env of Object.values(all)) {
    if (!isTable(env) || !isFlatEnvironment(env)) continue;
    const endpoint: RawTable = {};
    for (const key of FLAT_ENDPOINT_KEYS) {
      if (env[key] === undefined) continue;
      endpoint[key] = env[key];
      delete env[key];
    }
    env['default_endpoint'] ??= DEFAULT_ENDPOINT;
    env['endpoints'] = { [DEFAULT_ENDPOINT]: endpoint };
  }
}

/** Equal TOML data, whatever the key order or prototype (parsed tables have none). */
function sameData(a: unknown, b: unknown): boolean {
  if (isTable(a) && isTable(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]));
  }
  return Object.is(a, b);
}

function child(table: RawTable, name: string): RawTable {
  const existing = table[name];
  if (isTable(existing)) return existing;
  const created: RawTable = {};
  table[name] = created;
  return created;
}

function environments(raw: RawTable): RawTable {
  return child(raw, 'environments');
}

function environment(raw: RawTable, name: string): RawTable {
  const env = environments(raw)[name];
  if (!isTable(env)) throw new CliUsageError(`environment "${name}" is not defined (see: hac env list)`);
  return env;
}

function endpoints(raw: RawTable, envName: string): RawTable {
  return child(environment(raw, envName), 'endpoints');
}

/**
 * Names are typed on command lines and offered by completion: a new one must mean the same to every
 * shell, quoted or not. Names already in the file (written by hand or by the Python CLI) stay usable;
 * `hac config validate` flags them.
 */
function checkNewName(what: 'environment' | 'endpoint', name: string): void {
  const reason = unsafeShellWordReason(name);
  if (reason) throw new CliUsageError(`${what} name ${jsonText(name)} is unsafe as a shell word: ${reason}; use letters, digits, ".", "_" and "-"`);
}

/**
 * Add environment `name`: with `patch.url`, together with its first endpoint `endpointName`; without,
 * empty (the Python CLI's `hac env add NAME`; endpoints follow with `hac endpoint add`). An existing
 * environment that is exactly the built-in default (`local`, written with the first edit) is
 * replaced, so the Python CLI's quick start (`hac env add local`, then `hac endpoint add local hac …`)
 * works. Returns whether that happened.
 */
export function addEnvironment(raw: RawTable, name: string, endpointName: string, patch: SettingsPatch): boolean {
  checkNewName('environment', name);
  if (patch.url) checkNewName('endpoint', endpointName);
  const existing = environments(raw)[name];
  const builtIn = (defaultRawConfig()['environments'] as RawTable)[name];
  const replacesDefault = builtIn !== undefined && sameData(existing, builtIn);
  if (isTable(existing) && !replacesDefault) throw new CliUsageError(`environment "${name}" already exists`);
  const env: RawTable = {};
  apply(env, patch, patch.url ? environmentLevel : [...environmentLevel, 'hacPath']);
  if (patch.url) {
    const endpoint: RawTable = {};
    apply(endpoint, patch, ['url', 'ignoreSsl', 'timeoutSeconds', 'hacPath']);
    env['default_endpoint'] = endpointName;
    env['endpoints'] = { [endpointName]: endpoint };
  } else if (patch.ignoreSsl !== undefined || patch.timeoutSeconds !== undefined) {
    throw new CliUsageError('ignore_ssl and timeout belong to an endpoint: pass --url too, or set them with hac endpoint add');
  }
  environments(raw)[name] = env;
  return replacesDefault;
}

export function updateEnvironment(raw: RawTable, name: string, patch: SettingsPatch): void {
  apply(environment(raw, name), patch, [...environmentLevel, 'hacPath']);
}

export function removeEnvironment(raw: RawTable, name: string): void {
  environment(raw, name);
  const all = environments(raw);
  if (raw['default_environment'] === name && Object.keys(all).length > 1) {
    throw new CliUsageError(`"${name}" is the default environment: choose another one first (hac env set-default NAME)`);
  }
  delete all[name];
  if (raw['default_environment'] === name) delete raw['default_environment'];
}

export function setDefaultEnvironment(raw: RawTable, name: string): void {
  environment(raw, name);
  raw['default_environment'] = name;
}

export function addEndpoint(raw: RawTable, envName: string, name: string, patch: SettingsPatch): void {
  checkNewName('endpoint', name);
  const all = endpoints(raw, envName);
  if (isTable(all[name])) throw new CliUsageError(`endpoint "${name}" already exists in environment "${envName}"`);
  if (!patch.url) throw new CliUsageError(`a new endpoint needs --url`);
  const endpoint: RawTable = {};
  apply(endpoint, patch);
  all[name] = endpoint;
  const env = environment(raw, envName);
  if (typeof env['default_endpoint'] !== 'string' || !isTable(all[env['default_endpoint']])) env['default_endpoint'] = name;
}

export function updateEndpoint(raw: RawTable, envName: string, name: string, patch: SettingsPatch): void {
  const endpoint = endpoints(raw, envName)[name];
  if (!isTable(endpoint)) throw new CliUsageError(`endpoint "${name}" is not defined in environment "${envName}"`);
  if (Object.values(patch).every((value) => value === undefined)) {
    throw new CliUsageError('nothing to update: pass at least one setting (see: hac endpoint update --help)');
  }
  apply(endpoint, patch);
}

export function removeEndpoint(raw: RawTable, envName: string, name: string): void {
  const all = endpoints(raw, envName);
  if (!isTable(all[name])) throw new CliUsageError(`endpoint "${name}" is not defined in environment "${envName}"`);
  const env = environment(raw, envName);
  const count = Object.keys(all).length;
  if (count === 1) throw new CliUsageError(`"${name}" is the only endpoint of "${envName}": remove the environment instead (hac env remove ${envName})`);
  if (env['default_endpoint'] === name) {
    throw new CliUsageError(`"${name}" is the default endpoint of "${envName}": choose another one first (hac endpoint set-default -e ${envName} NAME)`);
  }
  delete all[name];
}

export function setDefaultEndpoint(raw: RawTable, envName: string, name: string): void {
  if (!isTable(endpoints(raw, envName)[name])) throw new CliUsageError(`endpoint "${name}" is not defined in environment "${envName}"`);
  environment(raw, envName)['default_endpoint'] = name;
}
