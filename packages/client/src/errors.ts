/**
 * Every error the library throws is a `HacClientError`. Subclasses exist only where callers must tell
 * cases apart. Messages never contain passwords, session ids or CSRF tokens; where a request is named,
 * the message ends with `METHOD url`.
 *
 * Failures of the *work* itself (a script that throws, a query exception, an import with unresolved
 * lines) are not errors: they come back as results with `success: false`.
 */
export class HacClientError extends Error {
  override name = 'HacClientError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Logging in failed: wrong credentials, locked account, or HAC rejected a freshly created session. Never retried. */
export class HacAuthenticationError extends HacClientError {
  override name = 'HacAuthenticationError';
}

/** The server could not be reached or the TLS handshake failed (DNS, refused, reset, certificate). */
export class HacConnectionError extends HacClientError {
  override name = 'HacConnectionError';
  readonly method: string;
  readonly url: string;
  constructor(message: string, details: { method: string; url: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
  }
}

/** No complete answer arrived within `timeoutMs`. A POST that timed out may still have run on the server. */
export class HacTimeoutError extends HacClientError {
  override name = 'HacTimeoutError';
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;
  constructor(message: string, details: { method: string; url: string; timeoutMs: number; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
    this.timeoutMs = details.timeoutMs;
  }
}

/**
 * The answer grew beyond `maxResponseBytes` and was cut off (an endless or unexpectedly huge body).
 * For a POST the request has run on the server; only its answer is lost.
 */
export class HacResponseTooLargeError extends HacClientError {
  override name = 'HacResponseTooLargeError';
  readonly method: string;
  readonly url: string;
  /** The limit that was exceeded, in bytes. */
  readonly limitBytes: number;
  constructor(message: string, details: { method: string; url: string; limitBytes: number }) {
    super(message);
    this.method = details.method;
    this.url = details.url;
    this.limitBytes = details.limitBytes;
  }
}

/** HAC answered with an HTTP status that means failure (4xx/5xx other than a rejected session). */
export class HacHttpError extends HacClientError {
  override name = 'HacHttpError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** The first few hundred characters of the body, secrets redacted (`''` when unknown). */
  readonly excerpt: string;
  constructor(message: string, details: { status: number; method: string; url: string; excerpt?: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.excerpt = details.excerpt ?? '';
  }
}

/**
 * No HAC at the base URL and context path: nothing at its login page (`404` at `/login` and
 * `/login.jsp`), a login page that sends to another context path, or a page without a login form (a
 * server that is not HAC). Only GETs were sent, never the password. The fix is the URL or `hacPath`, not a retry.
 */
export class HacContextPathError extends HacClientError {
  override name = 'HacContextPathError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** The first few hundred characters of the body, secrets redacted. */
  readonly excerpt: string;
  constructor(message: string, details: { status: number; method: string; url: string; excerpt: string }) {
    super(message);
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.excerpt = details.excerpt;
  }
}

/** HAC answered 2xx but not with what the endpoint returns (e.g. HTML where JSON was expected). */
export class HacUnexpectedResponseError extends HacClientError {
  override name = 'HacUnexpectedResponseError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** The first few hundred characters of the body, secrets redacted. */
  readonly excerpt: string;
  constructor(message: string, details: { status: number; method: string; url: string; excerpt: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.excerpt = details.excerpt;
  }
}

/**
 * A query that cannot be paged by PK (`pageFlexibleSearch`), refused before any request: an
 * aggregate, `GROUP BY`, a top-level `UNION`, an `ORDER BY` other than by PK, a row limit of its own…
 * The message says why and how to rewrite it.
 */
export class HacQueryNotPageableError extends HacClientError {
  override name = 'HacQueryNotPageableError';
  /** Why the query cannot be paged: `it groups rows (GROUP BY), and groups have no PK to page on`. */
  readonly reason: string;
  /** How to rewrite it: `run it without paging: it returns one row per group`. */
  readonly suggestion: string;
  constructor(reason: string, suggestion: string) {
    super(`Cannot page this query: ${reason}; ${suggestion}`);
    this.reason = reason;
    this.suggestion = suggestion;
  }
}

/**
 * A page of a paged FlexibleSearch failed (after the retries a read gets): the request failed (see
 * `cause`), or HAC answered with a query exception (`exception`). Rows up to `lastPk` were handed out;
 * pass it as `afterPk` to go on from there.
 */
export class HacPageError extends HacClientError {
  override name = 'HacPageError';
  /** The page that failed, from 1. */
  readonly page: number;
  /** The PK of the last row handed out (`afterPk` resumes after it), or the starting `afterPk`, or `null`. */
  readonly lastPk: string | null;
  /** Rows handed out before the failure. */
  readonly rowCount: number;
  /** HAC's root-cause message when the query itself failed on the server, else `null`. */
  readonly exception: string | null;
  constructor(message: string, details: { page: number; lastPk: string | null; rowCount: number; exception?: string | null; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.page = details.page;
    this.lastPk = details.lastPk;
    this.rowCount = details.rowCount;
    this.exception = details.exception ?? null;
  }
}

/**
 * The session cache directory cannot be trusted (not the user's own, or open to other users); the
 * message says why and what to do.
 */
export class UnsafeCacheDirError extends HacClientError {
  override name = 'UnsafeCacheDirError';
}
