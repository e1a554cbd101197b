/**
 * From flags and config to the target of a command: which environment and endpoint, its URL and the
 * settings that apply (endpoint values override environment values, flags override both).
 */
import { CliUsageError } from '../errors.js';
import { endpointIdentity, sameEndpoint } from './same-endpoint.js';
import type { ResolvedTarget } from '../runtime-types.js';
import {
  DEFAULT_ENDPOINT,
  DEFAULT_HAC_PATH,
  DEFAULT_TIMEOUT_SECONDS,
  splitUrl,
  urlFlagError,
  type EndpointConfig,
  type EnvironmentConfig,
  type HacConfig,
} from './schema.js';

export interface TargetFlags {
  env?: string | undefined;
  endpoint?: string | undefined;
  url?: string | undefined;
  insecure?: boolean | undefined;
  timeoutSeconds?: number | undefined;
}

/** A target before the username is known. */
export interface SelectedTarget extends Omit<ResolvedTarget, 'username'> {
  /** `username` from the config (endpoint, then environment). */
  configUsername: string | undefined;
  /** False for an ad-hoc `--url` target that matches nothing in the config. */
  inConfig: boolean;
}

export function selectTarget(config: HacConfig, flags: TargetFlags): SelectedTarget {
  if (flags.url !== undefined) return selectByUrl(config, flags);
  const envName = flags.env ?? config.defaultEnvironment;
  const env = config.environments.get(envName);
  if (!env) {
    const known = [...config.environments.keys()].join(', ') || 'none';
    // Without a config file only the built-in environment exists: "not defined in FILE" sent people looking for FILE.
    const where = config.exists ? `in ${config.path} (defined: ${known})` : `(no config file yet at ${config.path}; built in: ${known})`;
    throw new CliUsageError(`environment "${envName}" is not defined ${where}; add it with: hac env add ${envName} --url URL, or pass --url URL`);
  }
  const endpointName = flags.endpoint ?? env.defaultEndpoint;
  const endpoint = env.endpoints.get(endpointName);
  if (env.endpoints.size === 0) {
    throw new CliUsageError(`environment "${envName}" has no endpoint yet: add one with hac endpoint add ${envName} NAME --url URL`);
  }
  if (!endpoint) {
    const known = [...env.endpoints.keys()].join(', ') || 'none';
    throw new CliUsageError(`endpoint "${endpointName}" is not defined in environment "${envName}" (defined: ${known}); add it with: hac endpoint add ${envName} ${endpointName} --url URL`);
  }
  return build(env.name, endpointName, endpoint.url, env, endpoint, flags, true);
}

/**
 * `--url`: when the URL is one of the configured endpoints, that endpoint is the target (so its
 * `protected`/`read_only` still apply); with `-e` the environment's settings apply to the given URL;
 * otherwise the target is ad hoc, its environment named after the URL's `host:port`.
 */
function selectByUrl(config: HacConfig, flags: TargetFlags): SelectedTarget {
  const split = splitUrl(flags.url as string);
  if (!split) throw urlFlagError(flags.url as string);
  const url = split.origin;
  // `--url https://host/hac_admin` names the context path too.
  const hacPath = split.path === '' ? undefined : split.path;
  // Compared as normalised origins and context paths, not as strings (see same-endpoint.ts).
  const given = endpointIdentity(url, hacPath);
  const matches: Array<{ env: EnvironmentConfig; endpoint: EndpointConfig }> = [];
  const guarding: Array<{ env: EnvironmentConfig; endpoint: EndpointConfig }> = [];
  for (const env of config.environments.values()) {
    for (const endpoint of env.endpoints.values()) {
      const configured = endpointIdentity(endpoint.url, endpoint.hacPath ?? env.hacPath ?? DEFAULT_HAC_PATH);
      if (sameEndpoint(given, configured)) matches.push({ env, endpoint });
      if (sameEndpoint(given, configured, { loopbackAliases: true })) guarding.push({ env, endpoint });
    }
  }
  const selected = ((): SelectedTarget => {
    if (flags.env !== undefined) {
      const env = config.environments.get(flags.env);
      const endpointName = flags.endpoint ?? env?.defaultEndpoint ?? DEFAULT_ENDPOINT;
      return build(flags.env, endpointName, url, env, env?.endpoints.get(endpointName), flags, env !== undefined, hacPath);
    }
    const match = matches.find((m) => flags.endpoint === undefined || flags.endpoint === m.endpoint.name);
    if (match) return build(match.env.name, match.endpoint.name, url, match.env, match.endpoint, flags, true);
    return build(new URL(url).host, flags.endpoint ?? DEFAULT_ENDPOINT, url, undefined, undefined, flags, false, hacPath);
  })();
  // A misspelt or different `-e`/`-n`, or another name for the same machine, must not lift the guard
  // rails of a configured endpoint that this URL is: the stricter settings win.
  for (const match of guarding) {
    selected.protected ||= match.endpoint.protected ?? match.env.protected ?? false;
    selected.readOnly ||= match.endpoint.readOnly ?? match.env.readOnly ?? false;
  }
  return selected;
}

function build(
  environment: string,
  endpointName: string,
  url: string,
  env: EnvironmentConfig | undefined,
  endpoint: EndpointConfig | undefined,
  flags: TargetFlags,
  inConfig: boolean,
  hacPathFlag?: string,
): SelectedTarget {
  return {
    environment,
    endpoint: endpointName,
    url,
    hacPath: hacPathFlag ?? endpoint?.hacPath ?? env?.hacPath ?? DEFAULT_HAC_PATH,
    ignoreSsl: flags.insecure === true || (endpoint?.ignoreSsl ?? false),
    timeoutSeconds: flags.timeoutSeconds ?? endpoint?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    protected: endpoint?.protected ?? env?.protected ?? false,
    readOnly: endpoint?.readOnly ?? env?.readOnly ?? false,
    sessionEnvironment: `${environment}/${endpointName}`,
    configUsername: endpoint?.username ?? env?.username,
    inConfig,
  };
}
