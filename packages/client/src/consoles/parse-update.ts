import type { Patch, PendingPatches, ProjectData, UpdateData, UpdateLog, UpdateParameter, UpdateResult } from '../models/update.js';
import { htmlToText } from './html.js';
import {
  arrayField,
  booleanField,
  expectObject,
  isObject,
  optionalString,
  ShapeError,
  stringField,
  type JsonObject,
} from './shape.js';

/** Read `GET /platform/init/data`. */
export function parseUpdateData(json: unknown): UpdateData {
  const object = expectObject(json, 'the update data');
  if (!('projectDatas' in object) && !('isInitializing' in object)) {
    throw new ShapeError('the update data has neither projectDatas nor isInitializing');
  }
  return {
    isInitializing: booleanField(object, 'isInitializing'),
    initInfo: textOrNull(object['initInfo']),
    tenantId: optionalString(object, 'tenantID') ?? optionalString(object, 'tenantId'),
    projectDatas: arrayField(object, 'projectDatas').map((entry, index) => parseProjectData(expectObject(entry, `projectDatas[${index}]`))),
  };
}

function textOrNull(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseProjectData(object: JsonObject): ProjectData {
  // HAC calls the list `parameter` (singular); accept the plural too.
  const parameters = 'parameter' in object ? arrayField(object, 'parameter') : arrayField(object, 'parameters');
  return {
    name: stringField(object, 'name'),
    description: optionalString(object, 'description'),
    parameters: parameters.map((entry, index) => parseParameter(expectObject(entry, `parameter[${index}]`))),
  };
}

function parseParameter(object: JsonObject): UpdateParameter {
  const name = stringField(object, 'name');
  const values: Record<string, boolean> = {};
  const rawValues = object['values'];
  if (isObject(rawValues)) {
    for (const [value, selected] of Object.entries(rawValues)) values[value] = selected === true || selected === 'true';
  } else if (Array.isArray(rawValues)) {
    for (const value of rawValues) values[String(value)] = false;
  }
  return {
    name,
    label: optionalString(object, 'label') ?? name,
    values,
    legacy: booleanField(object, 'legacy'),
    multiSelect: booleanField(object, 'multiSelect'),
    default: optionalString(object, 'default'),
  };
}

/** Read `GET /platform/init/pendingPatches`: `{ extension: [patch…] }`. */
export function parsePendingPatches(json: unknown): PendingPatches {
  const object = expectObject(json, 'the pending patches');
  const result: PendingPatches = {};
  for (const [extension, patches] of Object.entries(object)) {
    if (!Array.isArray(patches)) throw new ShapeError(`the pending patches of ${extension} are not an array`);
    result[extension] = patches.map((entry, index) => parsePatch(expectObject(entry, `${extension}[${index}]`)));
  }
  return result;
}

function parsePatch(object: JsonObject): Patch {
  const hash = stringField(object, 'hash');
  if (hash === '') throw new ShapeError('a pending patch has no hash');
  return {
    hash,
    name: stringField(object, 'name', hash),
    description: optionalString(object, 'description'),
    required: booleanField(object, 'required'),
    process: stringField(object, 'process', 'ALL'),
  };
}

/** Read the answer of `POST /platform/init/execute`: `{ success, log, initUpdateData }`. */
export function parseUpdateResult(json: unknown): Omit<UpdateResult, 'patches'> {
  const object = expectObject(json, 'the update answer');
  if (!('success' in object) && !('log' in object)) throw new ShapeError('the update answer has neither success nor log');
  const logHtml = stringField(object, 'log');
  const logText = htmlToText(logHtml);
  return {
    success: booleanField(object, 'success'),
    logHtml,
    logText,
    isFinished: logIsComplete(logText),
    hasErrors: logHasErrors(logText),
  };
}

/** Read `GET /initlog/log`: `{ log }`. */
export function parseUpdateLog(json: unknown): UpdateLog {
  const object = expectObject(json, 'the init log');
  if (!('log' in object)) throw new ShapeError('the init log answer has no log');
  const logHtml = stringField(object, 'log');
  const logText = htmlToText(logHtml);
  return { logHtml, logText, isComplete: logIsComplete(logText), hasErrors: logHasErrors(logText) };
}

/**
 * Markers of a finished run, checked per line: HAC's final `FINISHED` line (after timestamp and level),
 * a line saying the update/initialization finished or completed, or "completed successfully".
 */
const COMPLETE_PATTERNS = [
  /(?:^|\s)FINISHED\.?\s*$/,
  /\b(?:update|initiali[sz]ation)\b.*\b(?:finished|completed|done)\b/i,
  /\bcompleted successfully\b/i,
];

/** Whether a log's text shows the run finished (HAC's page stops polling then). */
export function logIsComplete(logText: string): boolean {
  return logText.split('\n').some((line) => COMPLETE_PATTERNS.some((pattern) => pattern.test(line)));
}

/**
 * Whether a log reports a problem: an `ERROR`/`FATAL` level, a Java exception or error class
 * (`SQLException`, `OutOfMemoryError`), or a line saying something failed. Deliberately not the bare
 * word "error", which also appears in harmless lines ("0 errors", "creating errortypes").
 */
export function logHasErrors(logText: string): boolean {
  return logText.split('\n').some(
    (line) =>
      /(?:^|[\s[(])(?:ERROR|FATAL|SEVERE)(?:$|[\s\]):])/.test(line) ||
      /\b[A-Z]\w*(?:Exception|Error)\b(?!s)/.test(line) ||
      /\bfail(?:ed|ure)\b/i.test(line),
  );
}
