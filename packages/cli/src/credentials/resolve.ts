/**
 * Where the username and the password come from, first found wins:
 * 1. `-u/--user` (username) and `--password-stdin` (password: first line of stdin)
 * 2. `HAC_{USERNAME,PASSWORD}_<ENV>_<ENDPOINT>`, `…_<ENV>`, `HAC_{USERNAME,PASSWORD}`
 * 3. `username` in the config (endpoint, then environment)
 * 4. username only: the user of the target's most recently used cached session, as the Python CLI
 *    picks a session by environment/endpoint alone (`hac session start ENV --username U`, then
 *    plain `hac groovy … -e ENV`)
 * 5. the OS keychain (password only)
 * 6. the first line of stdin when it is piped and the command did not read stdin itself (password only)
 * 7. a prompt on a terminal (hidden for the password)
 * The password is resolved only when a login is actually needed: a cached session needs none.
 */
import { CliUsageError } from '../errors.js';
import { credentialFromEnv, credentialVarNames } from './env-vars.js';
import { keychainEnabled, readKeychainPassword } from './keychain.js';
import { promptLine, promptPassword } from './prompt.js';

/** Access to stdin as a credential source (implemented by the runtime, which owns stdin). */
export interface StdinPasswordSource {
  /** `--password-stdin` was given. */
  readonly explicit: boolean;
  /** The first line of stdin, when stdin may be used for the password; otherwise undefined. */
  passwordLine(): Promise<string | undefined>;
}

export interface CredentialContext {
  environment: string;
  endpoint: string;
  /** `ENV/ENDPOINT`. */
  sessionEnvironment: string;
  userFlag: string | undefined;
  configUsername: string | undefined;
  /** The user of the target's most recently used cached session; absent where it must not count. */
  cachedUsername?: () => Promise<string | undefined>;
  vars: Record<string, string | undefined>;
  stdin: StdinPasswordSource;
  /** Prompts are allowed (stdin and stderr are terminals). */
  interactive: boolean;
  signal: AbortSignal;
}

export interface Resolved {
  value: string;
  /** Where it came from, for `--debug` and error messages (never the value). */
  source: string;
}

export async function resolveUsername(ctx: CredentialContext): Promise<Resolved> {
  if (ctx.userFlag) return { value: ctx.userFlag, source: '--user' };
  const fromEnv = credentialFromEnv('USERNAME', ctx.environment, ctx.endpoint, ctx.vars);
  if (fromEnv) return fromEnv;
  if (ctx.configUsername) return { value: ctx.configUsername, source: 'config' };
  const cached = await ctx.cachedUsername?.();
  if (cached) return { value: cached, source: 'session cache' };
  if (ctx.interactive) {
    const value = await promptLine(`Username for ${ctx.sessionEnvironment}:`, ctx.signal);
    if (value) return { value, source: 'prompt' };
  }
  const names = credentialVarNames('USERNAME', ctx.environment, ctx.endpoint);
  throw new CliUsageError(
    `no username for ${ctx.sessionEnvironment} and no cached session: start one (hac session start ${ctx.environment} -n ${ctx.endpoint} --username USER), pass -u USER, set ${names.join(' or ')}, or add username = "…" to the config`,
  );
}

/**
 * The password: `keychain: false` skips the keychain. `toStore`: the password is wanted to store it
 * (`login --save-password`), so when none is found the error must not point back to that command.
 */
export async function resolvePassword(ctx: CredentialContext, username: string, options: { keychain?: boolean; toStore?: boolean } = {}): Promise<Resolved> {
  if (ctx.stdin.explicit) {
    const line = await ctx.stdin.passwordLine();
    if (!line) throw new CliUsageError('--password-stdin was given but stdin held no password');
    return { value: line, source: 'stdin' };
  }
  const fromEnv = credentialFromEnv('PASSWORD', ctx.environment, ctx.endpoint, ctx.vars);
  if (fromEnv) return fromEnv;
  if (options.keychain !== false && keychainEnabled(ctx.vars)) {
    const stored = await readKeychainPassword({ target: ctx.sessionEnvironment, username });
    if (stored) return { value: stored, source: 'keychain' };
  }
  const piped = await ctx.stdin.passwordLine();
  if (piped) return { value: piped, source: 'stdin' };
  if (ctx.interactive) {
    const value = await promptPassword(`Password for ${username} on ${ctx.sessionEnvironment}:`, ctx.signal);
    if (value) return { value, source: 'prompt' };
  }
  const names = credentialVarNames('PASSWORD', ctx.environment, ctx.endpoint);
  const variables = `${names[names.length - 1] ?? 'HAC_PASSWORD'} (or ${names[0]})`;
  if (options.toStore === true) {
    throw new CliUsageError(
      `--save-password needs the password to store for ${username} on ${ctx.sessionEnvironment}: type it at the prompt on a terminal, or give it with --password-stdin or ${variables}`,
    );
  }
  throw new CliUsageError(
    `no password for ${username} on ${ctx.sessionEnvironment}: set ${variables}, pipe it with --password-stdin, or store it in the keychain once, on a terminal: hac login --save-password`,
  );
}
