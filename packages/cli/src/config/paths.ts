import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * `os.homedir()`, which answers `$HOME` whenever it is set (POSIX; `HOME=` included, as ""): without
 * loading `node:os` (~0.2 ms of every command) for it, unless `HOME` is unset or on Windows.
 */
export function homedir(): string {
  const home = process.platform === 'win32' ? undefined : process.env['HOME'];
  return home ?? process.getBuiltinModule('node:os').homedir();
}

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
 * The session cache shared with the library and the Python CLI: `~/.cache/hac-client` with `~` from
 * `$HOME` (Python's `Path.home()`). The Python tool ignores `XDG_CACHE_HOME`, so this does too:
 * following it would split the sessions of the two tools. Same rule as `defaultCacheDir` of the
 * library, which is not imported here to keep start-up from loading it.
 */
export function sessionCacheDir(env: Env = process.env): string {
  const home = process.platform !== 'win32' && env['HOME'] ? env['HOME'] : homedir();
  return join(home, '.cache', 'hac-client');
}

/**
 * The audit log of `hac mcp` and the CLI's write commands: `$XDG_STATE_HOME/hac-client/audit.jsonl`,
 * else `~/.local/state/hac-client/audit.jsonl` (the XDG base directory spec's place for history).
 */
export function auditLogPath(env: Env = process.env): string {
  const xdg = env['XDG_STATE_HOME'];
  // The spec says a relative XDG_* path is invalid and must be ignored.
  if (xdg && xdg.startsWith('/')) return join(xdg, 'hac-client', 'audit.jsonl');
  const home = process.platform !== 'win32' && env['HOME'] ? env['HOME'] : homedir();
  return join(home, '.local', 'state', 'hac-client', 'audit.jsonl');
}
