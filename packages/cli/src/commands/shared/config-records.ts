/**
 * Environments and endpoints as JSON documents in the Python CLI's field names and shapes
 * (`hac env list -f json`, `hac env show --json`, `hac endpoint list -f json`), which scripts written
 * for it read. The Python fields come first, unchanged; this CLI's settings follow in the same style.
 */
import { DEFAULT_HAC_PATH, type EndpointConfig, type EnvironmentConfig, type HacConfig } from '../../config/schema.js';

/** One endpoint: the Python CLI's `url`, `ignore_ssl`, `timeout`, then the settings in effect on it. */
export function pythonEndpointSettings(env: EnvironmentConfig, ep: EndpointConfig): Record<string, unknown> {
  return {
    url: ep.url,
    ignore_ssl: ep.ignoreSsl,
    timeout: ep.timeoutSeconds,
    hac_path: ep.hacPath ?? env.hacPath ?? DEFAULT_HAC_PATH,
    username: ep.username ?? env.username ?? null,
    protected: ep.protected ?? env.protected ?? false,
    read_only: ep.readOnly ?? env.readOnly ?? false,
  };
}

/** `{ name, endpoints: { NAME: {…} }, default_endpoint, is_default, … }` as the Python CLI prints it. */
export function pythonEnvironmentRecord(cfg: HacConfig, env: EnvironmentConfig): Record<string, unknown> {
  return {
    name: env.name,
    endpoints: Object.fromEntries([...env.endpoints.values()].map((ep) => [ep.name, pythonEndpointSettings(env, ep)])),
    default_endpoint: env.endpoints.has(env.defaultEndpoint) ? env.defaultEndpoint : null,
    is_default: env.name === cfg.defaultEnvironment,
    username: env.username ?? null,
    protected: env.protected ?? false,
    read_only: env.readOnly ?? false,
    hac_path: env.hacPath ?? null,
  };
}

/** `{ name, url, ignore_ssl, timeout, is_default, … }` as the Python CLI's `endpoint list -f json`. */
export function pythonEndpointRecord(env: EnvironmentConfig, ep: EndpointConfig): Record<string, unknown> {
  const { url, ignore_ssl, timeout, ...rest } = pythonEndpointSettings(env, ep);
  return { name: ep.name, url, ignore_ssl, timeout, is_default: ep.name === env.defaultEndpoint, environment: env.name, ...rest };
}
