/**
 * hac-emulator: a stand-in for the SAP Commerce Administration Console (HAC) for tests, demos and
 * benchmarks. `startEmulator` is the whole public API; everything under `server/`, `consoles/` and
 * `data/` is internal.
 */
import { createConsoles } from './consoles/index.js';
import type { Consoles, ScriptHandler } from './consoles/route-types.js';
import { createDataEngine } from './data/index.js';
import type { DataEngine } from './data/engine-types.js';
import { ensureHacUsers } from './data/hac-users.js';
import { startHacServer, type HacServer } from './server/http-server.js';
import { resolveOptions, type EmulatorOptions } from './server/options.js';

export interface Emulator extends HacServer {
  /** The data engine behind the consoles (FlexibleSearch, SQL, ImpEx). */
  readonly engine: DataEngine;
  /** Console controls: `setUpdateDuration(ms)`, `setUpdateLocked(bool)`. */
  readonly consoles: Consoles;
  /** Register a scripting-console handler tried before earlier ones; returns a function that unregisters it. */
  registerScript(handler: ScriptHandler): () => void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  const engine = await createDataEngine(resolved.data);
  try {
    for (const [typeName, count] of resolved.generate) engine.generate(typeName, count);
    ensureHacUsers(engine, resolved.users.map((user) => user.username));
    const consoles = createConsoles({
      engine,
      dataSet: resolved.data,
      loginUsers: resolved.users.map((user) => user.username),
      updateDurationMs: resolved.updateDurationMs,
      legacy: resolved.legacy,
      nodes: resolved.nodes,
      database: resolved.database,
      exportLinks: resolved.exportLinks,
    });
    const server = await startHacServer(consoles.routes, resolved, {
      setUpdateDuration: (ms) => consoles.setUpdateDuration(ms),
      setUpdateLocked: (locked) => consoles.setUpdateLocked(locked),
    });
    return {
      url: server.url,
      contextPath: server.contextPath,
      get requests() {
        return server.requests;
      },
      engine,
      consoles,
      close: async () => {
        consoles.close();
        await server.close();
        engine.close();
      },
      expireSessions: () => server.expireSessions(),
      restart: () => server.restart(),
      setLatency: (ms) => server.setLatency(ms),
      injectFault: (rule) => server.injectFault(rule),
      clearFaults: () => server.clearFaults(),
      count: (method, path) => server.count(method, path),
      resetRequests: () => server.resetRequests(),
      registerScript: (handler) => consoles.registerScript(handler),
      setLockout: (after) => server.setLockout(after),
    };
  } catch (error) {
    engine.close();
    throw portInUse(error, resolved.port, resolved.host) ?? error;
  }
}

/** `listen EADDRINUSE` named what to do: most often another emulator, or HAC itself, has the port. */
function portInUse(error: unknown, port: number, host: string): Error | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'EADDRINUSE') return undefined;
  const message = `port ${port} of ${host} is in use (another emulator, or HAC itself?): stop that, or choose another port (0: any free one)`;
  return Object.assign(new Error(message, { cause: error }), { code: 'EADDRINUSE' });
}

export { allInterfacesNote } from './server/http-server.js';
export type { EmulatorOptions } from './server/options.js';
export type { EmulatorUser, FaultKind, FaultRule, RequestRecord } from './server/types.js';
export type { Consoles, ExportLinks, ScriptAnswer, ScriptEngineFailure, ScriptHandler, ScriptInvocation } from './consoles/route-types.js';
export type { DataEngine, DataSet } from './data/engine-types.js';
export type { DatabaseDialect } from './consoles/column-labels.js';
