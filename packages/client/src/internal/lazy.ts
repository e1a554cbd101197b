/**
 * Dependencies that only some calls need, loaded on their first use rather than by `import 'hac-client'`:
 * a warm call with a JSON answer (a script, a query) needs none of them, and the CLI pays the
 * start-up of every module it loads on every command. `require` keeps their callers synchronous
 * (the parsers are pure functions); each package ships a CommonJS build.
 */
import type * as NodeFsPromises from 'node:fs/promises';
import type * as Entities from 'entities';
import type * as HtmlParser from 'node-html-parser';
import type * as SetCookieParser from 'set-cookie-parser';
import type * as Implementation from '../implementation.js';

// process.getBuiltinModule, not `import … from 'node:module'`: an ES module's import of a built-in
// builds a facade of its exports, a cost `import 'hac-client'` would pay for each one (bench/README.md).
const { createRequire } = process.getBuiltinModule('node:module');
const require = createRequire(import.meta.url);

let implementation: typeof Implementation | undefined;

/**
 * The transport and the console functions (`implementation.ts`), loaded by the first call that needs
 * them: `import 'hac-client'` compiles only the classes, options and errors of the entry.
 */
export async function loadImplementation(): Promise<typeof Implementation> {
  return (implementation ??= await import('../implementation.js'));
}

/**
 * A synchronous `require` for the library's own use: npm packages (CommonJS builds) and Node
 * built-ins such as `node:https` that only some runs need. The one `createRequire` of the library
 * (the CLI's bundler rewrites it to resolve from hac-client's own location).
 */
export function requireModule<T>(id: string): T {
  return require(id) as T;
}

function lazy<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireModule<T>(id));
}

/** node-html-parser: the login form, CSRF tokens, HTML console pages. */
export const htmlParser = lazy<typeof HtmlParser>('node-html-parser');

/** set-cookie-parser: only responses that set cookies (a login, a rotated session) need it. */
export const setCookieParser = lazy<typeof SetCookieParser>('set-cookie-parser');

/**
 * node:fs/promises (~1 ms to load, with the file watchers and readline it brings): writing session
 * files and reading ImpEx files need it; a warm call reads its session synchronously and does not.
 */
export const nodeFsPromises = lazy<typeof NodeFsPromises>('node:fs/promises');

/** What the library uses of spark-md5 (it ships no types). */
interface SparkMd5 {
  ArrayBuffer: { hash(data: ArrayBuffer): string };
}

/**
 * spark-md5, MD5 in plain JavaScript: the session file names. `node:crypto` would load some fifteen
 * modules for one hash of a few dozen bytes on every warm call.
 */
export const sparkMd5 = lazy<SparkMd5>('spark-md5');

/** entities: FlexibleSearch cells arrive HTML-escaped. */
export const entities = lazy<typeof Entities>('entities');
