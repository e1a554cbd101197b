// @ts-check
/**
 * Bundles the built CLI (`dist/bin.js` and all it imports, `hac-client` and npm packages included)
 * into `dist/bundle/`: `hac.mjs` plus chunks that load when a command needs them. Node then opens a
 * handful of files per run instead of ~250 (start-up time, issue 8; `bench/cli-startup.ts`).
 * Runs after `tsc -b` (`npm run build`); `bin/hac.js` starts `dist/bundle/hac.mjs`.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(cliDir, 'dist', 'bundle');
const { version } = JSON.parse(await readFile(join(cliDir, 'package.json'), 'utf8'));

/**
 * commander requires node:child_process at load for executable subcommands, which `hac` has none
 * of; loading it costs every run ~5 ms. Commander gets it on first use instead.
 * @type {import('esbuild').Plugin}
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${sep}commander${sep}`) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      loader: 'js',
      contents: `let loaded;
module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });`,
    }));
  },
};

/**
 * `hac-client` loads some modules on first use through `createRequire(import.meta.url)`. Inside the
 * bundle, `import.meta.url` is the bundle's: the require made from `hac-client`'s own entry instead
 * finds its dependencies wherever npm installed them, and is made on its first call (not on every
 * start). Any other use of `import.meta.url` in `hac-client` would point at the wrong file in the
 * bundle: the build stops and says so.
 * @type {import('esbuild').Plugin}
 */
const hacClientRequire = {
  name: 'hac-client-require',
  setup(build) {
    const lazyRequire = "((made) => (id) => (made ??= createRequire(import.meta.resolve('hac-client')))(id))()";
    build.onLoad({ filter: /[\\/]packages[\\/]client[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const contents = (await readFile(args.path, 'utf8')).replaceAll('createRequire(import.meta.url)', lazyRequire);
      const left = ['import.meta.url', 'require.resolve'].find((text) => contents.includes(text));
      if (left !== undefined) {
        return { errors: [{ text: `${args.path} uses ${left}, which the CLI bundle cannot keep: see packages/cli/scripts/bundle.js` }] };
      }
      return { contents, loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: cliDir,
  entryPoints: { hac: 'dist/bin.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  // .mjs: Node need not look for a package.json to learn that a chunk is ESM.
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Loaded by `hac emulator` only, with sql.js's WebAssembly file next to it.
  external: ['hac-emulator'],
  // Bundled CommonJS packages (commander…) call require() for Node's built-in modules.
  banner: { js: "import { createRequire as __hacCreateRequire } from 'node:module'; const require = __hacCreateRequire(import.meta.url);" },
  define: { HAC_CLI_VERSION: JSON.stringify(version) },
  plugins: [lazyChildProcessForCommander, hacClientRequire],
  legalComments: 'none',
  sourcemap: 'linked',
  logLevel: 'warning',
});
