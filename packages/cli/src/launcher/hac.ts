/**
 * The installed `hac` (`bin/hac.cjs` → `dist/bundle/hac.cjs`, built from this file): answers
 * `hac --version` at once, else runs the CLI bundle (`dist/bundle/cli.cjs`, from `main.ts`) through
 * the V8 code cache. Kept tiny: everything it imports is loaded on every run.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isVersionRequest, cliVersion } from '../version.js';
import { loadBundle } from './compile-cache.js';

// Set by scripts/bundle.js.
declare const HAC_BUNDLE_HASH: string;
declare const HAC_COMMAND_NAMES: readonly string[];

/**
 * `~/.cache/hac-cli`, beside the session cache (`~/.cache/hac-client`, where the Python tool keeps
 * it, whatever XDG_CACHE_HOME says); none with `HAC_NO_CODE_CACHE` set.
 */
export function codeCacheDir(env: Record<string, string | undefined>): string | undefined {
  if (env['HAC_NO_CODE_CACHE']) return undefined;
  const home = process.platform !== 'win32' && env['HOME'] ? env['HOME'] : homedir();
  return join(home, '.cache', 'hac-cli');
}

/**
 * Each command gets its own cache file, holding the functions its runs compile; the key also
 * separates Node versions and flags (V8 rejects a cache made under other flags).
 */
function cacheName(argv: readonly string[]): string {
  const command = argv.find((arg) => HAC_COMMAND_NAMES.includes(arg)) ?? 'none';
  const flags = fnv1a(`${process.execArgv.join(' ')}|${process.env['NODE_OPTIONS'] ?? ''}`);
  return `cli-${HAC_BUNDLE_HASH}-${process.version}-${process.arch}-${flags}-${command}.v8`;
}

/** A short, stable hash of a string (no crypto: loading it costs every run). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

const argv = process.argv.slice(2);
if (isVersionRequest(argv)) {
  process.stdout.write(`${cliVersion()}\n`);
} else {
  const bundle = loadBundle(join(__dirname, 'cli.cjs'), {
    dir: codeCacheDir(process.env),
    name: cacheName(argv),
    stalePrefix: 'cli-',
    keepPrefix: `cli-${HAC_BUNDLE_HASH}-`,
  }, require);
  process.once('exit', () => bundle.saveCache());
  void (bundle.exports['runCli'] as (argv: readonly string[]) => Promise<never>)(argv);
}
