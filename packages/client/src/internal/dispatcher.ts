/**
 * The undici dispatcher: a keep-alive agent, or, when `HTTPS_PROXY`/`HTTP_PROXY` is set, undici's
 * `EnvHttpProxyAgent` (which also honours `NO_PROXY`). Certificates are verified against Node's CA
 * store, which includes `NODE_EXTRA_CA_CERTS`; `ignoreSsl` turns verification off for HAC only (a
 * proxy's own certificate is still verified).
 */
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARS.some((name) => Boolean(env[name]));
}

export function createDispatcher(options: { ignoreSsl: boolean }): Dispatcher {
  const tls = options.ignoreSsl ? { rejectUnauthorized: false } : {};
  if (!proxyConfigured()) return new Agent({ connect: tls });
  return withoutExperimentalWarning(() => new EnvHttpProxyAgent({ connect: tls, requestTls: tls } as EnvHttpProxyAgent.Options));
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
