/**
 * The console routes of the emulator (everything below the context path that is not login/session
 * machinery). `createConsoles` builds one set per emulator instance; all nodes share it.
 */
import { flexsearchRoutes } from './flexsearch.js';
import { impexExportRoutes } from './impex/impex-export.js';
import { impexImportRoutes } from './impex/impex-import.js';
import { cacheRoutes } from './monitoring/cache.js';
import { clusterRoute } from './monitoring/cluster.js';
import { cronJobRoutes } from './monitoring/cronjobs.js';
import { configRoutes, Configuration } from './platform/config.js';
import { log4jRoutes } from './platform/log4j.js';
import { pkAnalyzerRoutes } from './platform/pk-analyzer.js';
import type { Consoles, ConsolesOptions, ConsoleRoute } from './route-types.js';
import { ScriptRegistry, scriptingRoutes } from './scripting/scripting.js';
import { UpdateState } from './update/state.js';
import { updateRoutes } from './update/update.js';
import { checkLimit, LIMITS } from '../server/limits.js';
import { systemData } from '../data/system-data.js';

export type { Consoles, ConsolesOptions, ConsoleRoute, ConsoleRequest, ConsoleResponse, ExportLinks, ScriptHandler, ScriptInvocation, ScriptAnswer, ScriptEngineFailure, ScriptResult, UploadedFile } from './route-types.js';

export function createConsoles(options: ConsolesOptions): Consoles {
  const scripts = new ScriptRegistry();
  // Aborts are remembered per cron job code: an initialization drops the jobs, and with them their aborts.
  const abortedCronJobs = new Set<string>();
  const system = systemData(options.engine, options.dataSet ?? 'empty', options.loginUsers ?? []);
  const update = new UpdateState(options.updateDurationMs, {
    ...system,
    dropAllTables: () => {
      abortedCronJobs.clear();
      return system.dropAllTables();
    },
  });
  const routes: ConsoleRoute[] = [
    ...scriptingRoutes(options.engine, scripts),
    ...flexsearchRoutes(options.engine, options.database),
    ...impexImportRoutes(options.engine),
    ...impexExportRoutes(options.engine, options.exportLinks),
    ...updateRoutes(update),
    ...cacheRoutes(),
    ...log4jRoutes(),
    ...configRoutes(new Configuration({ isLocked: () => update.locked, setLocked: (locked) => { update.locked = locked; } })),
    ...pkAnalyzerRoutes(options.engine),
    ...cronJobRoutes(options.engine, abortedCronJobs),
    clusterRoute(options.nodes ?? 1),
  ];
  return {
    routes,
    registerScript: (handler) => scripts.register(handler),
    setUpdateDuration: (ms) => {
      update.durationMs = checkLimit('update duration', ms, LIMITS.updateDurationMs);
    },
    setUpdateLocked: (locked) => {
      update.locked = locked;
    },
    close: () => update.stop(),
  };
}
