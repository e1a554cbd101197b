export { HacClientError } from './errors.js';

// Consoles (helper "client-consoles"): functions usable with any HacTransport, and every result/option type.
export {
  executeGroovy,
  executeFlexibleSearch,
  executeSql,
  rowsToObjects,
  rootCauseMessage,
  importImpex,
  validateImpex,
  importImpexFile,
  exportImpex,
  getUpdateData,
  getPendingPatches,
  executeUpdate,
  getUpdateLog,
  extensionsWithParameters,
  getExtension,
  getPatchesExtension,
  selectedValue,
  htmlToText,
} from './consoles/index.js';
export type { CallOptions } from './models/common.js';
export type { ScriptType, ExecuteScriptOptions, GroovyScriptResult } from './models/scripting.js';
export type { FlexibleSearchOptions, SqlOptions, FlexibleSearchResult } from './models/flexsearch.js';
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
  ExecuteUpdateOptions,
  UpdateResult,
  UpdateLog,
} from './models/update.js';
