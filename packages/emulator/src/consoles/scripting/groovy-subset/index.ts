/** Entry of the deterministic Groovy subset: source text in, HAC's three-string answer out. */
import type { ScriptAnswer } from '../../route-types.js';
import { formatCompileError, formatStackTrace, GroovyCompileError } from './errors.js';
import { runProgram, ScriptFailure, type RunContext } from './interpreter.js';
import { parseScript } from './parser.js';
import { display } from './values.js';

export type { RunContext } from './interpreter.js';

export function runGroovySubset(script: string, context: RunContext): ScriptAnswer {
  let program;
  try {
    program = parseScript(script);
  } catch (error) {
    if (error instanceof GroovyCompileError) return { executionResult: '', outputText: '', stacktraceText: formatCompileError(script, error) };
    // Nesting deep enough to exhaust the parser's stack; Groovy's parser gives up too.
    if (error instanceof RangeError) {
      return { executionResult: '', outputText: '', stacktraceText: formatCompileError(script, new GroovyCompileError('Expression is nested too deeply', 1, 1)) };
    }
    throw error;
  }
  try {
    const { value, output } = runProgram(program, context);
    return { executionResult: display(value), outputText: output, stacktraceText: '' };
  } catch (error) {
    if (error instanceof ScriptFailure) {
      return { executionResult: '', outputText: error.output, stacktraceText: formatStackTrace(error.throwable) };
    }
    throw error;
  }
}
