/**
 * A cross-process lock file so that processes starting with an empty cache log in once between them.
 * The lock is created with its whole content at once (`createFileExclusive`), so a lock that is
 * empty or not a hac lock was never a live one: it is broken at once, as is one whose holder is gone
 * (same host, pid not alive). Otherwise a lock counts as abandoned after `staleMs`. Waiters poll with
 * jitter, honour an AbortSignal and say once what they wait for when it takes long.
 */
import { sleep } from '../internal/abort.js';
import { cacheFs, createFileExclusive, errorCode, readCacheFile, uniqueToken } from './cache-fs.js';

/**
 * This machine's name, as lock files record it. `node:os` is loaded by the first lock (a login that
 * saves its session), not by every first call.
 */
export function hostname(): string {
  return process.getBuiltinModule('node:os').hostname();
}

/** Who holds a lock, as its file says. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When it was taken, ms since the epoch. */
  at: number;
}

export interface LockOptions {
  /** A lock older than this is considered abandoned. @default 30000 */
  staleMs?: number;
  /** Poll interval while waiting (jittered ±50%). @default 50 */
  pollMs?: number;
  signal?: AbortSignal | undefined;
  /** `false`: one attempt; a live holder makes `acquireLock` return `null` instead of waiting. @default true */
  wait?: boolean;
  /** Called when waiting begins (the holder as its file says). */
  onWaitStart?: (holder: LockHolder) => void;
  /** Called once when the wait has lasted `noticeAfterMs`. */
  onLongWait?: (holder: LockHolder, waitedMs: number) => void;
  /** @default 2000 */
  noticeAfterMs?: number;
}

export interface HeldLock {
  /** Whether another holder had to be waited for (then the cache most likely holds a fresh session). */
  waited: boolean;
  release(): Promise<void>;
}

interface LockContent extends LockHolder {
  token: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

type LockState =
  | { kind: 'gone' }
  /** `identity` tells this very lock file from one created after it. */
  | { kind: 'live'; identity: string; holder: LockHolder }
  | { kind: 'stale'; identity: string; why: string };

function parseLock(text: string): LockContent | null {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (Number.isSafeInteger(value.pid) && (value.pid ?? 0) > 0 && typeof value.host === 'string' && typeof value.token === 'string' && typeof value.at === 'number') {
      return { pid: value.pid!, host: value.host, token: value.token, at: value.at };
    }
  } catch {
    // not JSON: not a hac lock
  }
  return null;
}

async function inspect(path: string, staleMs: number): Promise<LockState> {
  let outcome;
  try {
    outcome = await readCacheFile(path, 4096);
  } catch (error) {
    // In the user's own directory, a file the user cannot read is no lock of a hac process of theirs.
    return { kind: 'stale', identity: `unreadable:${errorCode(error) ?? ''}`, why: 'unreadable' };
  }
  if (!outcome) return { kind: 'gone' };
  // A link, FIFO or foreign file where the lock belongs is no lock of ours: removing it is harmless.
  if (!outcome.ok) return { kind: 'stale', identity: `other:${outcome.why}`, why: outcome.why };
  const content = parseLock(outcome.text);
  const identity = `${outcome.stats.ino}:${outcome.stats.mtimeMs}:${content?.token ?? ''}`;
  if (!content) return { kind: 'stale', identity, why: outcome.text === '' ? 'empty' : 'not a hac lock' };
  if (content.host === hostname() && !isAlive(content.pid)) return { kind: 'stale', identity, why: `process ${content.pid} is gone` };
  if (Date.now() - outcome.stats.mtimeMs > staleMs) return { kind: 'stale', identity, why: `older than ${staleMs} ms` };
  return { kind: 'live', identity, holder: { pid: content.pid, host: content.host, at: content.at } };
}

/**
 * Takes the lock at `path`, waiting for a live holder (unless `wait: false`, then `null`). Throws the
 * file system's error when the lock cannot be created (full disk, read-only directory): the caller
 * decides whether to go on without it.
 */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<HeldLock | null> {
  const staleMs = options.staleMs ?? 30_000;
  const pollMs = options.pollMs ?? 50;
  const noticeAfterMs = options.noticeAfterMs ?? 2000;
  const token = uniqueToken();
  let waitStarted: number | undefined;
  let noticed = false;
  while (true) {
    options.signal?.throwIfAborted();
    try {
      const content: LockContent = { pid: process.pid, host: hostname(), token, at: Date.now() };
      await createFileExclusive(path, JSON.stringify(content));
      return { waited: waitStarted !== undefined, release: () => release(path, token) };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const state = await inspect(path, staleMs);
    if (state.kind === 'stale') {
      // Re-checked just before breaking it, so that a waiter that judged the old lock stale does not
      // delete the lock another waiter has created since (the window left is a few microseconds).
      const again = await inspect(path, staleMs);
      if (again.kind !== 'gone' && again.identity === state.identity) {
        await cacheFs.unlink(path).catch((error: unknown) => {
          // Something that cannot be removed (a directory) blocks the lock for good: say so, never spin.
          if (errorCode(error) !== 'ENOENT') throw error;
        });
      }
      continue;
    }
    if (state.kind === 'gone') continue;
    if (options.wait === false) return null;
    if (waitStarted === undefined) {
      waitStarted = Date.now();
      options.onWaitStart?.(state.holder);
    }
    const waitedMs = Date.now() - waitStarted;
    if (!noticed && waitedMs >= noticeAfterMs) {
      noticed = true;
      options.onLongWait?.(state.holder, waitedMs);
    }
    const poll = pollMs * (0.5 + Math.random());
    // Woken in time for the notice, not up to a poll interval late.
    await sleep(noticed ? poll : Math.max(1, Math.min(poll, noticeAfterMs - waitedMs)), options.signal);
  }
}

async function release(path: string, token: string): Promise<void> {
  const outcome = await readCacheFile(path, 4096).catch(() => null);
  if (outcome?.ok && parseLock(outcome.text)?.token === token) await cacheFs.unlink(path).catch(() => undefined);
}

/**
 * Runs `fn` while holding the lock at `path`. `fn` learns whether this process had to wait for
 * another holder (then the cache most likely holds a fresh session).
 */
export async function withFileLock<T>(path: string, fn: (waited: boolean) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = (await acquireLock(path, { ...options, wait: true }))!;
  try {
    return await fn(lock.waited);
  } finally {
    await lock.release();
  }
}
