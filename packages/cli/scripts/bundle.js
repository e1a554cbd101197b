// @ts-check
/**
 * Bundles the built CLI (tsc's `dist/`) with esbuild into `dist/bundle/`:
 *
 * - `cli.cjs`: `main.js` and everything a command needs on its usual path (`hac-client`, commander)
 *   in one CommonJS file. Modules a command line does not need are in the file but never run
 *   (esbuild initialises them on first use), and with the V8 code cache never even parsed.
 * - `vendor/*.cjs`: the bigger packages only some runs need (the proxy client, prompts, TOML, CSV,
 *   the HTML parser and cookie jar of a login…), one file each, required on first use: every run
 *   reads `cli.cjs` whole, so it stays small. The launcher compiles them through the code cache
 *   too, each file's cache named by its content hash (`HAC_VENDOR_HASHES`).
 * - `help.cjs`: the same without the command modules and the library, for the command lines that
 *   only print the top-level help (`src/launcher/fast-paths.ts`): a third of the size.
 * - `hot-NAME.cjs` (`HOT_COMMANDS`): the same with the module of one command only, for the command
 *   lines that run it (`src/launcher/hac.ts` picks it, `serves` in `main.ts` confirms it): less code to
 *   read, deserialise and set up on the calls made most, such as a warm `hac groovy`.
 * - `hac.cjs`: the launcher (`launcher/hac.js`), which `bin/hac.cjs` starts: `--version`, then
 *   `help.cjs` or `cli.cjs` through the code cache (`src/launcher/compile-cache.ts`).
 *
 * CommonJS, not ES modules: Node's ES module loader costs every run several milliseconds to start,
 * and `vm.Script` (the code cache) runs scripts only. Runs after `tsc -b` (`npm run build`).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
 * `import('node:…')` becomes a require of the built-in module (esbuild wraps it in a promise, as for
 * any bundled module): an `import()` left in a CommonJS file starts Node's ES module loader on first
 * use, ~5 ms (stream-chain, which `hac fs` loaded before its reader was hac-client's own, did one for
 * `node:string_decoder` on every run).
 * @type {import('esbuild').Plugin}
 */
const builtinImportsAsRequires = {
  name: 'builtin-imports-as-requires',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' && isBuiltin(args.path) ? { path: args.path, namespace: 'builtin-import' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'builtin-import' }, (args) => ({ loader: 'js', contents: `module.exports = require(${JSON.stringify(args.path)});` }));
  },
};

/**
 * Packages bundled into their own file under `vendor/`, loaded when first used. One no dependency
 * installs any more is skipped (nothing can import it).
 */
const VENDOR_CANDIDATES = [
  '@inquirer/confirm',
  '@inquirer/password',
  'csv-stringify/sync',
  'entities',
  'fflate',
  'node-html-parser',
  'set-cookie-parser',
  'smol-toml',
  'undici',
  'yocto-spinner',
];
const resolvable = async (/** @type {string} */ id) =>
  build({ stdin: { contents: `import ${JSON.stringify(id)};`, resolveDir: cliDir }, bundle: true, write: false, platform: 'node', logLevel: 'silent' }).then(
    () => true,
    () => false,
  );
const VENDORED = (await Promise.all(VENDOR_CANDIDATES.map(async (id) => ((await resolvable(id)) ? id : '')))).filter(Boolean);
const vendorFile = (/** @type {string} */ id) => `./vendor/${id.replaceAll('/', '+')}.cjs`;

/** `export { default } from id` resolves: the package has a default export (ESM view). */
async function hasDefaultExport(/** @type {string} */ id) {
  try {
    await build({ stdin: { contents: `export { default } from ${JSON.stringify(id)};`, resolveDir: cliDir }, bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'silent' });
    return true;
  } catch {
    return false;
  }
}
const withDefault = new Set((await Promise.all(VENDORED.map(async (id) => ((await hasDefaultExport(id)) ? id : '')))).filter(Boolean));

