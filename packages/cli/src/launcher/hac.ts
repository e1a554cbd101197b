/**
 * The installed `hac` (`bin/hac.cjs` → `dist/bundle/hac.cjs`, built from this file): answers
 * `hac --version` at once, prints a help it rendered before from the rendered-help cache
 * (`help-cache.ts`), runs `hac --help` from the help bundle (`dist/bundle/help.cjs`: the CLI
 * without its commands), a command with a hot bundle (`dist/bundle/hot-groovy.cjs`: the CLI with
 * that command's module only) from that bundle, and everything else from the CLI bundle
 * (`dist/bundle/cli.cjs`), all from `main.ts`, through the V8 code cache.
 *
 * Kept tiny, and it loads nothing before it knows what to run: `hac --version` costs Node's own
 * start plus this file and a write to the descriptor. Built-in modules other than `node:fs` come
 * through `process.getBuiltinModule` where they are used, because esbuild would hoist an `import`
 * of them to the top of the file.
 */
import { loadBundle, type LoadedBundle } from './compile-cache.js';
import { writeToDescriptor } from '../stdio.js';
import { cliVersion, isVersionRequest } from '../version.js';
import type { ShownHelp } from '../help.js';
import { bundleFor } from './fast-paths.js';
import { fnv1a } from './short-hash.js';
import { helpCacheEntry, mayBeCachedHelp, printCachedHelp, storeShownHelp } from './help-cache.js';

// Set by scripts/bundle.js.
declare const HAC_BUNDLE_HASHES: { readonly cli: string; readonly help: string; readonly [hot: string]: string };
declare const HAC_VENDOR_HASHES: Readonly<Record<string, string>>;
declare const HAC_COMMAND_NAMES: readonly string[];
/** Each name and alias of a command with a hot bundle, with that bundle (`hot-groovy`). */
declare const HAC_HOT_BUNDLES: Readonly<Record<string, string>>;

/**
 * `~/.cache/hac-cli`, beside the session cache (`~/.cache/hac-client`, where the Python tool keeps
 * it, whatever XDG_CACHE_HOME says): the code cache and the rendered help; none (neither cache)
 * with `HAC_NO_CODE_CACHE` set, or without an absolute home (`HOME=""` makes `os.homedir()` answer
 * "": the cache would land in the working directory).
 */
export function codeCacheDir(env: Record<string, string | undefined>): string | undefined {
  if (env['HAC_NO_CODE_CACHE']) return undefined;
  const home = process.platform !== 'win32' && env['HOME'] ? env['HOME'] : process.getBuiltinModule('node:os').homedir();
  const { isAbsolute, join } = process.getBuiltinModule('node:path');
  return isAbsolute(home) ? join(home, '.cache', 'hac-cli') : undefined;
}

/**
 * Each bundle and command gets its own cache file, holding the functions its runs compile; the key
 * also separates Node versions and flags (V8 rejects a cache made under other flags). A command's
 * help (`hac groovy --help`) gets its own too: the cache is written by the first successful run
 * only, and one made by a help run would leave every real run of the command compiling its own code
 * again.
 */
function cacheName(bundle: string, hash: string, argv: readonly string[]): string {
  const command = argv.find((arg) => HAC_COMMAND_NAMES.includes(arg)) ?? 'none';
  const help = bundle !== 'help' && (argv[0] === 'help' || argv.some((arg) => arg === '--help' || arg === '-h')) ? '-help' : '';
  return `${bundle}-${hash}-${runtimeKey()}-${command}${help}.v8`;
}

/** Node version, architecture and flags: V8 rejects a cache made under others. */
function runtimeKey(): string {
  return `${process.version}-${process.arch}-${fnv1a(`${process.execArgv.join(' ')}|${process.env['NODE_OPTIONS'] ?? ''}`)}`;
}

/** `dist/bundle/BUNDLE.cjs` run through its code cache (`cacheDir`) for `argv`. */
function load(bundle: string, cacheDir: string | undefined, argv: readonly string[]): LoadedBundle {
  const hash = HAC_BUNDLE_HASHES[bundle] as string;
  return loadBundle(
    process.getBuiltinModule('node:path').join(__dirname, `${bundle}.cjs`),
    {
      dir: cacheDir,
      name: cacheName(bundle, hash, argv),
      stalePrefix: `${bundle}-`,
      keepPrefix: `${bundle}-${hash}-`,
      vendor: { hashes: HAC_VENDOR_HASHES, runtime: runtimeKey() },
    },
    require,
  );
}

function run(argv: readonly string[]): void {
  const cacheDir = codeCacheDir(process.env);
  const helpEntry = cacheDir !== undefined && mayBeCachedHelp(argv) ? helpCacheEntry(cacheDir, HAC_BUNDLE_HASHES, argv) : undefined;
  if (helpEntry !== undefined && printCachedHelp(helpEntry)) return;
  let loaded = load(bundleFor(argv, HAC_HOT_BUNDLES, HAC_COMMAND_NAMES), cacheDir, argv);
  // Asked before anything ran (its top level only defines), and its cache is not written: the full
  // CLI runs this command line instead.
  if (!(loaded.exports['serves'] as (argv: readonly string[]) => boolean)(argv)) loaded = load('cli', cacheDir, argv);
  // Only a run that succeeded writes the cache: the cache holds what its run compiled and is not
  // written again, so a first run that stopped at a usage error or Ctrl-C would leave every later
  // run of the command compiling the code it never reached.
  process.once('exit', (code) => {
    if (code === 0) loaded.saveCache();
    if (helpEntry !== undefined) storeShownHelp(helpEntry, argv, (loaded.exports['shownHelp'] as () => ShownHelp | undefined)(), code);
  });
  void (loaded.exports['runCli'] as (argv: readonly string[]) => Promise<never>)(argv);
}

const argv = process.argv.slice(2);
if (isVersionRequest(argv)) writeToDescriptor('stdout', `${cliVersion()}\n`);
else run(argv);
