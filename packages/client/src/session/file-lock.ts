/**
 * A cross-process lock file (O_EXCL create) so that processes starting with an empty cache log in
 * once between them. A lock is stale when its holder's pid is dead (same host) or it is older than
 * `staleMs`; a stale lock is broken. Waiters poll with jitter and honour an AbortSignal.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { sleep } from '../internal/abort.js';

export interface LockOptions {
  /** A lock older than this is considered abandoned. @default 30000 */
  staleMs?: number;
  /** Poll interval while waiting (jittered ±50%). @default 50 */
  pollMs?: number;
  signal?: AbortSignal;
}

interface LockContent {
  pid: number;
  host: string;
  token: string;
  at: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(path: string): Promise<LockContent | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockContent>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token, at: Number(value.at) || 0 };
    }
  } catch {
    // Unreadable or half-written: judged by its age alone.
  }
  return null;
}

/** The identity of a stale lock (token, else mtime), or `null` when the lock is live or gone. */
async function staleIdentity(path: string, staleMs: number): Promise<string | null> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch {
    return null; // gone: the next create attempt decides
  }
  const content = await readLock(path);
  const identity = content?.token ?? `mtime:${mtimeMs}`;
  if (Date.now() - mtimeMs > staleMs) return identity;
  return content !== null && content.host === hostname() && !isAlive(content.pid) ? identity : null;
}

async function lockIdentity(path: string): Promise<string | null> {
  const content = await readLock(path);
  if (content) return content.token;
  try {
    return `mtime:${(await stat(path)).mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * Runs `fn` while holding the lock at `path`. `fn` learns whether this process had to wait for
 * another holder (then the cache most likely holds a fresh session).
 */
export async function withFileLock<T>(path: string, fn: (waited: boolean) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 30_000;
  const pollMs = options.pollMs ?? 50;
  const token = randomBytes(8).toString('hex');
  let waited = false;
  while (true) {
    options.signal?.throwIfAborted();
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        const content: LockContent = { pid: process.pid, host: hostname(), token, at: Date.now() };
        await handle.writeFile(JSON.stringify(content));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    waited = true;
    const stale = await staleIdentity(path, staleMs);
    if (stale !== null) {
      // Re-check just before breaking it, so that a waiter that judged the old lock stale does not
      // delete the lock another waiter has created since (the window left is a few microseconds).
      if ((await lockIdentity(path)) === stale) await unlink(path).catch(() => undefined);
      continue;
    }
    await sleep(pollMs * (0.5 + Math.random()), options.signal);
  }
  try {
    return await fn(waited);
  } finally {
    const content = await readLock(path);
    if (content?.token === token) await unlink(path).catch(() => undefined);
  }
}
