import { HacClientError } from '../errors.js';
import { monotonicMs } from '../internal/duration.js';
import type { HacTransport } from '../internal/transport.js';
import type { ExecuteScriptOptions, GroovyScriptResult, ScriptType } from '../models/scripting.js';
import { parseScriptAnswer } from './parse-scripting.js';
import { callFields, sendParsed } from './shape.js';

const SCRIPT_TYPES: readonly ScriptType[] = ['groovy', 'beanshell', 'javascript'];

const ENGINE_FAILED =
  'HAC gave no result ({}): the script engine failed before or while running the script (a ScriptingException); the cause is in the HAC server log';

function firstLine(trace: string): string | null {
  const line = trace.trim().split('\n', 1)[0]?.trim() ?? '';
  return line === '' ? null : line;
}

/**
 * Run a script in HAC's scripting console. Rolled back unless `commit: true`. A script that throws or
 * does not compile resolves with `success: false` and the trace in `stacktraceText`; so does a failure
 * of the script engine itself, which HAC answers with `{}` (then `error` says so). Only transport
 * problems reject.
 */
export async function executeGroovy(
  transport: HacTransport,
  script: string,
  options: ExecuteScriptOptions = {},
): Promise<GroovyScriptResult> {
  const commit = options.commit ?? false;
  const scriptType = options.scriptType ?? 'groovy';
  if (!SCRIPT_TYPES.includes(scriptType)) {
    throw new HacClientError(`Unknown scriptType "${String(scriptType)}": use one of ${SCRIPT_TYPES.join(', ')}`);
  }
  if (script.trim() === '') throw new HacClientError('The script is empty: nothing to execute');
  const started = monotonicMs();
  let elapsedMs: number | undefined;
  const answer = await sendParsed(
    transport,
    {
      method: 'POST',
      path: '/console/scripting/execute',
      // scriptType is mandatory: HAC answers 400 without it.
      form: { script, scriptType, commit: String(commit) },
      expect: 'json',
      ...callFields(options),
    },
    (response) => {
      elapsedMs = response.elapsedMs;
      return parseScriptAnswer(response.json());
    },
  );
  return {
    outputText: answer.outputText,
    executionResult: answer.executionResult,
    stacktraceText: answer.stacktraceText,
    commitMode: commit,
    scriptType,
    // The script's own request: a login or replay before it would distort the number.
    executionTimeMs: elapsedMs ?? Math.round(monotonicMs() - started),
    success: !answer.engineFailed && answer.stacktraceText.trim() === '',
    error: answer.engineFailed ? ENGINE_FAILED : firstLine(answer.stacktraceText),
  };
}
