/**
 * Passwords in the OS keychain, through the platform's own command-line tool (no native module):
 * `secret-tool` (libsecret) on Linux, `security` on macOS. A missing tool, a locked keyring or a
 * missing entry is never an error when reading: the next credential source is tried.
 */
import type { ExecFileException } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const SERVICE = 'hac-client';
const TIMEOUT_MS = 3000;

export interface KeychainKey {
  /** `ENV/ENDPOINT`, the session key of the target. */
  target: string;
  username: string;
}

interface RunResult {
  code: number | null;
  stdout: string;
  missing: boolean;
}

async function run(command: string, args: string[], input?: string): Promise<RunResult> {
  // Loaded here: every run imports this module (credential sources), few run a keychain tool.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = execFile(command, args, { timeout: TIMEOUT_MS, encoding: 'utf8', windowsHide: true }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, missing: (error as ExecFileException | null)?.code === 'ENOENT' });
    });
    child.stdin?.on('error', () => {}); // the tool may exit before reading its input
    child.stdin?.end(input ?? '');
  });
}

/** Whether the keychain is used at all (`HAC_NO_KEYCHAIN=1` turns it off, e.g. in CI). */
export function keychainEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return !env['HAC_NO_KEYCHAIN'] && (process.platform === 'linux' || process.platform === 'darwin');
}

function onPath(tool: string, env: Record<string, string | undefined>): boolean {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/**
 * Why a password cannot be stored in the keychain here, with what would make it possible; undefined
 * when the keychain tool is there (checked before logging in, so that nothing is half done).
 */
export function keychainUnavailable(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env['HAC_NO_KEYCHAIN']) return 'HAC_NO_KEYCHAIN turns the keychain off (unset it to use the keychain)';
  if (process.platform === 'darwin') return onPath('security', env) ? undefined : "macOS's security tool is not on PATH (it lives in /usr/bin)";
  if (process.platform !== 'linux') return `hac has no keychain on ${process.platform} (it uses secret-tool on Linux, security on macOS)`;
  if (onPath('secret-tool', env)) return undefined;
  return 'secret-tool is not installed (Debian/Ubuntu: sudo apt install libsecret-tools; Fedora: sudo dnf install libsecret); it stores into a Secret Service such as GNOME Keyring or KWallet';
}

function account(key: KeychainKey): string {
  return `${key.username}@${key.target}`;
}

function linuxAttributes(key: KeychainKey): string[] {
  return ['service', SERVICE, 'target', key.target, 'username', key.username];
}

/** The stored password, or undefined (no tool, no entry, locked keyring, timeout). */
export async function readKeychainPassword(key: KeychainKey): Promise<string | undefined> {
  const result =
    process.platform === 'darwin'
      ? await run('security', ['find-generic-password', '-s', SERVICE, '-a', account(key), '-w'])
      : await run('secret-tool', ['lookup', ...linuxAttributes(key)]);
  if (result.code !== 0) return undefined;
  const password = result.stdout.replace(/\r?\n$/, '');
  return password === '' ? undefined : password;
}

/** Store (or replace) a password. Returns a reason when it could not. */
export async function storeKeychainPassword(key: KeychainKey, password: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const result =
    process.platform === 'darwin'
      ? // `security` takes the password as an argument; it is visible to `ps` for the moment the tool runs.
        await run('security', ['add-generic-password', '-U', '-s', SERVICE, '-a', account(key), '-l', `${SERVICE} ${account(key)}`, '-w', password])
      : await run('secret-tool', ['store', '--label', `${SERVICE} ${account(key)}`, ...linuxAttributes(key)], password);
  if (result.code === 0) return { ok: true };
  const tool = process.platform === 'darwin' ? 'security' : 'secret-tool';
  if (result.missing) return { ok: false, reason: `${tool} is not installed` };
  const hint = tool === 'secret-tool' ? ': is a Secret Service (GNOME Keyring, KWallet) running and unlocked in this session?' : '';
  return { ok: false, reason: `${tool} failed (exit ${String(result.code)})${hint}` };
}

/** Delete a stored password; true when one was deleted. */
export async function deleteKeychainPassword(key: KeychainKey): Promise<boolean> {
  const result =
    process.platform === 'darwin'
      ? await run('security', ['delete-generic-password', '-s', SERVICE, '-a', account(key)])
      : await run('secret-tool', ['clear', ...linuxAttributes(key)]);
  return result.code === 0;
}
