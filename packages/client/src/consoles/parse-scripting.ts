import { expectObject, ShapeError, stringField } from './shape.js';

/** The three strings HAC's scripting console answers with; `engineFailed` when it answered `{}`. */
export interface ScriptAnswer {
  executionResult: string;
  outputText: string;
  stacktraceText: string;
  engineFailed: boolean;
}

const SCRIPT_KEYS = ['executionResult', 'outputText', 'stacktraceText'] as const;

/**
 * Read the JSON of `POST /console/scripting/execute`. Missing or `null` fields become `""` (older HAC
 * versions omit empty ones). `{}` is HAC's answer when the script engine itself failed (its scripting
 * facade turns a `ScriptingException` into an empty map); any other object without the three keys is
 * not a scripting answer.
 */
export function parseScriptAnswer(json: unknown): ScriptAnswer {
  const object = expectObject(json, 'the scripting answer');
  if (Object.keys(object).length === 0) return { executionResult: '', outputText: '', stacktraceText: '', engineFailed: true };
  if (!SCRIPT_KEYS.some((key) => key in object)) {
    throw new ShapeError(`the scripting answer has none of ${SCRIPT_KEYS.join(', ')}`);
  }
  return {
    executionResult: stringField(object, 'executionResult'),
    outputText: stringField(object, 'outputText'),
    stacktraceText: stringField(object, 'stacktraceText'),
    engineFailed: false,
  };
}
