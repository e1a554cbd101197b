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
 * The sessions of one node (HAC sessions are not shared between nodes). Sessions die after
 * `timeoutSeconds` without a request, as with Tomcat's idle timeout.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #timeoutMs: number;
  #created = 0;

  constructor(timeoutSeconds: number) {
    this.#timeoutMs = timeoutSeconds * 1000;
  }

  create(): Session {
    // Clients that never send cookies create a session per request; drop the dead ones now and then.
    if (++this.#created % 1000 === 0) this.#sweep();
    const session: Session = { id: newSessionId(), csrfToken: newCsrfToken(), username: null, lastAccessMs: Date.now() };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, touched; expired sessions are removed on the way. */
  find(id: string): Session | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = Date.now();
    if (now - session.lastAccessMs > this.#timeoutMs) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.lastAccessMs = now;
    return session;
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
    this.#sessions.set(next.id, next);
    return next;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [id, session] of this.#sessions) if (now - session.lastAccessMs > this.#timeoutMs) this.#sessions.delete(id);
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
