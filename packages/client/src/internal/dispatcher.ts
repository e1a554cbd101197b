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
  // EnvHttpProxyAgent prints an "experimental" warning when created: only create it when needed.
  if (proxyConfigured()) return new EnvHttpProxyAgent({ connect: tls, requestTls: tls } as EnvHttpProxyAgent.Options);
  return new Agent({ connect: tls });
}
