/**
 * Session cache files: one JSON file per (base URL, username, environment), named and shaped exactly
 * like the Python tool's so that both share sessions. Unlike it: the directory must be the user's own
 * (see `secureCacheDir`), files are 0600 and written atomically (temp file + rename), read without
 * following links, only when regular and at most 64 KiB; a file that is not a valid session (corrupt,
 * a link, a FIFO, a value that cannot be sent) is deleted and treated as missing.
 */
import { cacheFs, errorCode, readCacheFile, writeFileAtomic } from './cache-fs.js';
import { secureCacheDir } from './cache-dir.js';
import { sessionFileName, sessionFilePath } from './cache-file-names.js';
import { fromSessionFile, toSessionFile, type StoredSession } from './session-types.js';

// process.getBuiltinModule: no ES module facade for the first call to build (see cache-fs.ts).
const { join } = process.getBuiltinModule('node:path');

const FILE_PATTERN = /^session_[0-9a-f]{32}\.json$/;
const FAILURE_PATTERN = /^session_[0-9a-f]{32}\.json\.failed$/;
/** A session file is ~400 bytes; anything near this is not one. */
export const MAX_CACHE_FILE_BYTES = 64 * 1024;

/** Which sessions `list` returns; every given field must match. */
export interface SessionFilter {
  baseUrl?: string;
  username?: string;
  environment?: string;
}

export class SessionStore {
  /** The directory as configured (shown to users); files are reached through its checked real path. */
  readonly dir: string;
  readonly #trace: (line: string) => void;
  #real: Promise<string> | undefined;

  constructor(dir: string, trace: (line: string) => void = () => undefined) {
    this.dir = dir;
    this.#trace = trace;
  }

  path(baseUrl: string, username: string, environment: string): string {
    return sessionFilePath(this.dir, baseUrl, username, environment);
  }

  /**
   * The checked real directory (created 0700 if missing); rejects with `UnsafeCacheDirError` when it
   * cannot be trusted, or the file system's error. Checked once per store.
   */
  prepare(): Promise<string> {
    this.#real ??= secureCacheDir(this.dir);
    return this.#real;
  }

  /** Where the file of this key really is (for the lock and the failure marker beside it). */
  async realPath(baseUrl: string, username: string, environment: string): Promise<string> {
    return join(await this.prepare(), sessionFileName(baseUrl, username, environment));
  }

  /** Reads a session file; missing is `null`, and so is anything that is not a valid session (then deleted). */
  async readFile(path: string): Promise<StoredSession | null> {
    const outcome = await readCacheFile(path, MAX_CACHE_FILE_BYTES);
    if (!outcome) return null;
    let session: StoredSession | null = null;
    let why: string;
    if (outcome.ok) {
      try {
        session = fromSessionFile(JSON.parse(outcome.text));
      } catch {
        session = null;
      }
      why = 'not a valid session';
    } else {
      why = outcome.why;
    }
    if (!session) {
      this.#trace(`session: removing cache file ${path}: ${why}`);
      // Unlinking removes a planted link or FIFO itself, never what it points to.
      await cacheFs.unlink(path).catch(() => undefined);
    }
    return session;
  }

  async read(baseUrl: string, username: string, environment: string): Promise<StoredSession | null> {
    return this.readFile(await this.realPath(baseUrl, username, environment));
  }

  /** Writes atomically (0600 temp file in the same directory, then rename over the target). */
  async write(session: StoredSession): Promise<void> {
    const target = await this.realPath(session.baseUrl, session.username, session.environment);
    await writeFileAtomic(target, `${JSON.stringify(toSessionFile(session), null, 2)}\n`);
  }

  /**
   * Removes a session file. With `onlySessionId`, only when the file still holds that session: a
   * dead session must not take down the fresh one another process just saved.
   */
  async remove(baseUrl: string, username: string, environment: string, onlySessionId?: string): Promise<boolean> {
    const path = await this.realPath(baseUrl, username, environment);
    if (onlySessionId !== undefined) {
      const current = await this.readFile(path);
      if (!current || current.sessionId !== onlySessionId) return false;
    }
    try {
      await cacheFs.unlink(path);
      return true;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Notes that a login for the session file at `realPath` just failed, so that processes that were
   * waiting for the same login fail too instead of each trying the bad credentials (and locking the
   * account). Best effort: without the note they would each try once.
   */
  async markLoginFailed(realPath: string, message: string): Promise<void> {
    await writeFileAtomic(`${realPath}.failed`, JSON.stringify({ at: Date.now(), message })).catch(() => undefined);
  }

  /** The message of a login failure recorded at or after `since` (ms), if any. */
  async loginFailedSince(realPath: string, since: number): Promise<string | undefined> {
    try {
      const outcome = await readCacheFile(`${realPath}.failed`, 4096);
      if (!outcome?.ok) return undefined;
      const value = JSON.parse(outcome.text) as { at?: unknown; message?: unknown };
      if (typeof value.at === 'number' && value.at >= since && typeof value.message === 'string') return value.message;
    } catch {
      // unreadable: no recorded failure
    }
    return undefined;
  }

  async clearLoginFailure(realPath: string): Promise<void> {
    await cacheFs.unlink(`${realPath}.failed`).catch(() => undefined);
  }

  /** Every valid session file matching `filter` (invalid ones are deleted on the way). */
  async list(filter: SessionFilter = {}): Promise<{ session: StoredSession; path: string }[]> {
    const dir = await this.prepare();
    const sessions: { session: StoredSession; path: string }[] = [];
    for (const name of (await cacheFs.readdir(dir)).filter((n) => FILE_PATTERN.test(n))) {
      const session = await this.readFile(join(dir, name));
      if (!session) continue;
      if (filter.baseUrl !== undefined && session.baseUrl !== filter.baseUrl) continue;
      if (filter.username !== undefined && session.username !== filter.username) continue;
      if (filter.environment !== undefined && session.environment !== filter.environment) continue;
      sessions.push({ session, path: join(this.dir, name) });
    }
    return sessions;
  }

  /** Deletes every session file; returns how many were deleted. */
  async clear(): Promise<number> {
    const dir = await this.prepare();
    const names = await cacheFs.readdir(dir);
    let count = 0;
    // Login-failure markers go too (not counted: they are not sessions).
    for (const name of names.filter((n) => FAILURE_PATTERN.test(n))) await cacheFs.unlink(join(dir, name)).catch(() => undefined);
    for (const name of names.filter((n) => FILE_PATTERN.test(n))) {
      try {
        await cacheFs.unlink(join(dir, name));
        count += 1;
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    }
    return count;
  }
}
