/**
 * Requests through a proxy from the environment, with undici's `EnvHttpProxyAgent` (honours
 * `HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY` and their lower-case forms; tunnels with `CONNECT`).
 * Loaded only when a proxy variable is set.
 */
import { EnvHttpProxyAgent, request } from 'undici';
import type { ConnectionOptions, Connections, Incoming, Outgoing } from './connections.js';

export function createProxyConnections(options: ConnectionOptions): Connections {
  const tls = options.ignoreSsl ? { rejectUnauthorized: false } : {};
  const agent = withoutExperimentalWarning(
    () => new EnvHttpProxyAgent({ connect: tls, requestTls: tls, connections: options.maxConnections } as EnvHttpProxyAgent.Options),
  );
  return {
    async exchange(out: Outgoing): Promise<Incoming> {
      // undici ends a request through a signal.
      const controller = new AbortController();
      out.cancel.onCancel((reason) => controller.abort(reason));
      const res = await request(out.url, {
        method: out.method,
        headers: out.headers,
        body: out.body.length === 0 ? null : out.body.length === 1 ? out.body[0] : Buffer.concat(out.body),
        signal: controller.signal,
        dispatcher: agent,
        maxRedirections: 0,
        // The HTTP layer's own timer covers connect, headers and body; undici's 300 s defaults would cut long updates.
        headersTimeout: 0,
        bodyTimeout: 0,
      } as Parameters<typeof request>[1]);
      return { status: res.statusCode, headers: res.headers, body: res.body };
    },
    close: () => agent.close(),
  };
}

/**
 * undici marks EnvHttpProxyAgent experimental and prints a warning on the first construction; a CLI
 * behind a corporate proxy should not print it on every run. Only that one warning code is dropped,
 * only during the synchronous constructor call.
 */
function withoutExperimentalWarning<T>(create: () => T): T {
  const original = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const options = rest[0];
    const code = typeof options === 'object' && options !== null ? (options as { code?: string }).code : rest[1];
    if (code === 'UNDICI-EHPA') return;
    return (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return create();
  } finally {
    process.emitWarning = original;
  }
}
