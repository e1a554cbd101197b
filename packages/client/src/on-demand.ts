/**
 * The exported functions that do I/O, as the package exports them: each loads its implementation
 * (`console-implementation.ts`, `implementation.ts`) on its first call, so that `import 'hac-client'`
 * compiles none of it. The
 * signatures are those of the implementations (the console functions of `consoles/index.ts`,
 * `secureCacheDir`); every one was async already.
 */
import type * as Consoles from './consoles/index.js';
import type { secureCacheDir } from './session/cache-dir.js';
import { loadConsoles, loadImplementation } from './internal/lazy.js';

type AsyncConsole = {
  [K in keyof typeof Consoles]: (typeof Consoles)[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof typeof Consoles];

function onDemand<K extends AsyncConsole>(name: K): (typeof Consoles)[K] {
  const call = async (...args: unknown[]): Promise<unknown> => {
    const implementation = (await loadConsoles())[name] as (...args: unknown[]) => Promise<unknown>;
    return implementation(...args);
  };
  // Stack traces and `fn.name` show the console's own name, as before the split.
  return Object.defineProperty(call, 'name', { value: name }) as unknown as (typeof Consoles)[K];
}

export const executeGroovy = onDemand('executeGroovy');
export const executeFlexibleSearch = onDemand('executeFlexibleSearch');
export const executeSql = onDemand('executeSql');
export const importImpex = onDemand('importImpex');
export const validateImpex = onDemand('validateImpex');
export const importImpexFile = onDemand('importImpexFile');
export const exportImpex = onDemand('exportImpex');
export const getUpdateData = onDemand('getUpdateData');
export const getPendingPatches = onDemand('getPendingPatches');
export const executeUpdate = onDemand('executeUpdate');
export const getUpdateLog = onDemand('getUpdateLog');
export const getLoggers = onDemand('getLoggers');
export const setLogLevel = onDemand('setLogLevel');
export const getConfiguration = onDemand('getConfiguration');
export const setConfigurationProperty = onDemand('setConfigurationProperty');
export const deleteConfigurationProperty = onDemand('deleteConfigurationProperty');
export const analyzePk = onDemand('analyzePk');
export const getCacheRegions = onDemand('getCacheRegions');
export const clearCache = onDemand('clearCache');
export const getCronJobs = onDemand('getCronJobs');
export const abortAllRunningCronJobs = onDemand('abortAllRunningCronJobs');

/** `secureCacheDir`: the cache directory's safety check, for other private state of an application. */
export const securePrivateDirectory: typeof secureCacheDir = async (configured) => (await loadImplementation()).secureCacheDir(configured);
