/**
 * The undici dispatcher: a keep-alive agent, or, when `HTTPS_PROXY`/`HTTP_PROXY` is set, undici's
 * `EnvHttpProxyAgent` (which also honours `NO_PROXY`). Certificates are verified against Node's CA
 * store, which includes `NODE_EXTRA_CA_CERTS`; `ignoreSsl` turns verification off for HAC only (a
 * proxy's own certificate is still verified).
 */
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/** Code of the warning emitted when `ignoreSsl` turns certificate verification off. */
const INSECURE_TLS_WARNING = 'HAC_CLIENT_INSECURE_TLS';
let insecureWarned = false;

/**
 * Once per process (a CLI creates several clients per run): turning verification off exposes the
 * password and session to anyone on the network path, which a user should hear about unless they
 * asked for quiet. Only for https, where there is a certificate to ignore.
 */
export function warnInsecureTls(baseUrl: string, options: { ignoreSsl: boolean; quiet: boolean }): void {
  if (!options.ignoreSsl || options.quiet || insecureWarned || !baseUrl.startsWith('https:')) return;
  insecureWarned = true;
  process.emitWarning(
    `TLS certificate verification is off for ${baseUrl} (ignoreSsl: true): the password and session are exposed ` +
      'to anyone who can intercept the connection. Prefer NODE_EXTRA_CA_CERTS=/path/to/ca.pem with verification on.',
    { code: INSECURE_TLS_WARNING },
  );
}

function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
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
