/**
 * Whether a cache directory may be trusted: nobody but the user (and root) can have put files into it
 * or can swap it or any directory above it. Files written there by a process of another user, or by
 * `sudo` with the user's HOME, would be an invitation to plant links or read the session.
 */
import type { Stats } from 'node:fs';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { HacClientError } from '../errors.js';
import { cacheFs, currentUid, errorCode } from './cache-fs.js';

/** The cache directory cannot be trusted; the message says why and what to do. */
export class UnsafeCacheDirError extends HacClientError {
  override name = 'UnsafeCacheDirError';
}

function unsafe(dir: string, why: string, fix: string): UnsafeCacheDirError {
  return new UnsafeCacheDirError(`${dir} ${why}; ${fix}`);
}

/** Other users can create, rename or delete entries: writable by others (or a group not ours) without the sticky bit. */
function othersCanChange(stats: Stats): boolean {
  if (stats.mode & 0o1000) return false; // sticky: only an entry's owner can rename or delete it (/tmp)
  if (stats.mode & 0o002) return true;
  return (stats.mode & 0o020) !== 0 && typeof process.getgid === 'function' && stats.gid !== process.getgid();
}

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await cacheFs.lstat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Every directory from the root down to `dir` (inclusive). */
function chain(dir: string): string[] {
  const root = parse(dir).root;
  const parts = dir.slice(root.length).split(sep).filter(Boolean);
  return [root, ...parts.map((_, i) => join(root, ...parts.slice(0, i + 1)))];
}

/** The real path of `dir`: symbolic links above it resolved, parts that do not exist yet kept. */
async function realPath(dir: string): Promise<string> {
  const missing: string[] = [];
  let existing = dir;
  while (true) {
    try {
      return join(await cacheFs.realpath(existing), ...missing.reverse());
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' || dirname(existing) === existing) throw error;
      missing.push(existing.slice(dirname(existing).length).replace(/^[/\\]+/, ''));
      existing = dirname(existing);
    }
  }
}

/**
 * Checks (creating it if missing) the cache directory and returns its real path, which the cache then
 * uses for every file: a symbolic link on the way cannot be re-pointed later. The directory must be
 * the user's own (its mode is tightened to 0700), every directory above it owned by the user or root
 * and not open to others (unless sticky, like /tmp). Throws `UnsafeCacheDirError` otherwise.
 */
export async function secureCacheDir(configured: string): Promise<string> {
  const absolute = resolve(configured);
  const uid = currentUid();
  if (uid === undefined) {
    await cacheFs.mkdir(absolute);
    return absolute;
  }
  const real = await realPath(absolute);
  const parents = chain(dirname(real));
  for (const dir of parents) {
    const stats = await lstatOrNull(dir);
    if (!stats) break; // not created yet: made below, by this user
    if (!stats.isDirectory()) throw unsafe(configured, `cannot be created: ${dir} is not a directory`, 'remove it');
    if (stats.uid !== uid && stats.uid !== 0) {
      throw unsafe(configured, `is inside ${dir}, which belongs to another user (uid ${stats.uid})`, 'run as that user (sudo may have kept their HOME)');
    }
    if (othersCanChange(stats)) {
      throw unsafe(configured, `is inside ${dir}, which other users can write to`, `run chmod go-w ${dir}`);
    }
  }
  const parent = dirname(real);
  if (!(await lstatOrNull(parent))) await cacheFs.mkdir(parent);
  try {
    await cacheFs.mkdir(real, 0o700);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
  const stats = await cacheFs.lstat(real);
  if (!stats.isDirectory()) throw unsafe(configured, 'is not a directory', 'remove it');
  if (stats.uid !== uid) throw unsafe(configured, `belongs to another user (uid ${stats.uid})`, 'remove it, or run as that user');
  if ((stats.mode & 0o777) !== 0o700) await cacheFs.chmod(real, 0o700);
  return real;
}