/**
 * Modules of the CLI itself bundled like a vendored package, into `vendor/<id>.cjs`: `mcp/sdk.js`
 * re-exports the MCP SDK and zod, which only `hac mcp` needs (a large share of the bundle otherwise).
 * They import npm packages only, so nothing of the CLI is duplicated.
 */
const LOCAL_VENDORED = { 'hac-mcp-sdk': join(cliDir, 'dist', 'mcp', 'sdk.js') };

/** An ES module re-exporting what `import … from 'id'` gives: every export, and the default one if any. */
const reexport = (/** @type {string} */ id, /** @type {string} */ from) =>
  `export * from ${JSON.stringify(from)};\n${withDefault.has(id) ? `export { default } from ${JSON.stringify(from)};\n` : ''}`;

/**
 * An import of a vendored package becomes a module of `cli.cjs` re-exporting its vendor file, so
 * that importers see the package as they would unbundled (default export included).
 * @type {import('esbuild').Plugin}
 */
const vendorFiles = {
  name: 'vendor-files',
  setup(build) {
    const ids = new Set(VENDORED);
    build.onResolve({ filter: /^[@a-z]/ }, (args) => (ids.has(args.path) ? { path: args.path, namespace: 'vendor' } : undefined));
    build.onResolve({ filter: /^\.\/vendor\// }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /[\\/]sdk\.js$/ }, (args) =>
      join(args.resolveDir, args.path) === LOCAL_VENDORED['hac-mcp-sdk'] ? { path: 'hac-mcp-sdk', namespace: 'vendor' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ loader: 'js', contents: reexport(args.path, vendorFile(args.path)) }));
  },
};

/**
 * Small packages `hac-client` requires on first use that live inside `cli.cjs`, initialised when
 * first required like the others, but compiled with the bundle (and so in its code cache): a file of
 * their own would cost a module resolution and a compile on every run that needs them (~1 ms for the
 * MD5 of the session file names, about what the `node:crypto` it replaces cost).
 */
const INLINED = ['spark-md5'];

/**
 * `hac-client` loads some modules on first use through `createRequire(import.meta.url)`. In the
 * bundle, a require made from `hac-client`'s own entry finds its dependencies wherever npm installed
 * them (built-in modules need no resolving); it is made on first use, not on every start. Any other
 * use of `import.meta.url` in `hac-client` would point at the bundle: the build stops and says so.
 * @type {import('esbuild').Plugin}
 */
const hacClientRequire = {
  name: 'hac-client-require',
  setup(build) {
    // `module.require`: the code replaced is `const require = …`, which shadows `require`.
    const vendored = JSON.stringify(Object.fromEntries(VENDORED.map((id) => [id, vendorFile(id)])));
    const lazyRequire = `((made, vendored, inlined) => (id) => id.startsWith('node:') ? module.require(id) : Object.hasOwn(inlined, id) ? inlined[id]() : Object.hasOwn(vendored, id) ? module.require(vendored[id]) : (made ??= module.require('node:module').createRequire(module.require.resolve('hac-client')))(id))(undefined, ${vendored}, __hacInlinedRequires)`;
    // The inlined packages: `require` calls of a module of their own, which esbuild bundles (in the
    // code replaced, `require` is shadowed), resolved from hac-client's package.
    build.onResolve({ filter: /^hac-inlined-requires$/ }, (args) => ({ path: args.path, namespace: 'inlined-requires' }));
    build.onLoad({ filter: /.*/, namespace: 'inlined-requires' }, () => ({
      loader: 'js',
      resolveDir: join(cliDir, '..', 'client'),
      contents: `module.exports = { ${INLINED.map((id) => `${JSON.stringify(id)}: () => require(${JSON.stringify(id)})`).join(', ')} };`,
    }));
    build.onLoad({ filter: /[\\/]packages[\\/]client[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const original = await readFile(args.path, 'utf8');
      // `createRequire` then has no other use left: its `node:module` (~0.2 ms, with the parts of the
      // ES module loader it loads) would be loaded for nothing by every call that loads the library.
      const takesCreateRequire = /^var \{ createRequire \} = process\.getBuiltinModule\("node:module"\);\n/m;
      let replaced = original.replaceAll('createRequire(import.meta.url)', lazyRequire);
      if (!/\bcreateRequire\b/.test(original.replace(takesCreateRequire, '').replaceAll('createRequire(import.meta.url)', ''))) {
        replaced = replaced.replace(takesCreateRequire, '');
      }
      const contents = replaced === original ? original : `import __hacInlinedRequires from 'hac-inlined-requires';\n${replaced}`;
      const left = contents.includes('import.meta') ? 'import.meta' : original.includes('require.resolve(') ? 'require.resolve' : undefined;
      if (left !== undefined) {
        return { errors: [{ text: `${args.path} uses ${left}, which the CLI bundle cannot keep: see packages/cli/scripts/bundle.js` }] };
      }
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Leaves out of a bundle the command modules (which `commands/index.ts` imports on demand) other than
 * `kept`'s, and with `withoutLibrary` the library: each becomes a module that says so when reached,
 * which is a launcher bug.
 * @param {{ bundle: string, why: string, kept?: string, withoutLibrary?: boolean }} what
 * @returns {import('esbuild').Plugin}
 */
const leaveOutCommands = ({ bundle, why, kept, withoutLibrary = false }) => ({
  name: 'leave-out-commands',
  setup(build) {
    const registry = join(cliDir, 'dist', 'commands', 'index.js');
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer === registry && args.path !== `./${kept}.js` ? { path: args.path, namespace: 'left-out' } : undefined,
    );
    if (withoutLibrary) {
      build.onResolve({ filter: /^hac-client$/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'left-out' } : undefined));
    }
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      loader: 'js',
      contents: `throw new Error(${JSON.stringify(`internal error: ${args.path} is not in hac's ${bundle} bundle (${why})`)});`,
    }));
  },
});

