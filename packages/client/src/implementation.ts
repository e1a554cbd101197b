/**
 * What `import 'hac-client'` leaves for the first call that needs it (`loadImplementation` in
 * internal/lazy.ts): the transport a `HacClient` builds (HTTP layer, session transport, login, session
 * cache). One module, so that the bundle holds it as one chunk: an import then compiles only the
 * entry (classes, options, errors), and a login only this, not the consoles
 * (`console-implementation.ts`, loaded by the first console call).
 */
import { HttpLayer } from './internal/http.js';
import { Redactor } from './internal/redact.js';
import type { ResolvedHacClientOptions } from './options.js';
import { SessionTransport } from './session/session-transport.js';

export { SessionStore } from './session/cache-store.js';
export { withFileLock } from './session/file-lock.js';
export { secureCacheDir } from './session/cache-dir.js';

/** A client's connections and session, built on its first call. */
export interface ClientCore {
  readonly http: HttpLayer;
  readonly session: SessionTransport;
}

export function createClientCore(options: Readonly<ResolvedHacClientOptions>): ClientCore {
  const redactor = new Redactor();
  const http = new HttpLayer({
    baseUrl: options.baseUrl,
    ignoreSsl: options.ignoreSsl,
    quiet: options.quiet,
    maxRetries: options.maxRetries,
    maxConnections: options.maxConnections,
    maxResponseBytes: options.maxResponseBytes,
    redactor,
    debug: options.debug,
  });
  return { http, session: new SessionTransport({ options, http, redactor }) };
}
