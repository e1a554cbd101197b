/**
 * Output formatting for `hac`: pure functions from data to text, each unit-tested. Commands (and the
 * CLI core) import from here only.
 */
export { toCell, singleLine } from './cells.js';
export type { Cell } from './cells.js';
export { displayWidth, truncateToWidth, padToWidth } from './text-width.js';
export { formatTable, formatVertical, fitColumnWidths, MIN_DESCRIPTIVE_WIDTH } from './table.js';
export type { TableOptions } from './table.js';
export { formatCsv, formatTsv, escapeTsvField } from './delimited.js';
export { formatJson, formatNdjson, rowsToObjects } from './json.js';
export { renderRows, renderRecords, renderRecord, formatKeyValue } from './records.js';
export type { RenderOptions, RecordsOptions } from './records.js';
export { formatResultSet, formatResultSetPieces, maxCountNotice, resultSummary } from './result-set.js';
export type { ResultSetLike } from './result-set.js';
export { LogFollower } from './log-follower.js';
