import { randomBytes } from 'node:crypto';
import { newCsrfToken } from './csrf.js';

export interface Session {
  readonly id: string;
  csrfToken: string;
  /** Null until the login succeeded. */
  username: string | null;
  lastAccessMs: number;
}

/** Tomcat-style session ids: 32 upper-case hex digits. */
function newSessionId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/**
 * Live sessions a node keeps at most. A client that never sends cookies (curl in a loop, a benchmark)
 * creates a session per request, each living for the idle timeout: 300k requests held 300k sessions.
 * Beyond the cap the least recently used session dies early, as if it had timed out.
 */
export const MAX_SESSIONS = 10_000;

/**
 * The sessions of one node (HAC sessions are not shared between nodes). Sessions die after
 * `timeoutSeconds` without a request, as with Tomcat's idle timeout, or when `maxSessions` more
 * recently used ones exist.
 */
export class SessionStore {
  /** Least recently used first: a request moves its session to the end. */
  readonly #sessions = new Map<string, Session>();
  readonly #timeoutMs: number;
  readonly #maxSessions: number;
  #created = 0;

  constructor(timeoutSeconds: number, maxSessions = MAX_SESSIONS) {
    this.#timeoutMs = timeoutSeconds * 1000;
    this.#maxSessions = maxSessions;
  }

  create(): Session {
    // Clients that never send cookies create a session per request; drop the dead ones now and then.
    if (++this.#created % 1000 === 0) this.#sweep();
    const session: Session = { id: newSessionId(), csrfToken: newCsrfToken(), username: null, lastAccessMs: Date.now() };
    this.#add(session);
    return session;
  }

  /** The live session with this id, touched; expired sessions are removed on the way. */
  find(id: string): Session | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = Date.now();
    this.#sessions.delete(id);
    if (now - session.lastAccessMs > this.#timeoutMs) return undefined;
    session.lastAccessMs = now;
    this.#sessions.set(id, session);
    return session;
  }

  #add(session: Session): void {
    this.#sessions.set(session.id, session);
    if (this.#sessions.size <= this.#maxSessions) return;
    const oldest = this.#sessions.keys().next().value;
    if (oldest !== undefined) this.#sessions.delete(oldest);
  }

  /** The first of several candidate ids that names a live session (Tomcat tries each JSESSIONID cookie). */
  findFirst(ids: readonly string[]): Session | undefined {
    for (const id of ids) {
      const session = this.find(id);
      if (session) return session;
    }
    return undefined;
  }

  /** Session-fixation protection on login: a new id and a new CSRF token; the old id is dead. */
  authenticate(session: Session, username: string): Session {
    this.#sessions.delete(session.id);
    const next: Session = { id: newSessionId(), csrfToken: newCsrfToken(), username, lastAccessMs: Date.now() };
    this.#add(next);
    return next;
  }

  /** Expired sessions are the least recently used: the sweep stops at the first live one. */
  #sweep(): void {
    const now = Date.now();
    for (const [id, session] of this.#sessions) {
      if (now - session.lastAccessMs <= this.#timeoutMs) break;
      this.#sessions.delete(id);
    }
  }

  invalidate(session: Session): void {
    this.#sessions.delete(session.id);
  }

  clear(): void {
    this.#sessions.clear();
  }

  get size(): number {
    return this.#sessions.size;
  }
}
