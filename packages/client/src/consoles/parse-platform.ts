import type { ConfigurationProperties } from '../models/configuration.js';
import type { LoggerInfo, LogLevelChange } from '../models/loggers.js';
import type { PkAnalysis } from '../models/pk.js';
import { parseHtml } from './html.js';
import { arrayField, expectObject, isObject, optionalString, ShapeError, stringField, type JsonObject } from './shape.js';

/** Read the loggers of HAC's logging page (`table#loggers`, one `select.loggerLevels[data-loggerName]` per logger). */
export function parseLoggersPage(html: string): LoggerInfo[] {
  const root = parseHtml(html);
  const table = root.querySelector('table#loggers') ?? root.querySelector('#loggers');
  if (!table) throw new ShapeError('the page has no table#loggers');
  return table.querySelectorAll('select[data-loggerName]').map((select) => {
    const selected = select.querySelector('option[selected]');
    return {
      name: select.getAttribute('data-loggerName') ?? '',
      level: (selected?.getAttribute('value') ?? selected?.text.trim()) || null,
      parentName: select.getAttribute('data-parentName') ?? null,
    };
  });
}

/** Read the JSON answer of `POST /platform/log4j/changeLevel`. */
export function parseLogLevelChange(json: unknown, loggerName: string, levelName: string): LogLevelChange {
  const object = expectObject(json, 'the log level answer');
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

/** Read the JSON answer of `POST /platform/pkanalyzer/analyze`. */
export function parsePkAnalysis(json: unknown, pk: string): PkAnalysis {
  const object = expectObject(json, 'the PK analysis');
  const typeCode = object['pkTypeCode'];
  const code = typeof typeCode === 'number' ? typeCode : typeof typeCode === 'string' && /^\d+$/.test(typeCode) ? Number(typeCode) : null;
  return {
    pkString: stringField(object, 'pkString', pk),
    typeCode: code,
    typeName: optionalString(object, 'pkComposedTypeCode') ?? optionalString(object, 'pkTypeName') ?? optionalString(object, 'typeName'),
    creationDate: creationDateOf(object['pkCreationDate']),
    raw: object,
  };
}

/** Jackson writes `java.util.Date` as epoch milliseconds; older versions send formatted text. */
function creationDateOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  return typeof value === 'string' && value !== '' ? value : null;
}
