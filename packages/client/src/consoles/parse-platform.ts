import type { ConfigurationProperties } from '../models/configuration.js';
import type { LoggerInfo, LogLevelChange } from '../models/loggers.js';
import type { PkAnalysis } from '../models/pk.js';
import type { HTMLElement } from 'node-html-parser';
import { HacClientError } from '../errors.js';
import { parseHtml } from './html.js';
import { arrayField, expectObject, isObject, optionalString, ShapeError, stringField, type JsonObject } from './shape.js';

/**
 * Read the loggers of HAC's logging page as `log4j.jsp` renders them: in `table#loggers`, one row per
 * logger, `<td title=NAME>NAME</td><td title=PARENT>PARENT</td>` and a `select.loggerLevels` with the
 * effective level selected. The parent is the second cell's `title` (or text); empty means none.
 */
export function parseLoggersPage(html: string): LoggerInfo[] {
  const root = parseHtml(html);
  const table = root.querySelector('table#loggers') ?? root.querySelector('#loggers');
  if (!table) throw new ShapeError('the page has no table#loggers');
  const loggers: LoggerInfo[] = [];
  for (const row of table.querySelectorAll('tr')) {
    const cells = row.querySelectorAll('td');
    const select = row.querySelector('select');
    if (cells.length < 2 || !select) continue;
    const selected = select.querySelector('option[selected]');
    loggers.push({
      name: cellText(cells[0]) ?? select.getAttribute('data-loggerName') ?? '',
      level: (selected?.getAttribute('value') ?? selected?.text.trim()) || null,
      parentName: cellText(cells[1]),
    });
  }
  return loggers;
}

/** A cell's `title` (HAC puts the full name there; the text may be cut by CSS) or its text; `null` when empty. */
function cellText(cell: HTMLElement | undefined): string | null {
  if (!cell) return null;
  const value = (cell.getAttribute('title') ?? cell.text).trim();
  return value === '' ? null : value;
}

/**
 * Read the JSON answer of `POST /platform/log4j/changeLevel` (`log4j.js`): `loggers` and `levels` when
 * the level changed; `validationError` when HAC refused the logger name; neither when it failed.
 */
export function parseLogLevelChange(json: unknown, loggerName: string, levelName: string): LogLevelChange {
  const object = expectObject(json, 'the log level answer');
  if (object['validationError'] !== undefined && object['validationError'] !== null && object['validationError'] !== false) {
    throw new HacClientError(`HAC refused the logger name "${loggerName}": it expects a dotted Java name such as de.hybris.platform.jalo`);
  }
  if (!Array.isArray(object['loggers'])) {
    throw new HacClientError(`HAC did not change the level of logger "${loggerName}" to ${levelName} (is ${levelName} a log4j level?)`);
  }
  return {
    loggerName: stringField(object, 'loggerName', loggerName),
    levelName: stringField(object, 'levelName', levelName),
    loggers: arrayField(object, 'loggers').map((entry, index) => parseLogger(expectObject(entry, `loggers[${index}]`))),
    levels: arrayField(object, 'levels').map((level) => levelNameOf(level)).filter((level): level is string => level !== null),
  };
}

function parseLogger(object: JsonObject): LoggerInfo {
  return {
    name: stringField(object, 'name'),
    level: levelNameOf(object['effectiveLevel'] ?? object['level']),
    parentName: optionalString(object, 'parentName'),
  };
}

/** A level arrives as `"INFO"`, `{ standardLevel: "INFO" }` or `{ name: "INFO" }` depending on the log4j version. */
function levelNameOf(level: unknown): string | null {
  if (typeof level === 'string') return level || null;
  if (isObject(level)) {
    for (const key of ['standardLevel', 'name', 'levelStr']) {
      const value = level[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return null;
}

/** Read HAC's configuration page: `table#props`, one `input.configValue[name][value]` per property. */
export function parseConfigurationPage(html: string): ConfigurationProperties {
  const root = parseHtml(html);
  const table = root.querySelector('table#props') ?? root.querySelector('#props');
  if (!table) throw new ShapeError('the page has no table#props');
  const properties: ConfigurationProperties = {};
  for (const row of table.querySelectorAll('tr')) {
    const input = row.querySelector('input.configValue') ?? row.querySelector('textarea.configValue');
    if (!input) continue;
    const key = input.getAttribute('name') ?? row.getAttribute('id');
    if (!key) continue;
    // Attribute values come decoded; a textarea holds its value as text.
    properties[key] = input.tagName === 'TEXTAREA' ? input.text : (input.getAttribute('value') ?? '');
  }
  return properties;
}

/**
 * Read the JSON answer of `POST /platform/pkanalyzer/analyze`, with the fields HAC's page reads
 * (`pkanalyzer.js`): `pkComposedTypeCode`, `pkTypeCode`, `pkClusterId`, `pkCreationTime`,
 * `pkCreationDate`, `counterBased`; a PK HAC could not analyse comes back with `possibleException`
 * (a serialised Java exception; the page shows its `message` and nothing else).
 */
export function parsePkAnalysis(json: unknown, pk: string): PkAnalysis {
  const object = expectObject(json, 'the PK analysis');
  const pkString = stringField(object, 'pkString', pk);
  const failure = object['possibleException'];
  if (failure !== undefined && failure !== null) {
    const message = isObject(failure) ? (optionalString(failure, 'message') ?? optionalString(failure, 'localizedMessage')) : null;
    return {
      pkString, success: false, error: message ?? 'HAC could not analyse the PK', typeCode: null, typeName: null,
      creationDate: null, clusterId: null, counterBased: null, raw: object,
    };
  }
  return {
    pkString,
    success: true,
    error: null,
    typeCode: integerOf(object['pkTypeCode']),
    typeName: optionalString(object, 'pkComposedTypeCode'),
    creationDate: creationDateOf(object['pkCreationTime'], object['pkCreationDate']),
    clusterId: integerOf(object['pkClusterId']),
    counterBased: typeof object['counterBased'] === 'boolean' ? object['counterBased'] : null,
    raw: object,
  };
}

function integerOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : null;
}

/** Epoch milliseconds (`pkCreationTime`, or a `pkCreationDate` Jackson wrote as a number) as ISO 8601; else HAC's text. */
function creationDateOf(time: unknown, date: unknown): string | null {
  for (const value of [time, date]) {
    if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  }
  return typeof date === 'string' && date !== '' ? date : null;
}
