import { timingSafeEqual } from 'node:crypto';
import type { EmulatorUser } from './types.js';

/** Checks credentials and locks a user out after too many failed logins (until `reset()`, i.e. a restart). */
export class LoginGuard {
  readonly #users: EmulatorUser[];
  readonly #failures = new Map<string, number>();
  #lockoutAfter: number;

  constructor(users: EmulatorUser[], lockoutAfter: number) {
    this.#users = users;
    this.#lockoutAfter = lockoutAfter;
  }

  setLockout(after: number): void {
    this.#lockoutAfter = after;
  }

  /** True when the login succeeds. A locked user fails even with the right password. */
  attempt(username: string, password: string): boolean {
    const failures = this.#failures.get(username) ?? 0;
    const locked = this.#lockoutAfter > 0 && failures >= this.#lockoutAfter;
    const user = this.#users.find((candidate) => candidate.username === username);
    const ok = !locked && user !== undefined && sameSecret(user.password, password);
    if (ok) this.#failures.delete(username);
    else this.#failures.set(username, failures + 1);
    return ok;
  }

  reset(): void {
    this.#failures.clear();
  }
}

function sameSecret(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
