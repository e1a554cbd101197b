import { isAbsolute, join } from 'node:path';
import { CliUsageError } from '../errors.js';

type Env = Record<string, string | undefined>;

/**
 * The home directory `~` stands for: `$HOME` when it is an absolute path (read without loading
 * `node:os`, ~0.2 ms of every command), else what the system says. `os.homedir()` answers an empty
 * or relative `HOME` as it is, and every path below would then be relative to the working directory:
 * a session cache written into a checkout, a `config.toml` read from whatever directory hac runs in.
 * Such a `HOME` is taken as no home, and the account's entry in the password database decides
 * (`os.userInfo()`, which is also what `os.homedir()` asks when `HOME` is unset).
 * Same rule as `defaultCacheDir` in the library's `options.ts`, which start-up does not load.
 */
export function homedir(env: Env = process.env): string {
  const home = process.platform === 'win32' ? undefined : env['HOME'];
  if (home !== undefined && isAbsolute(home)) return home;
  const os = process.getBuiltinModule('node:os');
  if (home === undefined) return os.homedir();
  let account: string | undefined;
  try {
    account = os.userInfo().homedir;
  } catch {
    // No entry for this user (a container started with a bare uid): nothing to fall back on.
  }
  if (account && isAbsolute(account)) return account;
  throw new CliUsageError(`HOME is ${JSON.stringify(home)}, not an absolute path, and the account has no home directory: set HOME to your home directory`);
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
  return join(homedir(env), '.config', 'hac-client', 'config.toml');
}

/**
 * The session cache shared with the library and the Python CLI: `~/.cache/hac-client` with `~` from
 * `$HOME` (Python's `Path.home()`). The Python tool ignores `XDG_CACHE_HOME`, so this does too:
 * following it would split the sessions of the two tools. Same rule as `defaultCacheDir` of the
 * library, which is not imported here to keep start-up from loading it.
 */
export function sessionCacheDir(env: Env = process.env): string {
  return join(homedir(env), '.cache', 'hac-client');
}

/**
 * The audit log of `hac mcp` and the CLI's write commands: `$XDG_STATE_HOME/hac-client/audit.jsonl`,
 * else `~/.local/state/hac-client/audit.jsonl` (the XDG base directory spec's place for history).
 */
export function auditLogPath(env: Env = process.env): string {
  const xdg = env['XDG_STATE_HOME'];
  // The spec says a relative XDG_* path is invalid and must be ignored.
  if (xdg && xdg.startsWith('/')) return join(xdg, 'hac-client', 'audit.jsonl');
  return join(homedir(env), '.local', 'state', 'hac-client', 'audit.jsonl');
}
