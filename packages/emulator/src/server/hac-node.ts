/**
 * One virtual HAC node: its own session store behind Spring Security's filter chain (CSRF filter,
 * form login, logout, "authenticated everywhere" rule), then Spring MVC's exact-path routing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ConsoleRequest, ConsoleRoute } from '../consoles/route-types.js';
import { parseBody, type ParsedBody } from './body-parsing.js';
import { cookieValues, formatSetCookie } from './cookies.js';
import { presentedToken, tokensMatch } from './csrf.js';
import { redirect, tomcatErrorPage } from './error-pages.js';
import type { LoginGuard } from './login-guard.js';
import { loginPage } from './pages.js';
import type { RouteTable } from './route-table.js';
import { SessionStore, type Session } from './sessions.js';
import type { Answer } from './types.js';

export const SESSION_COOKIE = 'JSESSIONID';

export interface NodeRequest {
  method: string;
  /** Full path including the context path, without query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  signal: AbortSignal;
}

/** What all nodes of one emulator share (the consoles and the data are cluster-wide, sessions are not). */
export interface NodeShared {
  contextPath: string;
  legacy: boolean;
  guard: LoginGuard;
  routes: RouteTable;
  /** Other web apps of the server (the media server): prefix routes from the root, no session. */
  outsideContext: readonly ConsoleRoute[];
  sessionTimeoutSeconds: number;
}

export class HacNode {
  readonly id: string;
  readonly sessions: SessionStore;
  readonly #shared: NodeShared;

  constructor(id: string, shared: NodeShared) {
    this.id = id;
    this.#shared = shared;
    this.sessions = new SessionStore(shared.sessionTimeoutSeconds);
  }

  get #loginPath(): string {
    return this.#shared.legacy ? '/login.jsp' : '/login';
  }

  #sessionCookie(session: Session): string {
    // HAC's web.xml: <session-config><cookie-config><secure>true</secure>, on every connection.
    return formatSetCookie(SESSION_COOKIE, session.id, { path: this.#shared.contextPath || '/', secure: true });
  }

  async handle(request: NodeRequest): Promise<Answer> {
    const other = await this.#outsideContext(request);
    if (other) return other;
    const ctx = this.#shared.contextPath;
    // Tomcat redirects the bare context root to the context path with a slash.
    if (ctx && request.path === ctx) return redirect(`${ctx}/`);
    if (ctx && !request.path.startsWith(`${ctx}/`)) return tomcatErrorPage(404);
    const path = request.path.slice(ctx.length);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    let session = this.sessions.findFirst(cookieValues(request.headers.cookie, SESSION_COOKIE));

    let parsed: ParsedBody = { form: new URLSearchParams(), files: [], urlencoded: null };
    if (method !== 'GET') {
      try {
        parsed = await parseBody(request.headers, request.body);
      } catch {
        return tomcatErrorPage(400, 'The request body could not be parsed');
      }
      // Spring Security's CsrfFilter runs first: no session means no token to compare with.
      const token = presentedToken(request.headers, request.query, parsed.urlencoded);
      if (!session || !tokensMatch(session.csrfToken, token)) {
        return this.#shared.legacy
          ? tomcatErrorPage(403, "Invalid CSRF Token was found on the request parameter '_csrf' or header 'X-CSRF-TOKEN'.")
          : tomcatErrorPage(405, `Request method '${method}' is not supported`);
      }
      if (method === 'POST' && path === '/j_spring_security_check') return this.#login(session, parsed.form);
      if (method === 'POST' && path === '/j_spring_security_logout') {
        this.sessions.invalidate(session);
        return redirect(`${ctx}${this.#loginPath}`);
      }
    }

    const setCookies: string[] = [];
    if (!session) {
      // The login page and the saved-request step of the auth entry point both create a session.
      session = this.sessions.create();
      setCookies.push(this.#sessionCookie(session));
    }
    if (method === 'GET' && path === this.#loginPath) {
      const error = request.query.has('login_error') || request.query.has('error');
      const body = loginPage({ contextPath: ctx, csrfToken: session.csrfToken, nodeId: this.id }, { error, legacy: this.#shared.legacy });
      return { status: 200, headers: { 'Content-Type': 'text/html;charset=UTF-8' }, setCookies, body };
    }
    if (session.username === null) return redirect(`${ctx}${this.#loginPath}`, setCookies);

    const answer = await this.#dispatch(method, path, request, parsed, session);
    for (const line of setCookies) answer.setCookies.push(line);
    return answer;
  }

  /** A request for another web app of the server (Tomcat picks the longest matching context path). */
  async #outsideContext(request: NodeRequest): Promise<Answer | undefined> {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const route = this.#shared.outsideContext.find((r) => r.method === method && request.path.startsWith(`${r.path}/`));
    if (!route) return undefined;
    const consoleRequest: ConsoleRequest = {
      method: route.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      body: request.body,
      form: new URLSearchParams(),
      files: [],
      csrfToken: '',
      username: '',
      contextPath: this.#shared.contextPath,
      nodeId: this.id,
      signal: request.signal,
    };
    const response = await route.handle(consoleRequest);
    return { status: response.status, headers: { ...response.headers }, setCookies: [], body: response.body };
  }

  #login(session: Session, form: URLSearchParams): Answer {
    const ctx = this.#shared.contextPath;
    const username = form.get('j_username') ?? '';
    const password = form.get('j_password') ?? '';
    if (!this.#shared.guard.attempt(username, password)) return redirect(`${ctx}${this.#loginPath}?login_error=1`);
    const authenticated = this.sessions.authenticate(session, username);
    return redirect(`${ctx}/`, [this.#sessionCookie(authenticated)]);
  }

  async #dispatch(method: string, path: string, request: NodeRequest, parsed: ParsedBody, session: Session): Promise<Answer> {
    const username = session.username ?? '';
    const route = method === 'GET' || method === 'POST' ? this.#shared.routes.find(method, path) : undefined;
    if (!route) {
      const allowed = this.#shared.routes.allowed(path);
      if (allowed.length === 0) return tomcatErrorPage(404);
      const answer = tomcatErrorPage(405, `Request method '${method}' is not supported`);
      answer.headers['Allow'] = allowed.join(', ');
      return answer;
    }
    const consoleRequest: ConsoleRequest = {
      method: route.method,
      path,
      query: request.query,
      headers: request.headers,
      body: request.body,
      form: parsed.form,
      files: parsed.files,
      csrfToken: session.csrfToken,
      username,
      contextPath: this.#shared.contextPath,
      nodeId: this.id,
      signal: request.signal,
    };
    try {
      const response = await route.handle(consoleRequest);
      return { status: response.status, headers: { ...response.headers }, setCookies: [], body: response.body };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return tomcatErrorPage(500, message);
    }
  }
}
