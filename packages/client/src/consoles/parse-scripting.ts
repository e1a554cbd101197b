import { expectObject, ShapeError, stringField } from './shape.js';

/** The three strings HAC's scripting console answers with. */
export interface ScriptAnswer {
  executionResult: string;
  outputText: string;
  stacktraceText: string;
}

const SCRIPT_KEYS = ['executionResult', 'outputText', 'stacktraceText'] as const;

/**
 * Read the JSON of `POST /console/scripting/execute`. Missing or `null` fields become `""` (older HAC
 * versions omit empty ones), but an object without any of the three keys is not a scripting answer.
 */
export function parseScriptAnswer(json: unknown): ScriptAnswer {
  const object = expectObject(json, 'the scripting answer');
  if (!SCRIPT_KEYS.some((key) => key in object)) {
    throw new ShapeError(`the scripting answer has none of ${SCRIPT_KEYS.join(', ')}`);
  }
  return {
    executionResult: stringField(object, 'executionResult'),
    outputText: stringField(object, 'outputText'),
    stacktraceText: stringField(object, 'stacktraceText'),
  };
}
