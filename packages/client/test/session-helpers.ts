/** Shared by the session/client/error tests: an emulator per test file, temp cache dirs, request logs. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startEmulator, type Emulator, type EmulatorOptions } from 'hac-emulator';
import { BasicAuthHandler, HacClient, SessionManager, type HacClientOptions } from 'hac-client';
import { cacheFs } from '../src/session/cache-fs.js';

export const USER = 'admin';
export const PASSWORD = 'nimda';

const dirs: string[] = [];

/** A fresh temp cache directory (removed by `cleanupDirs`). */
export async function tempCacheDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hac-client-test-'));
  dirs.push(dir);
  return join(dir, 'cache');
}

export async function cleanupDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, ...options });
}

/**
 * The emulator a test file (or `describe` block) shares: started in `before` on a random port, closed
 * in `after` together with the temp cache directories. The object returned stands for it in tests and
 * in the hooks of a `describe`; `setUp` runs right after the start, in the same hook (file-level
 * `before` hooks of Node 20 may run before this one has finished).
 */
export function useEmulator(options: EmulatorOptions = {}, setUp?: (emu: Emulator) => Promise<void>): Emulator {
  let started: Emulator | undefined;
  before(async () => {
    started = await emulator(options);
    await setUp?.(started);
  });
  after(async () => {
    await started?.close();
    await cleanupDirs();
  });
  return new Proxy({} as Emulator, {
    get(_target, key) {
      if (!started) throw new Error('the emulator of useEmulator() starts in before(): use it in hooks and tests');
      return Reflect.get(started, key, started) as unknown;
    },
  });
}

export function client(emu: Emulator, cacheDir: string, options: Partial<HacClientOptions> = {}): HacClient {
  return new HacClient({
    baseUrl: emu.url,
    authHandler: new BasicAuthHandler(USER, PASSWORD),
    cacheDir,
    hacPath: emu.contextPath,
    timeoutMs: 5_000,
    ...options,
  });
}

/** `METHOD path status` of every request since the last reset: readable assertion failures. */
export function log(emu: Emulator): string[] {
  return emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
}

export const LOGIN = (ctx = '/hac'): string[] => [`GET ${ctx}/login 200`, `POST ${ctx}/j_spring_security_check 302`, `GET ${ctx}/ 200`];

type CacheFsOp = 'write' | 'rename' | 'open' | 'link';

/**
 * Makes the session cache's `op` fail with `code` (`ENOSPC`: a full disk, where creating a file
 * works and writing into it does not) until the returned function restores it.
 */
export function failCacheFs(op: CacheFsOp, code = 'ENOSPC'): () => void {
  const original = cacheFs[op];
  const fail = (): Promise<never> => Promise.reject(Object.assign(new Error(`${code}: no space left on device, ${op}`), { code }));
  (cacheFs as Record<CacheFsOp, unknown>)[op] = fail;
  return () => {
    (cacheFs as Record<CacheFsOp, unknown>)[op] = original;
  };
}

/** Counts the writes of session files (each an atomic rename onto `session_<md5>.json`) and every file opened (to read or to write). */
export function countSessionWrites(): { readonly count: number; readonly opened: number; stop(): void } {
  const { rename, open, openSync } = cacheFs;
  let count = 0;
  let opened = 0;
  cacheFs.rename = (from, to) => {
    if (/session_[0-9a-f]{32}\.json$/.test(to)) count += 1;
    return rename(from, to);
  };
  cacheFs.open = (...args) => {
    opened += 1;
    return open(...args);
  };
  cacheFs.openSync = (...args) => {
    opened += 1;
    return openSync(...args);
  };
  return {
    get count() {
      return count;
    },
    get opened() {
      return opened;
    },
    stop() {
      cacheFs.rename = rename;
      cacheFs.open = open;
      cacheFs.openSync = openSync;
    },
  };
}

/** A stand-in HAC on a random loopback port, with a session already cached for it. */
export interface FakeHac {
  baseUrl: string;
  /** The session cache directory, holding a session of `admin` for `baseUrl`. */
  cacheDir: string;
  close(): Promise<void>;
}

/**
 * Start a server answering every request with `handler` (the test writes HAC's answers itself: in
 * steps, cut short, wrong) and cache a session for it, so that a client's calls go straight to it
 * without a login. `session` sets the cached id and CSRF token.
 */
export async function startFakeHac(handler: (req: IncomingMessage, res: ServerResponse) => void, session: { sessionId?: string; csrfToken?: string } = {}): Promise<FakeHac> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const cacheDir = await mkdtemp(join(tmpdir(), 'hac-fake-'));
  await new SessionManager({ cacheDir }).saveSession({ baseUrl, username: USER, environment: 'local', sessionId: session.sessionId ?? 'SID-1', csrfToken: session.csrfToken ?? 'T-1', routeCookie: null });
  return {
    baseUrl,
    cacheDir,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
