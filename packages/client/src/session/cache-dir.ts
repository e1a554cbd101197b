/**
 * Whether a cache directory may be trusted: nobody but the user (and root) can have put files into it
 * or can swap it or any directory above it. Files written there by a process of another user, or by
 * `sudo` with the user's HOME, would be an invitation to plant links or read the session.
 */
import type { Stats } from 'node:fs';
import { UnsafeCacheDirError } from '../errors.js';
import { cacheFs, currentUid, errorCode } from './cache-fs.js';

// process.getBuiltinModule: no ES module facade for the first call to build (see cache-fs.ts).
const { dirname, join, parse, resolve, sep } = process.getBuiltinModule('node:path');

function unsafe(dir: string, why: string, fix: string): UnsafeCacheDirError {
  return new UnsafeCacheDirError(`${dir} ${why}; ${fix}`);
}

/**
 * The accounts other than user `uid` that are in group `gid`: its members in `/etc/group` and the
 * accounts whose primary group it is in `/etc/passwd` (texts as those files hold them). `undefined`
 * when `/etc/group` does not list the group: its members are unknown (a directory service).
 */
export function otherGroupMembers(gid: number, uid: number, groupFile: string, passwdFile: string): string[] | undefined {
  const rows = (text: string): string[][] => text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split(':'));
  const accounts = rows(passwdFile);
  const ownName = accounts.find((row) => row[2] === String(uid))?.[0];
  const group = rows(groupFile).find((row) => row[2] === String(gid));
  if (!group) return undefined;
  const listed = (group[3] ?? '').split(',').filter((name) => name !== '' && name !== ownName);
  const primary = accounts.filter((row) => row[3] === String(gid) && row[2] !== String(uid)).map((row) => row[0] ?? '');
  return [...new Set([...listed, ...primary])];
}

/**
 * Who besides the user can create, rename or delete entries in a directory (without the sticky bit,
 * which lets only an entry's owner do that, as in /tmp): 'others' when anyone can write to it or
 * its group is not the user's primary group, 'group' when its group is the user's but another account
 * is (or may be) in it, null when nobody. A group-writable directory is common where each user has a
 * group of their own (umask 002); a group shared with others could swap the cache for their own.
 */
async function othersCanChange(stats: Stats, uid: number): Promise<'others' | 'group' | null> {
  if (stats.mode & 0o1000) return null;
  if (stats.mode & 0o002) return 'others';
  if ((stats.mode & 0o020) === 0) return null;
  if (typeof process.getgid !== 'function' || stats.gid !== process.getgid()) return 'others';
  try {
    const [groupFile, passwdFile] = await Promise.all([cacheFs.readSystemFile('/etc/group'), cacheFs.readSystemFile('/etc/passwd')]);
    return otherGroupMembers(stats.gid, uid, groupFile, passwdFile)?.length === 0 ? null : 'group';
  } catch {
    return 'group'; // members unknown: not the user's alone
  }
}

/** Every directory from the root down to `dir` (inclusive). */
function chain(dir: string): string[] {
  const root = parse(dir).root;
  const parts = dir.slice(root.length).split(sep).filter(Boolean);
  return [root, ...parts.map((_, i) => join(root, ...parts.slice(0, i + 1)))];
}

/**
 * `lstat` of each directory from the root down to `dir`, up to the first that is missing (`null`)
 * or not a directory (a link, a file): nothing below it is looked at.
 */
function lstatChain(dir: string): Array<{ path: string; stats: Stats | null }> {
  const found: Array<{ path: string; stats: Stats | null }> = [];
  for (const path of chain(dir)) {
    const stats = cacheFs.lstatSync(path) ?? null;
    found.push({ path, stats });
    if (!stats?.isDirectory()) break;
  }
  return found;
}

/** The real path of `dir`: symbolic links above it resolved, parts that do not exist yet kept. */
function realPath(dir: string): string {
  const missing: string[] = [];
  let existing = dir;
  while (true) {
    try {
      return join(cacheFs.realpathSync(existing), ...missing.reverse());
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
 * and not open to others (unless sticky, like /tmp; writable by its group only when that group is the
 * user's and nobody else's). Throws `UnsafeCacheDirError` otherwise.
 *
 * One `lstat` of each directory from the root down, synchronously (see `cache-fs.ts`): without a
 * symbolic link on the way the path is its own real path, and the same `lstat`s are the checks;
 * with one, the real path is resolved and walked instead.
 */
export async function secureCacheDir(configured: string): Promise<string> {
  const absolute = resolve(configured);
  const uid = currentUid();
  if (uid === undefined) {
    cacheFs.mkdirSync(absolute);
    return absolute;
  }
  let real = absolute;
  let walked = lstatChain(absolute);
  if (walked.at(-1)?.stats?.isSymbolicLink()) {
    real = realPath(absolute);
    walked = lstatChain(real);
  }
  const own = walked.length === chain(real).length ? walked.pop() : undefined; // `real` itself, when it exists
  for (const { path: dir, stats } of walked) {
    if (!stats) break; // not created yet: made below, by this user
    if (!stats.isDirectory()) throw unsafe(configured, `cannot be created: ${dir} is not a directory`, 'remove it');
    if (stats.uid !== uid && stats.uid !== 0) {
      throw unsafe(configured, `is inside ${dir}, which belongs to another user (uid ${stats.uid})`, 'run as that user (sudo may have kept their HOME)');
    }
    const writers = await othersCanChange(stats, uid);
    if (writers === 'others') throw unsafe(configured, `is inside ${dir}, which other users can write to`, `run chmod go-w ${dir}`);
    if (writers === 'group') {
      throw unsafe(configured, `is inside ${dir}, which other members of its group (gid ${stats.gid}) can write to`, `run chmod g-w ${dir}`);
    }
  }
  let stats = own?.stats ?? undefined;
  if (!stats) {
    const parent = dirname(real);
    if (!cacheFs.lstatSync(parent)) cacheFs.mkdirSync(parent);
    try {
      cacheFs.mkdirSync(real, 0o700);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    stats = cacheFs.lstatSync(real);
  }
  if (!stats?.isDirectory()) throw unsafe(configured, 'is not a directory', 'remove it');
  if (stats.uid !== uid) throw unsafe(configured, `belongs to another user (uid ${stats.uid})`, 'remove it, or run as that user');
  if ((stats.mode & 0o777) !== 0o700) cacheFs.chmodSync(real, 0o700);
  return real;
}
