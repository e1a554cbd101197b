// @ts-check
/**
 * Bundles the built library (`dist/index.js` and every module it imports) into
 * `dist/bundle/hac-client.js`, with the parts loaded on demand beside it: the implementation
 * (`implementation.js`: transport, login, session cache), which the first call loads, the consoles
 * (`console-implementation.js`), which the first console call loads, the proxy path
 * (`proxy-connections.js`), and the modules the entry shares with them (esbuild's
 * `chunks/chunk-*.js`). `import 'hac-client'` then reads and compiles the entry and its shared chunk
 * instead of ~50 files or the whole library: the import itself is what the `import('hac-client')`
 * figure of `bench/client-perf.ts` measures against `node -e 0`; a first login compiles the
 * implementation only, not the consoles.
 *
 * The parts loaded on demand keep the place their sources have relative to the modules that import
 * them (`internal/lazy.js` → `../implementation.js` becomes `chunks/chunk-*.js` →
 * `../implementation.js`; `internal/connections.js` → `./proxy-connections.js` stays a sibling), and
 * a name without a hash: a load that failed is tried again under the same relative URL with a query
 * (`onDemand` in src/internal/lazy.ts).
 *
 * npm dependencies stay outside (each is loaded by the first call that needs it). Runs after
 * `tsc -b` (`npm run build`); the package's `exports` point at the bundle, its types at `dist/*.d.ts`.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(packageDir, 'dist', 'bundle');

/** The modules loaded on demand that use modules of the entry (`internal/lazy.ts`). */
const SHARING_WITH_THE_ENTRY = ['dist/implementation.js', 'dist/console-implementation.js'];

/**
 * esbuild makes a chunk of the modules each combination of entry points shares: the entry's modules
 * that only the implementation uses in one, those that only the consoles use in another, and so on,
 * and `import 'hac-client'` would read every one of them. Each part loaded on demand imports the
 * entry here (a no-op when it runs: the entry is loaded before it), so that everything it shares with
 * the entry is in one chunk. What the parts loaded on demand would share without the entry would
 * still be a chunk of its own, which a first call would read beside them: test/startup.test.ts
 * counts the files.
 * @type {import('esbuild').Plugin}
 */
const onDemandPartsImportTheEntry = {
  name: 'on-demand-parts-import-the-entry',
  setup(build) {
    const sharing = new Set(SHARING_WITH_THE_ENTRY.map((file) => join(packageDir, file)));
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!sharing.has(args.path)) return undefined;
      return { contents: `import './index.js';\n${await readFile(args.path, 'utf8')}`, loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: packageDir,
  entryPoints: {
    'hac-client': 'dist/index.js',
    implementation: 'dist/implementation.js',
    'console-implementation': 'dist/console-implementation.js',
    'proxy-connections': 'dist/internal/proxy-connections.js',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  packages: 'external',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [onDemandPartsImportTheEntry],
});
