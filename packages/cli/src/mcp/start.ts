/**
 * Starting `hac mcp`: the config is read and checked once (rights, budgets), the audit log is checked
 * (a server that cannot audit does not start), then the server runs on stdio until the client closes
 * it, or on loopback HTTP until Ctrl-C. Log lines go to stderr; stdout belongs to the protocol.
 */
import { StdioServerTransport } from './sdk.js';
import { AuditLog } from '../audit/audit-log.js';
import { auditLogPath } from '../config/paths.js';
import { misspeltGuardKeys } from '../config/unknown-keys.js';
import { redactLine } from '../debug-log.js';
import { CliUsageError } from '../errors.js';
import type { CoreRuntime } from '../runtime.js';
import { createHacMcpServer } from './server.js';
import { TargetRegistry } from './targets.js';
import type { ServerContext } from './tool-kit.js';

export interface StartOptions {
  http: boolean;
  port: number;
  tokenFile?: string;
}

export async function startMcp(runtime: CoreRuntime, options: StartOptions): Promise<void> {
  const globals = runtime.globals();
  if (globals.url !== undefined) throw new CliUsageError('hac mcp serves the environments of the config file, not --url: add the server with hac env add NAME --url URL');
  const config = await runtime.config();
  if (globals.env !== undefined && !config.environments.has(globals.env)) {
    throw new CliUsageError(`environment "${globals.env}" is not defined in ${config.path} (defined: ${[...config.environments.keys()].join(', ')})`);
  }
  const audit = new AuditLog(auditLogPath(runtime.env), { includeScripts: config.audit.includeScripts });
  await audit.check().catch((error: unknown) => {
    throw new CliUsageError(`${(error as Error).message}; hac mcp does not run without its audit log`);
  });
  const secrets = new Set<string>();
  const log = (line: string): void => {
    process.stderr.write(`hac mcp: ${redactLine(line, secrets)}\n`);
  };
  const registry = new TargetRegistry(
    config,
    {
      vars: runtime.env,
      cacheDir: runtime.cacheDir,
      rememberSecret: (value) => secrets.add(value),
      onWarning: (message) => log(`warning: ${message}`),
      // Stdout carries the protocol, so the trace goes to stderr like the other log lines; the library
      // redacts it, and log() masks the passwords this server has handed out as well.
      ...(globals.debug ? { debug: (line: string) => log(`debug: ${line}`) } : {}),
    },
    (env, endpoint) => misspeltGuardKeys(config.raw, env, endpoint)[0]?.path,
    globals.env,
  );
  const ctx: ServerContext = {
    registry,
    budget: config.mcp,
    audit,
    redact: (text) => {
      let out = text;
      for (const secret of secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
      return out;
    },
    log,
  };
  try {
    if (options.http) {
      const { serveHttp } = await import('./http.js');
      await serveHttp(ctx, runtime, options);
    } else {
      await serveStdio(ctx, runtime.signal);
    }
  } finally {
    await registry.close();
  }
}

/** Runs until stdin ends (the client closed the connection) or Ctrl-C. */
async function serveStdio(ctx: ServerContext, signal: AbortSignal): Promise<void> {
  const server = createHacMcpServer(ctx);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    signal.addEventListener('abort', () => resolve(), { once: true });
    transport.onclose = () => resolve();
  });
  await server.connect(transport);
  ctx.log(`serving ${ctx.registry.list().length} endpoint(s) on stdio; audit log ${ctx.audit.path}`);
  await closed;
  await server.close();
}
