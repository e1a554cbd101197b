import type { CallOptions } from './common.js';

/** Script languages of HAC's scripting console. */
export type ScriptType = 'groovy' | 'beanshell' | 'javascript';

/** Options of `executeGroovy`. */
export interface ExecuteScriptOptions extends CallOptions {
  /**
   * Commit the script's transaction. `false` rolls everything back, HAC's own default.
   * @default false
   */
  commit?: boolean;
  /** @default 'groovy' */
  scriptType?: ScriptType;
}

/**
 * The outcome of a script run in the scripting console (`POST /console/scripting/execute`).
 * A script that throws or does not compile is not an error: `success` is then `false` and
 * `stacktraceText` holds the trace (compile errors start with `Script compilation has failed [`).
 * Neither is a failure of the script engine (HAC answers `{}`): `success: false`, `error` says so.
 */
export interface GroovyScriptResult {
  /** Everything the script printed (`println`, `out.print`). */
  outputText: string;
  /** `String.valueOf` of the script's return value as HAC sends it; a `null` return arrives as `"null"`. */
  executionResult: string;
  /** The stack trace of a failed run, `""` on success. */
  stacktraceText: string;
  /** Whether the script ran in commit mode (`true`) or was rolled back (`false`). */
  commitMode: boolean;
  /** The language the script ran as. */
  scriptType: ScriptType;
  /**
   * Wall-clock time of the script's HTTP request, measured by the client (HAC does not report one);
   * a login or rejected attempt before it is not counted.
   */
  executionTimeMs: number;
  /** `true` when the script ran and `stacktraceText` is empty. */
  success: boolean;
  /**
   * Why the run failed, in one line: the first line of the stack trace, or, when HAC answered `{}`
   * (its scripting facade's answer to a `ScriptingException`: the engine failed), that HAC gave no
   * result and the cause is in its server log. `null` on success.
   */
  error: string | null;
}
