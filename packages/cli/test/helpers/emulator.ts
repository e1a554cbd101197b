/**
 * An emulator for CLI tests: started in the test process on a random port, plain HTTP, short
 * update durations. Use with `before`/`after` of a `describe` block.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from 'hac-emulator';

export type { Emulator } from 'hac-emulator';

export const ADMIN = { username: 'admin', password: 'nimda' } as const;

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, updateDurationMs: 200, ...options });
}

/** Env vars that give `hac` the emulator's default credentials. */
export function adminEnv(): Record<string, string> {
  return { HAC_USERNAME: ADMIN.username, HAC_PASSWORD: ADMIN.password };
}

/**
 * A config with environment `test` (endpoint `hac`) pointing at the emulator, plus `extra` TOML
 * appended verbatim (e.g. more environments).
 */
export function emulatorConfig(emu: Emulator, options: { environment?: string; settings?: string; extra?: string } = {}): string {
  const env = options.environment ?? 'test';
  const hacPath = emu.contextPath === '/hac' ? '' : `hac_path = "${emu.contextPath}"\n`;
  return `default_environment = "${env}"

[environments.${env}]
default_endpoint = "hac"
${options.settings ?? ''}
[environments.${env}.endpoints.hac]
url = "${emu.url}"
timeout = 10
${hacPath}${options.extra ?? ''}`;
}