/**
 * The help bundle serves only command lines that name no command (`src/launcher/fast-paths.ts`):
 * no command module, no library.
 */
const withoutCommands = leaveOutCommands({ bundle: 'help', why: 'src/launcher/fast-paths.ts', withoutLibrary: true });

/**
 * Commands with a hot bundle of their own (`hot-NAME.cjs`): the CLI with `commands/NAME.js` and no
 * other command module. The launcher runs it for a command line naming NAME (or an alias); `serves`
 * (`main.ts`) confirms before anything runs, else the launcher runs `cli.cjs`.
 */
const HOT_COMMANDS = ['groovy', 'flexsearch'];
const onlyCommand = (/** @type {string} */ command) => leaveOutCommands({ bundle: `hot-${command}`, why: 'serves in src/main.ts', kept: command });

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: cliDir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.18',
  // `import.meta.url` of bundled modules: the bundle's own file, worked out when first read.
  define: { HAC_CLI_VERSION: JSON.stringify(version), 'import.meta.url': '__hacImportMeta.url' },
  banner: { js: "var __hacImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

await rm(outdir, { recursive: true, force: true });

/**
 * What every file the launcher compiles (`cli.cjs`, `help.cjs`, each vendor file) needs after
 * esbuild: its `import()`s routed to the launcher's, ASCII only. Answers the content hash that names
 * its code cache (V8 checks only a source's length against a cache).
 */
async function finish(/** @type {string} */ file, /** @type {import('esbuild').Metafile} */ metafile) {
  // A `vm.Script` has no `import()` of its own: the launcher passes one in (`__hacImport`). esbuild
  // keeps `import()` only for packages left outside the bundle; it turns the others into lazy requires.
  let code = await readFile(file, 'utf8');
  const dynamicImports = new Set(
    Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.kind === 'dynamic-import' && i.external).map((i) => i.path)),
  );
  for (const specifier of dynamicImports) {
    const call = `import(${JSON.stringify(specifier)})`;
    if (!code.includes(call)) throw new Error(`${file}: ${call} not found; scripts/bundle.js must route it through __hacImport`);
    code = code.replaceAll(call, `__hacImport(${JSON.stringify(specifier)})`);
  }
  // ASCII only: Node reads an ASCII file into a one-byte string, but a single other character (esbuild
  // escapes them in code, not in the comments it keeps) makes the whole 660 KB a two-byte string,
  // slower to read and to compile on every run.
  code = code.replace(/[\u0080-\u{10ffff}]/gu, (char) => `\\u{${char.codePointAt(0)?.toString(16)}}`);
  await writeFile(file, code);
  return createHash('sha256').update(code).digest('hex').slice(0, 16);
}

