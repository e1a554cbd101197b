/**
 * Runs the CLI's CommonJS bundle, and the vendor files it requires (`vendor/*.cjs` beside it, the
 * bigger packages only some runs need), through V8's code cache. Compiling them is most of a warm
 * call's own CPU time; with the cache V8 skips parsing and reuses the bytecode of every function the
 * cached run compiled. Node 20 has no compile cache of its own (`module.enableCompileCache` arrived
 * in Node 22.1), so this uses what that feature is built on: `vm.Script`'s `cachedData`.
 *
 * The cache only ever speeds things up: a missing, unreadable or rejected cache (another Node, other
 * V8 flags) means a normal compile, and a cache that cannot be written is skipped. V8 checks its
 * version and flags but, of the source, only the length: every cache file's name carries its
 * source's content hash (the bundle's and each vendor file's, from scripts/bundle.js), so a rebuilt
 * file never meets an old cache. The directory must be private (0700, ours): V8 trusts the bytecode
 * it is given.
 */
import type * as NodeFs from 'node:fs';
import type * as NodePath from 'node:path';
import type * as NodeVm from 'node:vm';

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
  /**
   * The vendor files (`vendor/NAME.cjs` beside the bundle) by file name, with the content hash of
   * each; a `require('./vendor/NAME.cjs')` of one of them is compiled through the cache too, into
   * `vendor-HASH-RUNTIME.v8`. Files starting with `vendor-` and naming no hash here are old builds'.
   * @default none: vendor files load through Node's `require`
   */
  vendor?: { hashes: Readonly<Record<string, string>>; runtime: string };
}

export interface LoadedBundle {
  exports: Record<string, unknown>;
  cache: CacheState;
  /** Vendor files this run loaded, by file name, and what happened to their caches. */
  vendorCache: ReadonlyMap<string, CacheState>;
  /**
   * Write the caches this run had none of or V8 rejected (the bundle's and each vendor file's it
   * loaded). Call at exit: they then also hold what the run compiled.
   */
  saveCache(): void;
}

// Code starts on the wrapper's line (as in Node's own wrapper), so line numbers match the file and
// its source map. `__hacImport`: the bundle's `import()` of ESM-only packages (a vm.Script has no
// module loader of its own without an experimental flag), resolved from the bundle's directory.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, __hacImport) {';
const WRAPPER_TAIL = '\n})';
const VENDOR_PREFIX = './vendor/';

interface Compiled {
  run: (...args: unknown[]) => void;
  state: CacheState;
  /** Writes this file's cache if the run should (none yet, or rejected). */
  save(): void;
}

/**
 * Load a CommonJS file (the CLI bundle), compiled with the code cache in `cache.dir` when usable.
 * `require` resolves from the file's directory (the launcher passes its own, from the same directory:
 * `createRequire` would load Node's `module` package on every run).
 */
