/**
 * Every file operation of the session cache goes through `cacheFs`, so that tests can make the disk
 * "full" (ENOSPC) or otherwise fail without root or a tiny file system. On top of it, the three safe
 * primitives the cache is built from: read a small regular file of ours without following links or
 * blocking on a FIFO, write a file atomically, and create a file exclusively with its full content.
 *
 * What a warm call does (check the directory, read its session file) is synchronous: a handful of
 * calls on a small local file take microseconds each, where each asynchronous one is a round trip
 * through libuv's thread pool (~0.1 ms quiet, far more on a loaded machine) and `node:fs/promises`
 * costs every process ~1 ms to load. Writes (login, `last_used_at`, locks) stay asynchronous: they
 * are rare, and `node:fs/promises` loads with the first.
 */
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { nodeFsPromises } from '../internal/lazy.js';

// Built-in modules through process.getBuiltinModule, not `import`: an ES module's import of one builds
// a facade of its exports, which the first call of every process would pay for (see internal/lazy.ts).
const { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, chmodSync } = process.getBuiltinModule('node:fs');
const { basename, dirname, join } = process.getBuiltinModule('node:path');

const fsp = nodeFsPromises;

/** The operations used; tests replace members (and restore them) to inject failures. */
export const cacheFs = {
  open: (path: string, flags: number, mode?: number): Promise<FileHandle> => fsp().open(path, flags, mode),
  /** Writes all of `data` through an open handle (where a full disk shows: the file exists, the data does not fit). */
  write: (handle: FileHandle, data: string): Promise<void> => handle.writeFile(data, 'utf8'),
  rename: (from: string, to: string): Promise<void> => fsp().rename(from, to),
  link: (existing: string, created: string): Promise<void> => fsp().link(existing, created),
  unlink: (path: string): Promise<void> => fsp().unlink(path),
  readdir: (path: string): Promise<string[]> => fsp().readdir(path),
  /** `/etc/group` and `/etc/passwd`, read to tell who else is in a group. */
  readSystemFile: (path: string): Promise<string> => fsp().readFile(path, 'utf8'),
  /** Opens a cache file for reading (a descriptor: read, then closed, synchronously). */
  openSync: (path: string, flags: number): number => openSync(path, flags),
  /** `undefined` when nothing is there. */
  lstatSync: (path: string): Stats | undefined => lstatSync(path, { throwIfNoEntry: false }),
  realpathSync: (path: string): string => realpathSync.native(path),
  mkdirSync: (path: string, mode?: number): void => {
    mkdirSync(path, mode === undefined ? { recursive: true } : { mode });
  },
  chmodSync: (path: string, mode: number): void => chmodSync(path, mode),
};

// Windows has no O_NOFOLLOW/O_NONBLOCK/O_NOCTTY: 0 leaves them out.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const READ_FLAGS = constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW;

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The current user's id, or `undefined` where files have no owner to check (Windows). */
export function currentUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

export type ReadOutcome =
  | { ok: true; text: string; stats: Stats }
  /** Not used: `why` says what it is; `ours` when it is a regular file of ours (safe to delete). */
  | { ok: false; why: string; ours: boolean };

/**
 * Reads a small file of the cache: `null` when missing. A symbolic link is not followed, a FIFO or
 * device is not read (opening with O_NONBLOCK never waits for a writer), a file of another user or
 * larger than `maxBytes` is not read. Synchronous inside (see the top of this file).
 */
export async function readCacheFile(path: string, maxBytes: number): Promise<ReadOutcome | null> {
  return readCacheFileSync(path, maxBytes);
}

function readCacheFileSync(path: string, maxBytes: number): ReadOutcome | null {
  let fd: number;
  try {
    fd = cacheFs.openSync(path, READ_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return null;
    // ELOOP (Linux, macOS) or EMLINK (FreeBSD): O_NOFOLLOW met a symbolic link.
    if (code === 'ELOOP' || code === 'EMLINK') return { ok: false, why: 'a symbolic link', ours: false };
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, why: 'not a regular file', ours: false };
    const uid = currentUid();
    if (uid !== undefined && stats.uid !== uid) return { ok: false, why: `owned by another user (uid ${stats.uid})`, ours: false };
    if (stats.size > maxBytes) return { ok: false, why: `larger than ${maxBytes} bytes`, ours: true };
    // One byte more than allowed: a file that grew since fstat is caught too.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stats.size + 1, 1)));
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, why: `larger than ${maxBytes} bytes`, ours: true };
    return { ok: true, text: buffer.toString('utf8', 0, length), stats };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing written: nothing to lose
    }
  }
}

/** A new 0600 file with `data`, created exclusively (never through a link); removed again if writing fails. */
async function createWith(path: string, data: string): Promise<void> {
  const handle = await cacheFs.open(path, CREATE_FLAGS, 0o600);
  try {
    await cacheFs.write(handle, data);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await cacheFs.unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

let tokens = 0;

/**
 * A string no other call of this or another process picks: pid, time, a counter and randomness.
 * Temp file names and lock tokens need only that, not secrecy: every file of the cache is created
 * exclusively and never through a link, in a directory nobody else can write to (`secureCacheDir`),
 * so a name guessed in advance can only make a create fail. (`node:crypto` cost every write, a
 * login or a `last_used_at` every few seconds, 2-4 ms to load.)
 */
export function uniqueToken(): string {
  tokens += 1;
  return `${process.pid.toString(36)}-${Date.now().toString(36)}-${tokens.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function tempPathFor(target: string): string {
  // A dot name: the Python tool's `session_*.json` glob and our listing never see it.
  return join(dirname(target), `.${basename(target)}.${uniqueToken()}.tmp`);
}

/**
 * Replaces `target` atomically: a 0600 temp file in the same directory, then rename (which replaces
 * a link or FIFO planted at `target` instead of writing through it). Nothing is left on failure.
 */
export async function writeFileAtomic(target: string, data: string): Promise<void> {
  const temp = tempPathFor(target);
  await createWith(temp, data);
  try {
    await cacheFs.rename(temp, target);
  } catch (error) {
    await cacheFs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates `target` with `data` only if nothing exists there (EEXIST otherwise). The content is
 * complete from the first instant (temp file, then hard link), so a reader never sees an empty file.
 * File systems without hard links fall back to an exclusive create (removed again if writing fails).
 */
export async function createFileExclusive(target: string, data: string): Promise<void> {
  const temp = tempPathFor(target);
  await createWith(temp, data);
  try {
    await cacheFs.link(temp, target);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await createWith(target, data);
  } finally {
    await cacheFs.unlink(temp).catch(() => undefined);
  }
}
