/**
 * Runs the CLI's CommonJS bundle through V8's code cache. Compiling the bundle is most of a warm
 * call's own CPU time; with the cache V8 skips parsing and reuses the bytecode of every function the
 * cached run compiled. Node 20 has no compile cache of its own (`module.enableCompileCache` arrived
 * in Node 22.1), so this uses what that feature is built on: `vm.Script`'s `cachedData`.
 *
 * The cache only ever speeds things up: a missing, unreadable or rejected cache (another Node, other
 * V8 flags) means a normal compile, and a cache that cannot be written is skipped. V8 checks its
 * version and flags but, of the source, only the length: the file name carries the bundle's content
 * hash, so a rebuilt bundle never meets an old cache. The directory must be private (0700, ours):
 * V8 trusts the bytecode it is given.
 */
import type * as NodeFs from 'node:fs';
import type * as NodePath from 'node:path';

// Built-in modules are taken where used (`process.getBuiltinModule`), not imported: the launcher
// bundles this file, and esbuild would hoist the imports to its top, loading `node:vm` for
// `hac --version` too.
const fs = (): typeof NodeFs => process.getBuiltinModule('node:fs');
const path = (): typeof NodePath => process.getBuiltinModule('node:path');

/** What happened to the cache on this run (for tests and `--debug`). */
export type CacheState = 'off' | 'miss' | 'hit' | 'rejected';

export interface CacheOptions {
  /** Directory of the cache files, created 0700; `undefined` turns the cache off. */
  dir: string | undefined;
  /** File name of this run's cache: the same bundle, Node, flags and command share one. */
  name: string;
  /** Files in `dir` starting with `stalePrefix` but not with `keepPrefix` are old builds', removed when writing. */
  stalePrefix: string;
  keepPrefix: string;
}

export interface LoadedBundle {
  exports: Record<string, unknown>;
  cache: CacheState;
  /** Write the cache when this run had none or V8 rejected it. Call at exit: it then also holds what the run compiled. */
  saveCache(): void;
}

// Code starts on the wrapper's line (as in Node's own wrapper), so line numbers match the file and
// its source map. `__hacImport`: the bundle's `import()` of ESM-only packages (a vm.Script has no
// module loader of its own without an experimental flag), resolved from the bundle's directory.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, __hacImport) {';
const WRAPPER_TAIL = '\n})';

/**
 * Load a CommonJS file (the CLI bundle), compiled with the code cache in `cache.dir` when usable.
 * `require` resolves from the file's directory (the launcher passes its own, from the same directory:
 * `createRequire` would load Node's `module` package on every run).
 */
export function loadBundle(file: string, cache: CacheOptions, require: NodeJS.Require): LoadedBundle {
  const { readFileSync } = fs();
  const { dirname, join } = path();
  const source = readFileSync(file, 'utf8');
  const cacheFile = cache.dir !== undefined && privateDirectory(cache.dir) ? join(cache.dir, cache.name) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // none yet
    }
  }
  const script = new (process.getBuiltinModule('node:vm').Script)(WRAPPER_HEAD + source + WRAPPER_TAIL, { filename: file, ...(cachedData !== undefined && { cachedData }) });
  const state: CacheState = cacheFile === undefined ? 'off' : cachedData === undefined ? 'miss' : script.cachedDataRejected === true ? 'rejected' : 'hit';

  const module = { exports: {} as Record<string, unknown>, require, filename: file, id: file, loaded: false };
  const importFromBundle = (specifier: string): Promise<unknown> => import(specifier);
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file), importFromBundle);
  module.loaded = true;

  let saved = false;
  return {
    exports: module.exports,
    cache: state,
    saveCache() {
      if (saved || cacheFile === undefined || cache.dir === undefined || state === 'hit') return;
      saved = true;
      writeCache(cache.dir, cacheFile, script.createCachedData(), cache);
    },
  };
}

/**
 * Ours and closed to others, in a directory others cannot write to either (they could swap ours for
 * theirs); created when missing. False when it is not so (no cache then, silently). The rendered-help
 * cache (`help-cache.ts`) keeps its files here too.
 */
export function privateDirectory(dir: string): boolean {
  const { lstatSync, mkdirSync } = fs();
  try {
    // lstat first: the directory exists on every run but the first (mkdir would cost two calls).
    let stat = lstatSync(dir, { throwIfNoEntry: false });
    if (stat === undefined) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      stat = lstatSync(dir);
    }
    if (!stat.isDirectory()) return false;
    if (process.getuid === undefined) return true; // Windows: no POSIX owners and modes
    const parent = lstatSync(path().dirname(dir));
    const parentSafe = (parent.mode & 0o022) === 0 || (parent.mode & 0o1000) !== 0; // sticky: others cannot rename ours
    return stat.uid === process.getuid() && (stat.mode & 0o077) === 0 && parentSafe;
  } catch {
    return false;
  }
}

/**
 * Write `data` to `cacheFile` (0600, atomically) and remove the files of older builds (see
 * `CacheOptions`); failures are silent: a cache is only ever a shortcut.
 */
export function writeCache(dir: string, cacheFile: string, data: Buffer, cache: Pick<CacheOptions, 'stalePrefix' | 'keepPrefix'>): void {
  const { readdirSync, renameSync, unlinkSync, writeFileSync } = fs();
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, cacheFile); // atomic: a concurrent run reads the old file or the new one
    for (const name of readdirSync(dir)) {
      if (name.startsWith(cache.stalePrefix) && !name.startsWith(cache.keepPrefix)) unlinkSync(path().join(dir, name));
    }
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // not written
    }
  }
}
