/**
 * The audit log: one JSON object per line, appended by `hac mcp` for every tool call that reaches
 * HAC or is refused, and by the CLI's write commands. It lives in the user's state directory (see
 * `auditLogPath`), a 0700 directory of the user's own (checked as the session cache's is), in a 0600
 * file opened without following links. Each entry is one `write(2)` on a file opened with
 * `O_APPEND`, so concurrent processes never interleave or overwrite each other's lines.
 *
 * Never in an entry: the password, a session id, a CSRF token, a bearer token. Scripts and queries
 * appear as SHA-256 and size; the text itself only with `[audit] include_scripts = true`.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** How a call ended. */
export type AuditOutcome =
  /** HAC ran it and reported success. */
  | 'ok'
  /** HAC ran it and reported a failure (script error, query exception, import errors…). */
  | 'failed'
  /** It did not complete: wrong credentials, HAC unreachable, timeout, unexpected answer. */
  | 'error'
  /** Not sent: no right, a guard rail, no confirmation possible. */
  | 'refused'
  /** Not sent: the human declined (or cancelled) the confirmation. */
  | 'declined';

export interface AuditEntry {
  /** ISO 8601, UTC. */
  time: string;
  /** `mcp` (an agent through `hac mcp`) or `cli` (a command line). */
  source: 'mcp' | 'cli';
  environment: string;
  endpoint: string;
  /** Base URL and context path, e.g. `https://hac.example.com/hac`. */
  url: string;
  /** The HAC user (never a password). */
  user: string;
  /** The MCP tool (`groovy_commit`) or the command line's action (`groovy --commit`). */
  tool: string;
  /** SHA-256 (hex) of the script, query or ImpEx text, when there is one. */
  sha256?: string;
  /** Its size in bytes (UTF-8). */
  size?: number;
  /** The text itself: only with `include_scripts = true`. */
  script?: string;
  /** Changes were to be kept (commit, import, update, set, clear, abort). */
  commit: boolean;
  outcome: AuditOutcome;
  /** Why it failed or was refused, in one line. */
  reason?: string;
  durationMs: number;
  /** Rows returned (queries) or affected, when known. */
  rows?: number;
  /** The process that wrote the entry. */
  pid: number;
}

/** SHA-256 and UTF-8 size of a text, for an entry. */
export function fingerprint(text: string): { sha256: string; size: number } {
  return { sha256: createHash('sha256').update(text, 'utf8').digest('hex'), size: Buffer.byteLength(text, 'utf8') };
}

/** What an entry is about: who ran what where. */
export interface AuditSubject {
  source: AuditEntry['source'];
  target: { environment: string; endpoint: string; url: string; hacPath: string };
  user: string | undefined;
  tool: string;
  /** The script, query or ImpEx text, when there is one. */
  text: string | undefined;
  commit: boolean;
}

/** How the call ended. */
export interface AuditResult {
  outcome: AuditOutcome;
  durationMs: number;
  reason?: string | undefined;
  rows?: number | undefined;
}

// O_NOFOLLOW: a link planted where the log should be is refused (ELOOP), never written through.
// O_NONBLOCK: a FIFO planted there does not hang the process (it is then refused as not a regular file).
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The audit log cannot be used; the message says why and what to do. */
export class AuditLogError extends Error {
  override name = 'AuditLogError';
}

export class AuditLog {
  readonly path: string;
  readonly includeScripts: boolean;
  #dir: Promise<string> | undefined;

  constructor(path: string, options: { includeScripts?: boolean } = {}) {
    this.path = path;
    this.includeScripts = options.includeScripts === true;
  }

  /**
   * The entry of one call, for the CLI and `hac mcp` alike: the text as its fingerprint (the text
   * itself only with `include_scripts`), the reason cut to its first line, whole milliseconds.
   */
  entry(subject: AuditSubject, result: AuditResult): AuditEntry {
    const { target, text } = subject;
    return {
      time: new Date().toISOString(),
      source: subject.source,
      environment: target.environment,
      endpoint: target.endpoint,
      url: `${target.url}${target.hacPath}`,
      user: subject.user ?? '',
      tool: subject.tool,
      ...(text !== undefined ? fingerprint(text) : {}),
      ...(text !== undefined && this.includeScripts ? { script: text } : {}),
      commit: subject.commit,
      outcome: result.outcome,
      ...(result.reason !== undefined ? { reason: result.reason.split('\n')[0] ?? '' } : {}),
      durationMs: Math.round(result.durationMs),
      ...(result.rows !== undefined ? { rows: result.rows } : {}),
      pid: process.pid,
    };
  }

  /** Checks (and creates) the directory and the file: call at start to fail early. */
  async check(): Promise<void> {
    const handle = await this.#open(APPEND_FLAGS);
    await handle.close();
  }

  /** Appends one entry (one line, one write). */
  async append(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const handle = await this.#open(APPEND_FLAGS);
    try {
      await handle.write(line);
    } finally {
      await handle.close();
    }
  }

  /** Every entry, oldest first; lines that are not JSON objects are skipped. Empty when there is no log. */
  async read(): Promise<AuditEntry[]> {
    let handle: FileHandle;
    try {
      handle = await this.#open(READ_FLAGS, false);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const text = await handle.readFile('utf8');
      const entries: AuditEntry[] = [];
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          const value: unknown = JSON.parse(line);
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) entries.push(value as AuditEntry);
        } catch {
          // A line cut by a full disk: the others still count.
        }
      }
      return entries;
    } finally {
      await handle.close();
    }
  }

  async #open(flags: number, create = true): Promise<FileHandle> {
    // Writing: the directory is checked (the user's own, 0700, nobody else can swap it or a parent)
    // and the file opened inside its real path, so a link on the way cannot be re-pointed later.
    let path = this.path;
    if (create) {
      this.#dir ??= import('hac-client').then(({ securePrivateDirectory }) =>
        securePrivateDirectory(dirname(this.path)).catch((error: unknown) => {
          throw new AuditLogError(`audit log ${this.path} cannot be used: ${(error as Error).message}`, { cause: error });
        }),
      );
      path = join(await this.#dir, basename(this.path));
    }
    let handle: FileHandle;
    try {
      handle = await open(path, flags, 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || code === 'EMLINK') throw new AuditLogError(`audit log ${this.path} is a symbolic link: remove it`);
      if (code === 'ENOENT' && !create) throw error;
      throw new AuditLogError(`audit log ${this.path} cannot be opened (${code ?? String(error)})`, { cause: error });
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new AuditLogError(`audit log ${this.path} is not a regular file: remove it`);
      const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
      if (uid !== undefined && stats.uid !== uid) throw new AuditLogError(`audit log ${this.path} belongs to another user (uid ${stats.uid}): remove it`);
      if ((stats.mode & 0o077) !== 0 && create) await handle.chmod(0o600);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  }
}
