/** The console functions: each takes the transport first and returns a typed, JSON-serialisable result. */
export { executeGroovy } from './scripting.js';
export { executeFlexibleSearch, executeSql } from './flexsearch.js';
export { streamFlexibleSearch, streamSql } from './flexsearch-stream.js';
export { rowsToObjects, rootCauseMessage } from './parse-flexsearch.js';
export { pageFlexibleSearch, collectFlexibleSearch, FlexibleSearchPager } from './flexsearch-pages.js';
export { importImpex, validateImpex, importImpexFile } from './impex.js';
export { exportImpex } from './impex-export.js';
export { getUpdateData, getPendingPatches, executeUpdate, getUpdateLog } from './update.js';
export { extensionsWithParameters, getExtension, getPatchesExtension, selectedValue, planPendingPatches } from './update-helpers.js';
export { htmlToText } from './html.js';
export { getLoggers, setLogLevel, getConfiguration, setConfigurationProperty, deleteConfigurationProperty, analyzePk } from './platform.js';
export { getCacheRegions, clearCache, getCronJobs, abortAllRunningCronJobs } from './monitoring.js';
