/**
 * Types shared by the emulator's HTTP core. Public ones are re-exported from `src/index.ts`.
 */

export interface EmulatorUser {
  username: string;
  password: string;
}

export type FaultKind = 'status' | 'reset' | 'truncate' | 'html-error' | 'slow-body';

/** A misbehaviour injected on purpose for matching requests. */
export interface FaultRule {
  /** Path including the context path, without query (e.g. `/hac/console/scripting/execute`); `'*'` matches any. */
  path: string;
  /** HTTP method; `'*'` or omitted matches any. */
  method?: string;
  /**
   * - `status`: answer `status` (default 503) with an HTML body and optional `Retry-After`, after `delayMs` if set; the request never reaches HAC.
   * - `html-error`: answer a Tomcat-style HTML error page with `status` (default 500) instead of HAC's answer, after `delayMs` if set; the request never reaches HAC.
   * - `reset`: HAC handles the request (a script runs), then the connection is destroyed before any response byte.
   * - `truncate`: HAC handles the request, the headers promise the full body, half of it is sent, then the connection is destroyed.
   * - `slow-body`: HAC handles the request, headers and half the body are sent at once, the rest after `delayMs` (default 2000).
   */
  kind: FaultKind;
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** How many matching requests the fault hits before it disappears. @default 1 (`Infinity`: until cleared) */
  times?: number;
}

/** One request as the emulator saw it (control requests are not recorded). */
export interface RequestRecord {
  method: string;
  /** Path including the context path, without query. */
  path: string;
  /** Status sent; 0 when the connection was reset before a response. */
  status: number;
  /** Node that served it (`node0`…); null when the load balancer or a fault answered first. */
  node: string | null;
  at: Date;
}

/** Everything the HTTP core needs, with defaults resolved. */
export interface ServerOptions {
  port: number;
  host: string;
  contextPath: string;
  users: EmulatorUser[];
  tls: boolean;
  nodes: number;
  latencyMs: number;
  sessionTimeoutSeconds: number;
  legacy: boolean;
  control: boolean;
  lockoutAfter: number;
}

/** A raw answer built by the core or a route, before the core adds cookies and sends it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  setCookies: string[];
  body: string | Buffer;
}
