/**
 * Authentication handlers supply the form-login credentials and, optionally, headers sent with every
 * request (for example a token for an identity proxy in front of HAC).
 */

/** The credentials posted to HAC's Spring Security login form (`j_username`, `j_password`). */
export interface Credentials {
  username: string;
  password: string;
}

/** Implement this to plug in your own credential source (keychain, vault, prompt…). */
export interface AuthHandler {
  /**
   * The username, when known without asking for the password. The session cache is keyed by it, so a
   * handler that sets it lets a warm call reuse the cached session without calling `getCredentials()`
   * (which may prompt). Without it, `getCredentials()` is called once per client to learn the
   * username; when a login follows, it uses that answer instead of asking again.
   */
  readonly username?: string;
  /** Called for every form login (never cached by the library). May be async. */
  getCredentials(): Credentials | Promise<Credentials>;
  /**
   * Extra headers added to every request, login included (e.g. `Proxy-Authorization` or an
   * `Authorization` header a reverse proxy in front of HAC expects). Values are treated as secrets in
   * debug output.
   */
  getHeaders?(): Record<string, string> | Promise<Record<string, string>>;
}

/** Username and password for HAC's form login. */
export class BasicAuthHandler implements AuthHandler {
  readonly #username: string;
  readonly #password: string;

  constructor(username: string, password: string) {
    if (!username) throw new TypeError('BasicAuthHandler: username must not be empty');
    this.#username = username;
    this.#password = password;
  }

  /** The username (the password is private and never serialised). */
  get username(): string {
    return this.#username;
  }

  getCredentials(): Credentials {
    return { username: this.#username, password: this.#password };
  }

  /** Keeps the password out of `console.log(handler)` and `JSON.stringify`. */
  toJSON(): { username: string } {
    return { username: this.#username };
  }
}
