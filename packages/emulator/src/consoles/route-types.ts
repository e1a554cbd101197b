/**
 * The contract between the emulator's HTTP core (sessions, login, CSRF, load balancer, faults) and the
 * console routes. By the time a route's `handle` runs, the core has already checked the session and,
 * for POSTs, the CSRF token: routes never see unauthenticated traffic.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { DataEngine, DataSet } from '../data/engine-types.js';
import type { DatabaseDialect } from './column-labels.js';

export interface UploadedFile {
  field: string;
  filename: string;
  content: Buffer;
}

export interface ConsoleRequest {
  method: 'GET' | 'POST';
  /** Path below the context path, without query, e.g. `/console/scripting/execute`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw request body (empty for GET). */
  body: Buffer;
  /** Fields of an `application/x-www-form-urlencoded` or `multipart/form-data` body (query not included). */
  form: URLSearchParams;
  /** Files of a `multipart/form-data` body. */
  files: UploadedFile[];
  /** The session's current CSRF token, for pages that embed it. */
  csrfToken: string;
  /** The logged-in user. */
  username: string;
  /** Context path, `''` for root, e.g. `/hac`. */
  contextPath: string;
  /** Name of the node serving the request (`node0`…), for pages that show it. */
  nodeId: string;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
}

export interface ConsoleResponse {
  status: number;
  /** `Content-Type` and any other headers. */
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface ConsoleRoute {
  method: 'GET' | 'POST';
  /** Exact path below the context path; no trailing slash (a trailing slash answers 404, as on HAC 2211). */
  path: string;
  /**
   * Another web app of the same server (the media server): `path` is a prefix from the server root,
   * outside the context path (`/medias` serves `/medias/…`), answered by every node without a session.
   */
  outsideContext?: boolean;
  handle(request: ConsoleRequest): Promise<ConsoleResponse> | ConsoleResponse;
}

/** What a script handler sees: one call of the scripting console. */
export interface ScriptInvocation {
  script: string;
  scriptType: 'groovy' | 'beanshell' | 'javascript';
  commit: boolean;
  username: string;
}

/** HAC's scripting answer; every field is a string, as on the wire. */
export interface ScriptAnswer {
  executionResult: string;
  outputText: string;
  stacktraceText: string;
}

/**
 * The script engine itself failed (a `ScriptingException`, e.g. the engine is not available): HAC's
 * scripting facade then answers `{}` and the message goes only to the server log.
 */
export interface ScriptEngineFailure {
  scriptingException: string;
}

/**
 * A test-registered script handler. Return an answer to handle the script, a `ScriptEngineFailure`
 * to make HAC answer `{}`, or `undefined` to let the next handler (and finally the built-in
 * deterministic subset) handle it. May be async and may be slow.
 */
export type ScriptHandler = (invocation: ScriptInvocation) => ScriptResult | undefined | Promise<ScriptResult | undefined>;

export type ScriptResult = ScriptAnswer | ScriptEngineFailure;

export interface ConsolesOptions {
  engine: DataEngine;
  /** The data set the engine was loaded with: an initialization imports its project data again (default `empty`: none). */
  dataSet?: DataSet;
  /** HAC's login users: an initialization creates them again with the essential data (default none beyond `admin`). */
  loginUsers?: readonly string[];
  /** How long `platform/init/execute` runs before answering (default 3000 ms). */
  updateDurationMs: number;
  /** Mimic HAC ≤ 1905 where consoles differ (they mostly do not). */
  legacy: boolean;
  /** Nodes of the emulated cluster, for the cluster page (default 1). */
  nodes?: number;
  /** Database whose JDBC column labels FlexibleSearch/SQL headers follow (default `hsqldb`: upper case). */
  database?: DatabaseDialect;
  /** The export page's download link: `/medias/…` as a standard install (default) or relative to the page. */
  exportLinks?: ExportLinks;
}

/** How the ImpEx export page links its ZIP. */
export type ExportLinks = 'medias' | 'relative';

/** Console routes plus the controls tests need over console state; one per emulator instance (shared by all nodes). */
export interface Consoles {
  routes: ConsoleRoute[];
  /** Register a handler tried before earlier ones; returns a function that unregisters it. */
  registerScript(handler: ScriptHandler): () => void;
  setUpdateDuration(ms: number): void;
  /** Lock or unlock system initialization/update (`system.unlocking.disabled`). */
  setUpdateLocked(locked: boolean): void;
  /** Stops a running update so no timer outlives the emulator; the emulator's `close()` calls it. */
  close(): void;
}
