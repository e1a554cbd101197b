/**
 * What only some calls need, loaded on their first use rather than by `import 'hac-client'`: the
 * implementation chunks, and dependencies: a warm call with a JSON answer (a script, a query) needs
 * none of them, and the CLI pays the start-up of every module it loads on every command. `require`
 * keeps the parsers' callers synchronous (they are pure functions); each package ships a CommonJS
 * build.
 */
import type * as NodeFsPromises from 'node:fs/promises';
import type * as Entities from 'entities';
import type * as HtmlParser from 'node-html-parser';
import type * as SetCookieParser from 'set-cookie-parser';
import type * as Implementation from '../implementation.js';
import type * as ConsoleImplementation from '../console-implementation.js';

// process.getBuiltinModule, not `import … from 'node:module'`: an ES module's import of a built-in
// builds a facade of its exports, a cost `import 'hac-client'` would pay for each one (bench/README.md).
const { createRequire } = process.getBuiltinModule('node:module');
const require = createRequire(import.meta.url);

/**
 * A module loaded on demand by `load`, once, its promise shared by concurrent callers. A load that
 * failed (a transient read error: EMFILE, EIO) is tried again by the next call that needs it, not in a
 * loop and not for ever rejected: Node keeps the failed `import()` of a URL for the life of the
 * process, so a later attempt (`reload`) imports the same file under another URL, with a query
 * (`?retry=N`). `reload` takes its specifier from a variable: esbuild bundles only the literal
 * `import()` of `load`, and the bundle keeps each such file at the same relative place as the
 * sources (scripts/bundle.js; test/startup.test.ts retries a failed load of the built package).
 */
export function onDemand<T>(load: () => Promise<T>, reload: (query: string) => Promise<T>): () => Promise<T> {
  let failures = 0;
  const module = new KeptUntilRejected(() =>
    (failures === 0 ? load() : reload(`?retry=${failures}`)).catch((error: unknown) => {
      failures += 1;
      throw error;
    }),
  );
  return () => module.get();
}

/**
 * A promise made on first use and shared by every later use until it rejects: the use after a
 * rejection makes it again, so that a transient failure (a module that did not load) is not kept for
 * the owner's life, and nothing retries by itself.
 */
export class KeptUntilRejected<T> {
  readonly #make: () => Promise<T>;
  #kept: Promise<T> | undefined;

  constructor(make: () => Promise<T>) {
    this.#make = make;
  }

  /** The kept promise, made now when there is none. */
  get(): Promise<T> {
    if (!this.#kept) {
      const made = this.#make();
      this.#kept = made;
      made.catch(() => {
        if (this.#kept === made) this.#kept = undefined;
      });
    }
    return this.#kept;
  }

  /** The kept promise, if one was made (makes none). */
  get current(): Promise<T> | undefined {
    return this.#kept;
  }

  /** Forgets the kept promise and returns it: the next `get` makes a new one. */
  take(): Promise<T> | undefined {
    const kept = this.#kept;
    this.#kept = undefined;
    return kept;
  }
}

const IMPLEMENTATION = '../implementation.js';
const CONSOLES = '../console-implementation.js';

/**
 * The transport, session and login (`implementation.ts`), loaded by the first call that needs them:
 * `import 'hac-client'` compiles only the classes, options and errors of the entry.
 */
export const loadImplementation = onDemand(
  () => import('../implementation.js'),
  (query) => import(`${IMPLEMENTATION}${query}`) as Promise<typeof Implementation>,
);

/** The console functions (`console-implementation.ts`), loaded by the first console call: a login needs none. */
export const loadConsoles = onDemand(
  () => import('../console-implementation.js'),
  (query) => import(`${CONSOLES}${query}`) as Promise<typeof ConsoleImplementation>,
);

/**
 * A synchronous `require` for the library's own use: npm packages (CommonJS builds) and
 * `node:fs/promises`, which only some runs need. The one `createRequire` of the library
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

let cookieParser: typeof SetCookieParser | undefined;
let cookieParserLoading: Promise<void> | undefined;

/**
 * set-cookie-parser: only responses that set cookies (a login, a rotated session) need it. Loaded by
 * `prepareSetCookieParser` when a login starts, else required here.
 */
export const setCookieParser = (): typeof SetCookieParser => (cookieParser ??= requireModule<typeof SetCookieParser>('set-cookie-parser'));

/**
 * Starts loading set-cookie-parser for a login about to read its first answer: as an ES module (the
 * package's `module-sync` build, which `require` also picks on Node ≥ 20.19, through Node's CommonJS
 * loader and then its ES module loader: ~2 ms more for the first login of a process), while the
 * request is on its way. Never rejects: a failed load leaves it to `setCookieParser`'s `require`.
 */
export function prepareSetCookieParser(): Promise<void> {
  return (cookieParserLoading ??= cookieParser
    ? Promise.resolve()
    : import('set-cookie-parser').then(
        (module) => {
          cookieParser ??= module;
        },
        () => undefined,
      ));
}

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
