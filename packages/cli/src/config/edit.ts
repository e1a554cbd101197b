/**
 * Changes to the raw config document behind `hac env …` and `hac endpoint …`. They work on the parsed
 * TOML table in place so that keys this version does not know survive a rewrite.
 */
import { CliUsageError } from '../errors.js';
import { isTable, type RawTable } from './schema.js';

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

export function addEnvironment(raw: RawTable, name: string, endpointName: string, patch: SettingsPatch): void {
  if (isTable(environments(raw)[name])) throw new CliUsageError(`environment "${name}" already exists`);
  if (!patch.url) throw new CliUsageError(`a new environment needs --url (the URL of its endpoint "${endpointName}")`);
  const env: RawTable = { default_endpoint: endpointName };
  apply(env, patch, environmentLevel);
  const endpoint: RawTable = {};
  apply(endpoint, patch, ['url', 'ignoreSsl', 'timeoutSeconds', 'hacPath']);
  env['endpoints'] = { [endpointName]: endpoint };
  environments(raw)[name] = env;
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
