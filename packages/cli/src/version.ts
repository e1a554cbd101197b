/**
 * The version of `hac`, without loading anything else: `hac --version` prints it before commander or
 * any command is loaded.
 */
import { readFileSync } from 'node:fs';

// Set by the bundler (scripts/bundle.js), whose output does not sit next to package.json.
declare const HAC_CLI_VERSION: string | undefined;

export function cliVersion(): string {
  if (typeof HAC_CLI_VERSION === 'string') return HAC_CLI_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** `hac --version` / `hac -V` alone: answered before anything else loads. */
export function isVersionRequest(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
}
