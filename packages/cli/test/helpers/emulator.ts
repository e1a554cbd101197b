/**
 * An emulator for CLI tests: started in the test process on a random port, plain HTTP, short
 * update durations. Use with `before`/`after` of a `describe` block.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from 'hac-emulator';
import { createSandbox, type HacSandbox } from './hac-process.js';

export type { Emulator } from 'hac-emulator';

export const ADMIN = { username: 'admin', password: 'nimda' } as const;

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, updateDurationMs: 200, ...options });
}

/** Env vars that give `hac` the emulator's default credentials. */
export function adminEnv(): Record<string, string> {
  return { HAC_USERNAME: ADMIN.username, HAC_PASSWORD: ADMIN.password };
}

export interface EmulatorConfigOptions {
  /** Name of the default environment. @default 'test' */
  environment?: string;
  /** TOML lines of that environment (e.g. `protected = true`). */
  settings?: string;
  /** Also the environments `prot` (protected = true) and `ro` (read_only = true) on the same emulator. */
  guarded?: boolean;
  /** TOML appended verbatim (e.g. more environments). */
  extra?: string;
}

/**
 * A config with environment `test` (endpoint `hac`) pointing at the emulator, plus the guarded
 * environments and `extra` TOML when asked for.
 */
export function emulatorConfig(emu: Emulator, options: EmulatorConfigOptions = {}): string {
  const env = options.environment ?? 'test';
  const key = /^[A-Za-z0-9_-]+$/.test(env) ? env : JSON.stringify(env); // TOML bare key or quoted
  const hacPath = emu.contextPath === '/hac' ? '' : `hac_path = "${emu.contextPath}"\n`;
  const guarded = options.guarded === true ? guardedEnvironments(emu) : '';
  return `default_environment = "${env}"

[environments.${key}]
default_endpoint = "hac"
${options.settings ?? ''}
[environments.${key}.endpoints.hac]
url = "${emu.url}"
timeout = 10
${hacPath}${guarded}${options.extra ?? ''}`;
}

/** Environments `prot` (protected = true) and `ro` (read_only = true) on the emulator, for guard-rail tests. */
function guardedEnvironments(emu: Emulator): string {
  return `
[environments.prot]
protected = true
[environments.prot.endpoints.hac]
url = "${emu.url}"

[environments.ro]
read_only = true
[environments.ro.endpoints.hac]
url = "${emu.url}"
`;
}

/**
 * The setup most CLI test files share, for their `before`: a test emulator, and a sandbox with the
 * admin credentials in its environment and `emulatorConfig(emu, config)` as its config file. Undo
 * it in `after` with `stopEmulatorSandbox`.
 */
export async function startEmulatorSandbox(
  options: { emulator?: EmulatorOptions; config?: EmulatorConfigOptions } = {},
): Promise<{ emu: Emulator; box: HacSandbox }> {
  const emu = await startTestEmulator(options.emulator);
  const box = await createSandbox(adminEnv());
  await box.writeConfig(emulatorConfig(emu, options.config));
  return { emu, box };
}

export async function stopEmulatorSandbox(emu: Emulator, box: HacSandbox): Promise<void> {
  await box.cleanup();
  await emu.close();
}

/** Whether the emulator has the language `isocode` (asked through `hac fs`, as a user would). */
export async function languageExists(box: HacSandbox, isocode: string): Promise<boolean> {
  const result = await box.run(['fs', `SELECT {isocode} FROM {Language} WHERE {isocode} = '${isocode}'`, '--json']);
  return (JSON.parse(result.stdout) as { result_count: number }).result_count === 1;
}

/**
 * Log in the way a browser does (plain `fetch`, no hac-client) and return what a user would copy
 * from the browser's developer tools: the JSESSIONID, the CSRF token and the ROUTE cookie (if any).
 */
export async function browserLogin(emu: Emulator, user: { username: string; password: string } = ADMIN): Promise<{ sessionId: string; csrfToken: string; route: string | undefined }> {
  const base = `${emu.url}${emu.contextPath}`;
  const cookies = new Map<string, string>();
  const remember = (response: Response): void => {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const cookieHeader = (): string => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfOf = (html: string): string => {
    const found = /<meta name="_csrf" content="([^"]+)"/.exec(html);
    if (!found?.[1]) throw new Error('no CSRF token on the page');
    return found[1];
  };
  const loginPage = await fetch(`${base}/login`, { redirect: 'manual' });
  remember(loginPage);
  const form = new URLSearchParams({ j_username: user.username, j_password: user.password, _csrf: csrfOf(await loginPage.text()) });
  const posted = await fetch(`${base}/j_spring_security_check`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await posted.arrayBuffer();
  remember(posted);
  if (posted.headers.get('location')?.includes('error')) throw new Error('browser login failed');
  const home = await fetch(`${base}/`, { redirect: 'manual', headers: { cookie: cookieHeader() } });
  remember(home);
  const csrfToken = csrfOf(await home.text());
  const sessionId = cookies.get('JSESSIONID');
  if (!sessionId) throw new Error('no JSESSIONID after login');
  return { sessionId, csrfToken, route: cookies.get('ROUTE') };
}
