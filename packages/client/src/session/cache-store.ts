/**
 * Session cache files: one JSON file per (base URL, username, environment), named and shaped exactly
 * like the Python tool's so that both share sessions. Unlike it: directory 0700, files 0600, atomic
 * writes (temp file + rename), and a corrupt file is deleted and treated as missing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromSessionFile, toSessionFile, type StoredSession } from './session-types.js';

const FILE_PATTERN = /^session_[0-9a-f]{32}\.json$/;
const FAILURE_PATTERN = /^session_[0-9a-f]{32}\.json\.failed$/;

/** `md5("{base_url}:{username}:{environment}")` in hex, as the Python tool computes it. */
function sessionKey(baseUrl: string, username: string, environment: string): string {
  return createHash('md5').update(`${baseUrl}:${username}:${environment}`, 'utf8').digest('hex');
}

function sessionFileName(baseUrl: string, username: string, environment: string): string {
  return `session_${sessionKey(baseUrl, username, environment)}.json`;
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

async function fixMode(path: string, mode: number): Promise<void> {
  try {
    const info = await stat(path);
    const owned = typeof process.getuid !== 'function' || info.uid === process.getuid();
    if (owned && (info.mode & 0o777) !== mode) await chmod(path, mode);
  } catch {
    // Not ours or gone: nothing to fix.
  }
}

export class SessionStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  path(baseUrl: string, username: string, environment: string): string {
    return join(this.dir, sessionFileName(baseUrl, username, environment));
  }

  /** Creates the directory (0700) or tightens the mode of an existing one. */
  async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await fixMode(this.dir, 0o700);
  }

  /** Reads a session file; a missing file is `null`, a corrupt one is deleted and `null`. */
  async readFile(path: string): Promise<StoredSession | null> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    let session: StoredSession | null = null;
    try {
      session = fromSessionFile(JSON.parse(text));
    } catch {
      session = null;
    }
    if (!session) await unlink(path).catch(() => undefined);
    return session;
  }

  read(baseUrl: string, username: string, environment: string): Promise<StoredSession | null> {
    return this.readFile(this.path(baseUrl, username, environment));
  }

  /** Writes atomically: a 0600 temp file in the same directory, then rename over the target. */
  async write(session: StoredSession): Promise<string> {
    await this.ensureDir();
    const target = this.path(session.baseUrl, session.username, session.environment);
    const temp = join(this.dir, `.${randomBytes(6).toString('hex')}.${process.pid}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(toSessionFile(session), null, 2)}\n`, 'utf8');
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return target;
  }

  /**
   * Removes a session file. With `onlySessionId`, only when the file still holds that session: a
   * dead session must not take down the fresh one another process just saved.
   */
  async remove(baseUrl: string, username: string, environment: string, onlySessionId?: string): Promise<boolean> {
    const path = this.path(baseUrl, username, environment);
    if (onlySessionId !== undefined) {
      const current = await this.readFile(path);
      if (!current || current.sessionId !== onlySessionId) return false;
    }
    try {
      await unlink(path);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /**
   * Notes that a login for this session file just failed, so that processes that were waiting for the
   * same login fail too instead of each trying the bad credentials (and locking the account).
   */
  async markLoginFailed(sessionPath: string, message: string): Promise<void> {
    await writeFile(`${sessionPath}.failed`, JSON.stringify({ at: Date.now(), message }), { mode: 0o600 }).catch(() => undefined);
  }

  /** The message of a login failure recorded at or after `since` (ms), if any. */
  async loginFailedSince(sessionPath: string, since: number): Promise<string | undefined> {
    try {
      const value = JSON.parse(await readFile(`${sessionPath}.failed`, 'utf8')) as { at?: unknown; message?: unknown };
      if (typeof value.at === 'number' && value.at >= since && typeof value.message === 'string') return value.message;
    } catch {
      // none, or unreadable: no recorded failure
    }
    return undefined;
  }

  async clearLoginFailure(sessionPath: string): Promise<void> {
    await unlink(`${sessionPath}.failed`).catch(() => undefined);
  }

  /** Every readable session file (corrupt ones are deleted on the way). */
  async list(): Promise<{ session: StoredSession; path: string }[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    const sessions: { session: StoredSession; path: string }[] = [];
    for (const name of names.filter((n) => FILE_PATTERN.test(n))) {
      const path = join(this.dir, name);
      const session = await this.readFile(path);
      if (session) sessions.push({ session, path });
    }
    return sessions;
  }

  /** Deletes every session file; returns how many were deleted. */
  async clear(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
    let count = 0;
    // Login-failure markers go too (not counted: they are not sessions).
    for (const name of names.filter((n) => FAILURE_PATTERN.test(n))) await unlink(join(this.dir, name)).catch(() => undefined);
    for (const name of names.filter((n) => FILE_PATTERN.test(n))) {
      try {
        await unlink(join(this.dir, name));
        count += 1;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    return count;
  }
}
