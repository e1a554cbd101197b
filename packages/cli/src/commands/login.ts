/** `hac login` / `hac logout`: short forms of `hac session start` and of ending a session. */
import type { Command } from 'commander';
import { CliError, CliUsageError } from '../errors.js';
import { withExamples } from '../help.js';
import type { CoreRuntime } from '../runtime.js';

/** Log in (or confirm the cached session works) and say which it was. */
export async function startSession(runtime: CoreRuntime, options: { force: boolean }): Promise<void> {
  const piped = readPipedPassword(runtime);
  const target = await runtime.target();
  if (options.force) {
    const manager = await runtime.sessionManager();
    await manager.removeSession(target.url, target.username, target.sessionEnvironment, target.hacPath);
  }
  const client = await runtime.client();
  const before = await client.sessionInfo();
  await client.login({ signal: runtime.signal });
  const after = await client.sessionInfo();
  const reused = before !== null && after !== null && before.createdAt === after.createdAt;
  runtime.output.info(
    `${reused ? 'cached session still valid' : 'logged in'}: ${target.sessionEnvironment} (${target.url}${target.hacPath}) as ${target.username}`,
  );
  if (reused) await piped?.settledWithin(PIPED_PASSWORD_WAIT_MS);
}

/** How long a run that needed no password still waits for a piped one to arrive. */
const PIPED_PASSWORD_WAIT_MS = 1000;

/**
 * `echo "$PW" | hac session start local --username admin`, the Python CLI's documented form: a
 * piped password is read from the start, as the Python CLI reads it, even when the cached session
 * turns out to need none. Left unread, hac could exit before `echo` wrote, and `echo` would die of
 * SIGPIPE: exit 141 for the whole pipeline under `set -o pipefail`, a CI step failing now and then.
 * A run that needed no password waits for the pipe at most `PIPED_PASSWORD_WAIT_MS` before it ends,
 * so that a stdin left open by whatever started hac (an IDE, a runner) never holds it; one that
 * logs in waits for the password as before. Not read when the password comes from `-p` or a
 * variable (the Python CLI does not read it then either): a CI job whose shell reads its script
 * from stdin keeps it.
 */
function readPipedPassword(runtime: CoreRuntime): { settledWithin(ms: number): Promise<void> } | undefined {
  if (runtime.stdinIsTTY || runtime.passwordSource() !== undefined) return undefined;
  const read = (async () => {
    const sel = await runtime.selectedTarget();
    const context = runtime.credentialContext(sel);
    if (!context.stdin.explicit) {
      const { credentialFromEnv } = await import('../credentials/env-vars.js');
      if (credentialFromEnv('PASSWORD', sel.environment, sel.endpoint, runtime.env) !== undefined) return;
    }
    await context.stdin.passwordLine();
  })().catch(() => undefined); // a stdin that cannot be read is reported by the login that needs it
  return {
    async settledWithin(ms) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([read, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    },
  };
}

/**
 * What works without a keychain. When a password variable is set it already serves every command, so
 * that is what to say, rather than to set it.
 */
async function withoutKeychain(runtime: CoreRuntime): Promise<string> {
  const { credentialFromEnv, credentialVarNames } = await import('../credentials/env-vars.js');
  const sel = await runtime.selectedTarget();
  const set = credentialFromEnv('PASSWORD', sel.environment, sel.endpoint, runtime.env);
  if (set !== undefined) return `${set.source} is set and already gives the password: plain "hac login" (or any command) logs in with it`;
  const names = credentialVarNames('PASSWORD', sel.environment, sel.endpoint);
  return `without a keychain, give the password with ${names[names.length - 1] ?? 'HAC_PASSWORD'} (or ${names[0]}) or --password-stdin`;
}

export function register(program: Command, runtime: CoreRuntime): void {
  withExamples(
    program
      .command('login')
      .description('log in and cache the session (same as: hac session start)')
      .option('--force', 'discard the cached session and log in again')
      .option('--save-password', 'after a successful login, store the password in the OS keychain (secret-tool / security)')
      .action(async (options: { force?: boolean; savePassword?: boolean }) => {
        if (!options.savePassword) {
          await startSession(runtime, { force: options.force === true });
          return;
        }
        const { keychainUnavailable, storeKeychainPassword } = await import('../credentials/keychain.js');
        // Said before logging in: a login that then cannot store anything would be half the work.
        const unavailable = keychainUnavailable(runtime.env);
        if (unavailable !== undefined) throw new CliUsageError(`--save-password cannot store the password: ${unavailable}; ${await withoutKeychain(runtime)}`);
        // The password to store comes from anywhere but the keychain (which may hold the old one);
        // a fresh login proves it before it is stored.
        await runtime.password({ keychain: false, toStore: true });
        await startSession(runtime, { force: true });
        const target = await runtime.target();
        const stored = await storeKeychainPassword({ target: target.sessionEnvironment, username: target.username }, (await runtime.password()).value);
        if (!stored.ok) throw new CliError(`logged in, but the password was not stored: ${stored.reason}`);
        runtime.output.info(`password for ${target.username} on ${target.sessionEnvironment} stored in the keychain`);
      }),
    ['hac login', 'hac -e prod login -u admin --save-password', 'HAC_PASSWORD=… hac login --force'],
  );

  withExamples(
    program
      .command('logout')
      .description("end the target's HAC session and remove it from the cache")
      .option('--forget-password', 'also delete the password stored in the OS keychain')
      .action(async (options: { forgetPassword?: boolean }) => {
        const target = await runtime.target();
        const manager = await runtime.sessionManager();
        const cached = await manager.loadSession(target.url, target.username, target.sessionEnvironment, target.hacPath);
        if (!cached) {
          runtime.output.info(`no session for ${target.username} on ${target.sessionEnvironment}`);
        } else {
          const client = await runtime.client();
          try {
            await client.logout({ signal: runtime.signal });
            runtime.output.info(`logged out: ${target.sessionEnvironment} (${target.url})`);
          } catch (error) {
            const name = error instanceof Error ? error.name : '';
            if (name !== 'HacConnectionError' && name !== 'HacTimeoutError') throw error;
            // The cached session is gone either way; the server session will time out by itself.
            runtime.output.warn(`session removed from the cache, but HAC could not be told: ${(error as Error).message}`);
          }
        }
        if (options.forgetPassword) {
          const { deleteKeychainPassword } = await import('../credentials/keychain.js');
          const deleted = await deleteKeychainPassword({ target: target.sessionEnvironment, username: target.username });
          runtime.output.info(deleted ? 'password deleted from the keychain' : 'no password in the keychain');
        }
      }),
    ['hac logout', 'hac -e prod logout --forget-password'],
  );
}
