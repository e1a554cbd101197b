import { entities } from '../internal/lazy.js';
import type { FlexibleSearchResult, FlexibleSearchSummary } from '../models/flexsearch.js';
import {
  arrayField,
  booleanField,
  expectObject,
  isObject,
  numberField,
  optionalString,
  ShapeError,
  stringField,
  type JsonObject,
} from './shape.js';

/**
 * Read HAC's `SqlSearchResultData` JSON. Cells arrive HTML-escaped (`&amp;`, `&lt;`, `&#39;`) and are
 * decoded here; a failed query arrives as `200` with `exception` set.
 */
export function parseFlexibleSearchResult(json: unknown, maxCount: number): FlexibleSearchResult {
  const object = expectObject(json, 'the FlexibleSearch answer');
  const headers = readHeaders(object);
  const rows = decodeRows(arrayField(object, 'resultList'));
  return { headers, rows, ...resultFields(object, rows.length, maxCount) };
}

/**
 * The result's fields besides headers and rows: `object` is the answer (its `resultList` and
 * `headers` may be left out), `rowCount` the rows it had.
 */
export function resultFields(object: JsonObject, rowCount: number, maxCount: number): FlexibleSearchSummary {
  if (!('resultList' in object) && !('exception' in object) && !('headers' in object)) {
    throw new ShapeError('the FlexibleSearch answer has none of resultList, headers, exception');
  }
  const rawException = object['exception'] ?? null;
  const exception = rawException === null ? null : rootCauseMessage(rawException);
  return {
    resultCount: numberField(object, 'resultCount', rowCount),
    executionTimeMs: numberField(object, 'executionTime'),
    exception,
    rawException,
    exceptionStackTrace: optionalString(object, 'exceptionStackTrace'),
    query: stringField(object, 'query'),
    rawExecution: booleanField(object, 'rawExecution'),
    dataSourceId: optionalString(object, 'dataSourceId'),
    catalogVersions: optionalString(object, 'catalogVersionsAsString'),
    parameters: optionalString(object, 'parametersAsString'),
    maxCount,
    // -1 is HAC's "no limit": nothing was cut.
    maxCountReached: maxCount !== -1 && rowCount >= maxCount,
    success: exception === null,
  };
}

/** The column labels, HTML-unescaped like the cells (`[]` when missing). */
export function readHeaders(object: JsonObject): string[] {
  return arrayField(object, 'headers').map((header, index) => {
    if (typeof header !== 'string') throw new ShapeError(`header ${index} is not a string`);
    return decodeCell(header);
  });
}

/**
 * The rows with every cell as text, decoded in place: a result of 100k rows is not copied a second
 * time (the parsed JSON is this response's own; `response.json()` then shows decoded cells too).
 * `first`: the index of the first row in the answer, for error messages. A cell that stays as it
 * is, almost every cell, is not written back (a store into an array the GC has moved to the old
 * generation costs a write barrier).
 */
export function decodeRows(rows: unknown[], first = 0): (string | null)[][] {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) throw new ShapeError(`row ${first + r} is not an array`);
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      if (typeof cell === 'string') {
        if (cell.includes('&')) row[c] = decodeCell(cell);
      } else if (cell === null || cell === undefined) row[c] = null;
      else if (typeof cell === 'number' || typeof cell === 'boolean') row[c] = String(cell);
      else throw new ShapeError(`row ${first + r} has a cell that is ${typeof cell}`);
    }
  }
  return rows as (string | null)[][];
}

/** A cell's text, HTML-unescaped: only a cell holding `&` can be escaped, and only such a cell loads the decoder. */
export function decodeCell(cell: string): string {
  return cell.includes('&') ? entities().decodeHTML(cell) : cell;
}

/**
 * The message of the innermost cause of a serialised Java throwable (`{ message, localizedMessage,
 * cause: {…} }`), which is the one that names the real problem (`unknown type 'Foo'`, a SQL error);
 * outer wrappers repeat it with prefixes. Falls back outwards when an inner message is empty.
 */
export function rootCauseMessage(exception: unknown): string {
  if (typeof exception === 'string') return exception;
  if (!isObject(exception)) return String(exception);
  const chain: JsonObject[] = [];
  let current: unknown = exception;
  // A cycle (`cause` pointing back) would loop forever in a careless serialiser's output.
  while (isObject(current) && !chain.includes(current) && chain.length < 50) {
    chain.push(current);
    current = current['cause'];
  }
  for (const link of chain.reverse()) {
    const message = messageOf(link);
    if (message !== null) return message;
  }
  return 'unknown error (HAC sent an exception without message)';
}

function messageOf(link: JsonObject): string | null {
  for (const key of ['message', 'localizedMessage', 'detailMessage']) {
    const value = link[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** Turn result rows into objects keyed by column header (the last column wins on duplicate headers). */
export function rowsToObjects(result: Pick<FlexibleSearchResult, 'headers' | 'rows'>): Record<string, string | null>[] {
  // fromEntries defines own properties, so even a column named `__proto__` stays data.
  return result.rows.map((row) => Object.fromEntries(result.headers.map((header, index) => [header, row[index] ?? null])));
}
