/**
 * The flags of `hac env add|update` and `hac endpoint add|update`, mirroring the config keys. The
 * URL, username, timeout and TLS setting come from the global options (`--url`, `-u`, `--timeout`,
 * `-k/--insecure`), which commander parses wherever they appear on the command line.
 */
import type { Command } from 'commander';
import { CliUsageError } from '../errors.js';
import type { GlobalOptions } from '../global-options.js';
import type { SettingsPatch } from './edit.js';
import { normalizeHacPath, splitUrl, urlFlagError } from './schema.js';

export interface SettingsFlags {
  ignoreSsl?: boolean;
  protected?: boolean;
  readOnly?: boolean;
  hacPath?: string;
}

export function addSettingsFlags(command: Command, options: { uIsUrl?: boolean } = {}): Command {
  const fromGlobals = options.uIsUrl
    ? '--url URL or -u URL (url, as in the Python CLI), --username USER (username), --timeout SECONDS (timeout), -k (ignore_ssl = true)'
    : '--url URL (url), -u USER (username), --timeout SECONDS (timeout), -k (ignore_ssl = true)';
  return command
    .option('--ignore-ssl', 'do not verify the TLS certificate (ignore_ssl = true; same as -k)')
    .option('--no-ignore-ssl', 'verify the TLS certificate (ignore_ssl = false)')
    .option('--protected', 'ask for confirmation before commit, import and update (protected = true)')
    .option('--no-protected', 'protected = false')
    .option('--read-only', 'refuse commit, import and update (read_only = true)')
    .option('--no-read-only', 'read_only = false')
    .option('--hac-path <path>', 'HAC context path (hac_path), e.g. /hac or "" for the root')
    .addHelpText('after', `\nSettings from global options: ${fromGlobals}.\n`);
}

/**
 * The settings of `hac endpoint add|update`. There, as in the Python CLI, `-u` is the URL (the
 * Python CLI's `-u/--url`); the username is `--username`.
 */
export function endpointSettingsPatch(flags: SettingsFlags, globals: GlobalOptions): SettingsPatch {
  const { user: _login, userFlag, username, ...rest } = globals;
  if (userFlag !== undefined && rest.url !== undefined && userFlag !== rest.url) {
    throw new CliUsageError(`-u "${userFlag}" and --url "${rest.url}" disagree: on endpoint commands -u is the URL (as in the Python CLI); the username is --username`);
  }
  const url = rest.url ?? userFlag;
  if (rest.url === undefined && userFlag !== undefined && !splitUrl(userFlag)) {
    if (userFlag.includes('://')) throw urlFlagError(userFlag); // shown without a password written into it
    throw new CliUsageError(`-u "${userFlag}" is not a URL: on endpoint commands -u is the URL (as in the Python CLI); set the username with --username`);
  }
  return settingsPatch(flags, { ...rest, ...(url !== undefined && { url }), ...(username !== undefined && { user: username }) });
}

export function settingsPatch(flags: SettingsFlags, globals: GlobalOptions): SettingsPatch {
  const patch: SettingsPatch = {};
  if (globals.url !== undefined) {
    const split = splitUrl(globals.url);
    if (!split) throw urlFlagError(globals.url);
    patch.url = split.origin;
    if (split.path !== '') patch.hacPath = split.path; // `--url https://host/hac_admin`
  }
  const ignoreSsl = globals.insecure === true ? true : flags.ignoreSsl;
  if (ignoreSsl !== undefined) patch.ignoreSsl = ignoreSsl;
  if (globals.timeout !== undefined) patch.timeoutSeconds = globals.timeout;
  if (globals.user !== undefined) patch.username = globals.user;
  if (flags.protected !== undefined) patch.protected = flags.protected;
  if (flags.readOnly !== undefined) patch.readOnly = flags.readOnly;
  if (flags.hacPath !== undefined) {
    const hacPath = normalizeHacPath(flags.hacPath);
    if (hacPath === undefined) throw new CliUsageError(`--hac-path must be "" or start with "/", got "${flags.hacPath}"`);
    patch.hacPath = hacPath;
  }
  return patch;
}
