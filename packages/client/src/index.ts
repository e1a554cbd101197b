// The client, authentication, options, session cache, errors and the transport contract.
export { HacClient } from './client.js';
export { BasicAuthHandler } from './auth.js';
export type { AuthHandler, Credentials } from './auth.js';
export type { HacClientOptions, ResolvedHacClientOptions } from './options.js';
export { SessionManager, SessionMetadata } from './session/session-manager.js';
export type { SessionManagerOptions, SessionInput, SessionListFilter } from './session/session-manager.js';
export { sessionValuesProblem } from './session/session-types.js';
// The cache directory's safety check, for other private state of an application (e.g. an audit log).
export { securePrivateDirectory } from './on-demand.js';
export type { StoredSession, SessionValues } from './session/session-types.js';
export {
  HacClientError,
  HacAuthenticationError,
  HacConnectionError,
  HacTimeoutError,
  HacResponseTooLargeError,
  HacHttpError,
  HacContextPathError,
  HacUnexpectedResponseError,
  HacQueryNotPageableError,
  HacPageError,
  UnsafeCacheDirError,
} from './errors.js';
export type { HacRequest, HacResponse, HacStreamResponse, HacTransport } from './internal/transport.js';
export type { HacHeaders } from './internal/headers.js';

// Consoles: functions usable with any HacTransport, and every result and option type. Those that send
// requests load their implementation on first call (on-demand.ts).
export {
  executeGroovy,
  executeFlexibleSearch,
  executeSql,
  importImpex,
  validateImpex,
  importImpexFile,
  exportImpex,
  getUpdateData,
  getPendingPatches,
  executeUpdate,
  getUpdateLog,
  getLoggers,
  setLogLevel,
  getConfiguration,
  setConfigurationProperty,
  deleteConfigurationProperty,
  analyzePk,
  getCacheRegions,
  clearCache,
  getCronJobs,
  abortAllRunningCronJobs,
} from './on-demand.js';
export { streamFlexibleSearch, streamSql } from './consoles/flexsearch-stream.js';
export { rowsToObjects, rootCauseMessage } from './consoles/parse-flexsearch.js';
export { pageFlexibleSearch, collectFlexibleSearch, FlexibleSearchPager } from './consoles/flexsearch-pages.js';
export { extensionsWithParameters, getExtension, getPatchesExtension, selectedValue, planPendingPatches } from './consoles/update-helpers.js';
export { htmlToText } from './consoles/html.js';
export type { CallOptions } from './models/common.js';
export type { ScriptType, ExecuteScriptOptions, GroovyScriptResult } from './models/scripting.js';
export type {
  FlexibleSearchOptions,
  SqlOptions,
  FlexibleSearchResult,
  FlexibleSearchSummary,
  FlexibleSearchStreamPart,
  FlexibleSearchPageOptions,
  FlexibleSearchPage,
  CollectedFlexibleSearch,
} from './models/flexsearch.js';
export type {
  ImpexValidationMode,
  ImpexImportOptions,
  ImpexLevel,
  ImpexResult,
  ExportMode,
  ExportImpexOptions,
  ExportedFile,
  ImpexExportResult,
} from './models/impex.js';
export type {
  UpdateParameter,
  ProjectData,
  UpdateData,
  PatchProcess,
  Patch,
  PendingPatches,
  PlannedPatch,
  PatchPlan,
  ExecuteUpdateOptions,
  UpdateResult,
  UpdateLog,
} from './models/update.js';
export type { CacheRegion } from './models/cache.js';
export type { LoggerInfo, LogLevelChange } from './models/loggers.js';
export type { ConfigurationProperties } from './models/configuration.js';
export type { PkAnalysis } from './models/pk.js';
export type { CronJobInfo, CronJobAbortRequests } from './models/cronjobs.js';