/**
 * The CLI from `main.js` into `dist/bundle/NAME.cjs`; answers its content hash. `bundled`: the
 * commands whose modules it holds (`HAC_BUNDLED_COMMANDS`, read by `serves` in `main.ts`), every one
 * when absent.
 */
async function bundleCli(/** @type {string} */ name, /** @type {import('esbuild').Plugin[]} */ plugins, /** @type {string[] | undefined} */ bundled = undefined) {
  const result = await build({
    ...common,
    ...(bundled && { define: { ...common.define, HAC_BUNDLED_COMMANDS: JSON.stringify(bundled) } }),
    entryPoints: { [name]: 'dist/main.js' },
    outdir,
    outExtension: { '.js': '.cjs' },
    // ESM-only (and loaded by `hac emulator` only, with sql.js's WebAssembly file next to it).
    external: ['hac-emulator'],
    plugins: [...plugins, vendorFiles, lazyChildProcessForCommander, hacClientRequire, builtinImportsAsRequires],
    sourcemap: 'linked',
  });
  return finish(join(outdir, `${name}.cjs`), result.metafile);
}

/** A vendored package (or local module) into `dist/bundle/vendor/`; answers its file name and content hash. */
async function bundleVendor(/** @type {string} */ id, /** @type {string} */ from) {
  const outfile = join(outdir, vendorFile(id));
  const result = await build({ ...common, stdin: { contents: reexport(id, from), resolveDir: cliDir, loader: 'js' }, outfile, plugins: [builtinImportsAsRequires] });
  return [vendorFile(id).slice('./vendor/'.length), await finish(outfile, result.metafile)];
}

/** @type {Array<{ name: string, aliases?: string[] }>} */
const commandEntries = (await import(pathToFileURL(join(cliDir, 'dist', 'commands', 'index.js')).href)).commandEntries;
const commandNames = commandEntries.flatMap((e) => [e.name, ...(e.aliases ?? [])]);
for (const command of HOT_COMMANDS) {
  if (!commandEntries.some((e) => e.name === command)) throw new Error(`HOT_COMMANDS: no command ${command} in src/commands/index.ts`);
  await readFile(join(cliDir, 'dist', 'commands', `${command}.js`)).catch(() => {
    throw new Error(`HOT_COMMANDS: ${command} has no module commands/${command}.ts (the hot bundle holds that module only)`);
  });
}

const [cliHash, helpHash, hotHashes, vendorHashes] = await Promise.all([
  bundleCli('cli', []),
  bundleCli('help', [withoutCommands]),
  Promise.all(HOT_COMMANDS.map(async (command) => [`hot-${command}`, await bundleCli(`hot-${command}`, [onlyCommand(command)], [command])])),
  Promise.all([...VENDORED.map((id) => bundleVendor(id, id)), ...Object.entries(LOCAL_VENDORED).map(([id, path]) => bundleVendor(id, path))]),
]);
/** Each name and alias of a hot command, with its bundle. */
const hotBundles = Object.fromEntries(
  commandEntries.filter((e) => HOT_COMMANDS.includes(e.name)).flatMap((e) => [e.name, ...(e.aliases ?? [])].map((word) => [word, `hot-${e.name}`])),
);

await build({
  ...common,
  entryPoints: { hac: 'dist/launcher/hac.js' },
  outdir,
  outExtension: { '.js': '.cjs' },
  define: {
    ...common.define,
    HAC_BUNDLE_HASHES: JSON.stringify({ cli: cliHash, help: helpHash, ...Object.fromEntries(hotHashes) }),
    HAC_HOT_BUNDLES: JSON.stringify(hotBundles),
    HAC_VENDOR_HASHES: JSON.stringify(Object.fromEntries(vendorHashes)),
    HAC_COMMAND_NAMES: JSON.stringify(commandNames),
  },
});
