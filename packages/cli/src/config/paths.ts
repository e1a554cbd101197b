import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * Where the config file lives, as the Python CLI looks for it: `$HAC_CLIENT_CONFIG_PATH`, else
 * `$XDG_CONFIG_HOME/hac-client/config.toml`, else `~/.config/hac-client/config.toml`.
 */
export function configPath(env: Env = process.env): string {
  const explicit = env['HAC_CLIENT_CONFIG_PATH'];
  if (explicit) return explicit;
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg) return join(xdg, 'hac-client', 'config.toml');
  return join(homedir(), '.config', 'hac-client', 'config.toml');
}

/**
 * The session cache shared with the library and the Python CLI: `$XDG_CACHE_HOME/hac-client`, else
 * `~/.cache/hac-client` (the Python default).
 */
export function sessionCacheDir(env: Env = process.env): string {
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg) return join(xdg, 'hac-client');
  return join(homedir(), '.cache', 'hac-client');
}
