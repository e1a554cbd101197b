/**
 * `hac config` without a subcommand, with the Python CLI's flags: no flag shows the whole
 * configuration, `-l/--list` the environment names, `-e NAME` one environment, `-p/--path` where the
 * file is, `-x/--example` an example file, `-v/--validate` checks it; `--json` for each.
 */
import { existsSync } from 'node:fs';
import { checkConfig } from '../config/check.js';
import { findEnvironment, type EnvironmentConfig, type HacConfig } from '../config/schema.js';
import { credentialFromEnv } from '../credentials/env-vars.js';
import { ConfigError } from '../errors.js';
import { formatJson } from '../output/json.js';
import type { CoreRuntime } from '../runtime.js';
import { pythonEndpointSettings } from './shared/config-records.js';

export interface OverviewFlags {
  list?: boolean;
  listEnvironments?: boolean;
  validate?: boolean;
  path?: boolean;
  example?: boolean;
}

/** An environment as the Python CLI's `hac config --json` shows one, its endpoints added. */
function environmentDocument(runtime: CoreRuntime, cfg: HacConfig, env: EnvironmentConfig): Record<string, unknown> {
  const main = env.endpoints.get(env.defaultEndpoint);
  return {
    name: env.name,
    url: main?.url ?? null,
    username: env.username ?? main?.username ?? null,
    // Whether a password variable is set for it (never the value; the file holds no passwords).
    password_configured: credentialFromEnv('PASSWORD', env.name, env.defaultEndpoint, runtime.env) !== undefined,
    ignore_ssl: main?.ignoreSsl ?? null,
    timeout: main?.timeoutSeconds ?? null,
    is_default: env.name === cfg.defaultEnvironment,
    default_endpoint: main ? env.defaultEndpoint : null,
    endpoints: Object.fromEntries([...env.endpoints.values()].map((ep) => [ep.name, pythonEndpointSettings(env, ep)])),
  };
}

function endpointLines(env: EnvironmentConfig, indent: string): string[] {
  if (env.endpoints.size === 0) return [`${indent}no endpoint yet (hac endpoint add ${env.name} NAME --url URL)`];
  return [...env.endpoints.values()].map(
    (ep) => `${indent}${ep.name}${ep.name === env.defaultEndpoint ? ' (default)' : ''}: ${ep.url}${ep.ignoreSsl ? ', TLS not verified' : ''}, timeout ${ep.timeoutSeconds}s`,
  );
}

export async function showOverview(runtime: CoreRuntime, flags: OverviewFlags): Promise<void> {
  const { output } = runtime;
  const json = output.format('table') === 'json';
  const path = runtime.configPath;
  if (flags.path) {
    const exists = existsSync(path);
    output.data(json ? formatJson({ config_path: path, exists }) : `Configuration file: ${path}\nStatus: ${exists ? 'exists' : 'not found'}`);
    return;
  }
  if (flags.example) {
    const { EXAMPLE_CONFIG } = await import('../config/example.js');
    output.data(EXAMPLE_CONFIG);
    return;
  }
  if (flags.validate) return validate(runtime, json);

  const cfg = await runtime.config();
  const envName = runtime.globals().env;
  if (envName !== undefined) {
    const env = findEnvironment(cfg, envName);
    if (json) {
      output.data(formatJson(environmentDocument(runtime, cfg, env)));
      return;
    }
    const lines = [`Environment: ${env.name}${env.name === cfg.defaultEnvironment ? ' (default)' : ''}`, ...endpointLines(env, '  ')];
    if (env.username) lines.push(`  Username: ${env.username}`);
    output.data(lines.join('\n'));
    return;
  }
  const names = [...cfg.environments.keys()].sort();
  if (flags.list || flags.listEnvironments) {
    output.data(
      json
        ? formatJson({ environments: [...cfg.environments.keys()], default: cfg.defaultEnvironment })
        : ['Configured environments:', ...names.map((name) => `  - ${name}${name === cfg.defaultEnvironment ? ' (default)' : ''}`)].join('\n'),
    );
    return;
  }
  if (json) {
    output.data(
      formatJson({
        config_path: path,
        exists: cfg.exists,
        default_environment: cfg.defaultEnvironment,
        environments: Object.fromEntries([...cfg.environments.values()].map((env) => [env.name, environmentDocument(runtime, cfg, env)])),
      }),
    );
    return;
  }
  const lines = [
    `Configuration file: ${path}`,
    `Status: ${cfg.exists ? 'exists' : 'not found (the built-in defaults apply)'}`,
    '',
    `Default environment: ${cfg.defaultEnvironment}`,
    '',
    `Environments (${names.length}):`,
  ];
  for (const name of names) {
    const env = cfg.environments.get(name) as EnvironmentConfig;
    lines.push(`  ${name}${name === cfg.defaultEnvironment ? ' <- default' : ''}`);
    for (const line of endpointLines(env, '    ')) lines.push(line);
  }
  output.data(lines.join('\n'));
  output.info('\nMore: hac config -l (names), hac config -e NAME, hac config -v (validate), hac config -x (example file)');
}

async function validate(runtime: CoreRuntime, json: boolean): Promise<void> {
  let cfg: HacConfig;
  try {
    cfg = await runtime.config();
  } catch (error) {
    // The one-line error (exit 2) follows; a script asking for JSON gets its document first.
    if (json && error instanceof ConfigError) runtime.output.data(formatJson({ valid: false, issues: [error.message] }));
    throw error;
  }
  const { warnings, notes } = checkConfig(cfg);
  if (json) {
    runtime.output.data(formatJson({ valid: true, issues: warnings, config_path: cfg.path, exists: cfg.exists }));
    return;
  }
  for (const warning of warnings) runtime.output.warn(`warning: ${warning}`);
  for (const note of notes) runtime.output.info(`note: ${note}`);
  const endpoints = [...cfg.environments.values()].reduce((n, env) => n + env.endpoints.size, 0);
  runtime.output.data(
    [
      cfg.exists ? 'Configuration is valid' : `No configuration file at ${cfg.path}: the built-in defaults apply`,
      `  - ${cfg.environments.size} environment(s), ${endpoints} endpoint(s) configured`,
      `  - Default: ${cfg.defaultEnvironment}`,
    ].join('\n'),
  );
}