export function loadBundle(file: string, cache: CacheOptions, require: NodeJS.Require): LoadedBundle {
  const { dirname, join } = path();
  const dir = cache.dir !== undefined && privateDirectory(cache.dir) ? cache.dir : undefined;
  const vendorHashes = cache.vendor?.hashes ?? {};
  const compiled: Compiled[] = [];
  const compile = (source: string, filename: string, cacheName: string): Compiled => {
    const entry = compileCached(source, filename, dir === undefined ? undefined : { dir, file: join(dir, cacheName), cache });
    compiled.push(entry);
    return entry;
  };
  const importFromBundle = (specifier: string): Promise<unknown> => import(specifier);

  // The vendor files, each run once and shared like Node's module cache would (an entry is there
  // before the file runs, for cycles, and gone again if it throws).
  const vendorDir = join(dirname(file), 'vendor');
  const vendorModules = new Map<string, { exports: unknown }>();
  const vendorCache = new Map<string, CacheState>();
  const requireVendor = (name: string, hash: string): unknown => {
    const known = vendorModules.get(name);
    if (known !== undefined) return known.exports;
    const filename = join(vendorDir, name);
    const module = { exports: {} as unknown, require: requireFromVendor, filename, id: filename, loaded: false };
    vendorModules.set(name, module);
    try {
      const entry = compile(fs().readFileSync(filename, 'utf8'), filename, `vendor-${hash}-${cache.vendor?.runtime ?? ''}.v8`);
      vendorCache.set(name, entry.state);
      entry.run.call(module.exports, module.exports, requireFromVendor, module, filename, vendorDir, importFromBundle);
    } catch (error) {
      vendorModules.delete(name);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  };
  const vendorName = (id: string): string | undefined => {
    if (!id.startsWith(VENDOR_PREFIX)) return undefined;
    const name = id.slice(VENDOR_PREFIX.length);
    return Object.hasOwn(vendorHashes, name) ? name : undefined;
  };
  const requireFromBundle = Object.assign((id: string): unknown => {
    const name = vendorName(id);
    return name === undefined ? require(id) : requireVendor(name, vendorHashes[name]!);
  }, require) as NodeJS.Require;
  // Vendor files are bundled whole (they require built-in modules only), but a relative require
  // would mean their own directory.
  const requireFromVendor = Object.assign((id: string): unknown => require(id.startsWith('.') ? join(vendorDir, id) : id), require) as NodeJS.Require;

  const entry = compile(fs().readFileSync(file, 'utf8'), file, cache.name);
  const module = { exports: {} as Record<string, unknown>, require: requireFromBundle, filename: file, id: file, loaded: false };
  entry.run.call(module.exports, module.exports, requireFromBundle, module, file, dirname(file), importFromBundle);
  module.loaded = true;

  let saved = false;
  return {
    exports: module.exports,
    cache: entry.state,
    vendorCache,
    saveCache() {
      if (saved) return;
      saved = true;
      for (const each of compiled) each.save();
    },
  };
}

/** Compiles `source` (wrapped) with the cache file when there is one; `save` writes it at most once. */
function compileCached(source: string, filename: string, cache: { dir: string; file: string; cache: CacheOptions } | undefined): Compiled {
  let cachedData: Buffer | undefined;
  if (cache !== undefined) {
    try {
      cachedData = fs().readFileSync(cache.file);
    } catch {
      // none yet
    }
  }
  const vm: typeof NodeVm = process.getBuiltinModule('node:vm');
  const script = new vm.Script(WRAPPER_HEAD + source + WRAPPER_TAIL, { filename, ...(cachedData !== undefined && { cachedData }) });
  const state: CacheState = cache === undefined ? 'off' : cachedData === undefined ? 'miss' : script.cachedDataRejected === true ? 'rejected' : 'hit';
  let saved = false;
  return {
    run: script.runInThisContext() as (...args: unknown[]) => void,
    state,
    save() {
      if (saved || cache === undefined || state === 'hit') return;
      saved = true;
      writeCache(cache.dir, cache.file, script.createCachedData(), cache.cache);
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

/** A file of an older build: the bundle's (by prefix) or a vendor file's no longer built (by hash). */
function isStale(name: string, cache: Pick<CacheOptions, 'stalePrefix' | 'keepPrefix' | 'vendor'>): boolean {
  if (name.startsWith(cache.stalePrefix) && !name.startsWith(cache.keepPrefix)) return true;
  const hashes = cache.vendor?.hashes;
  return hashes !== undefined && name.startsWith('vendor-') && !Object.values(hashes).some((hash) => name.startsWith(`vendor-${hash}-`));
}

/**
 * Write `data` to `cacheFile` (0600, atomically) and remove the files of older builds (see
 * `CacheOptions`); failures are silent: a cache is only ever a shortcut.
 */
export function writeCache(dir: string, cacheFile: string, data: Buffer, cache: Pick<CacheOptions, 'stalePrefix' | 'keepPrefix' | 'vendor'>): void {
  const { readdirSync, renameSync, unlinkSync, writeFileSync } = fs();
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, cacheFile); // atomic: a concurrent run reads the old file or the new one
    for (const name of readdirSync(dir)) if (isStale(name, cache)) unlinkSync(path().join(dir, name));
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // not written
    }
  }
}
