// @ts-check
/**
 * Bundles the built library (`dist/index.js` and every module it imports) into
 * `dist/bundle/hac-client.js`, with the parts loaded on demand as chunks beside it: the
 * implementation (`implementation.ts`: transport, session cache, consoles), which the first call
 * loads, the proxy path, and the modules the entry shares with them (esbuild's `chunk-*.js`).
 * `import 'hac-client'` then reads and compiles the entry and its shared chunk instead of ~50 files
 * or the whole library: the import itself is what the `import('hac-client')` figure of
 * `bench/client-perf.ts` measures against `node -e 0`.
 * npm dependencies stay outside (each is loaded by the first call that needs it). Runs after
 * `tsc -b` (`npm run build`); the package's `exports` point at the bundle, its types at `dist/*.d.ts`.
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(packageDir, 'dist', 'bundle');

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: packageDir,
  entryPoints: { 'hac-client': 'dist/index.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  sourcemap: 'linked',
  logLevel: 'warning',
});
