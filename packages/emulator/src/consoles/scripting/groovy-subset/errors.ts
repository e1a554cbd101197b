/** The two ways a script fails: it does not compile, or it throws while running. */

/** A syntax error, reported the way Groovy's compiler does (`startup failed: … @ line L, column C.`). */
export class GroovyCompileError extends Error {
  override name = 'GroovyCompileError';
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/** A Java throwable raised while the script runs; `line` is the script line that raised it. */
export class GroovyThrowable extends Error {
  override name = 'GroovyThrowable';
  constructor(
    readonly className: string,
    readonly javaMessage: string | null,
    public line: number,
    readonly causes: { className: string; message: string }[] = [],
  ) {
    super(javaMessage === null ? className : `${className}: ${javaMessage}`);
  }
}

/** `Script compilation has failed [startup failed: …]`, with the offending line and a caret. */
export function formatCompileError(script: string, error: GroovyCompileError): string {
  const sourceLine = script.split(/\r?\n/)[error.line - 1] ?? '';
  const caret = ' '.repeat(Math.max(0, error.column - 1)) + '^';
  return `Script compilation has failed [startup failed:\nScript1.groovy: ${error.line}: ${error.message} @ line ${error.line}, column ${error.column}.\n`
    + `   ${sourceLine}\n   ${caret}\n\n1 error\n]`;
}

/** A Java stack trace whose top frame is the script line, as HAC shows it in `stacktraceText`. */
export function formatStackTrace(error: GroovyThrowable): string {
  const frames = [
    `\tat Script1.run(Script1.groovy:${error.line})`,
    '\tat org.codehaus.groovy.jsr223.GroovyScriptEngineImpl.eval(GroovyScriptEngineImpl.java:331)',
    '\tat de.hybris.platform.scripting.engine.internal.impl.DefaultScriptExecutable.execute(DefaultScriptExecutable.java:82)',
    '\tat de.hybris.platform.hac.scripting.impl.DefaultScriptingLanguageExecutor.executeScript(DefaultScriptingLanguageExecutor.java:64)',
  ];
  let text = `${error.message}\n${frames.join('\n')}`;
  for (const cause of error.causes) {
    text += `\nCaused by: ${cause.className}${cause.message ? `: ${cause.message}` : ''}\n\t... 4 more`;
  }
  return text;
}

/** Throwable classes `new` accepts by simple name (Groovy imports `java.lang.*` by default). */
const JAVA_LANG_THROWABLES = new Set(['Exception', 'RuntimeException', 'Error', 'Throwable', 'IllegalStateException',
  'IllegalArgumentException', 'UnsupportedOperationException', 'NullPointerException', 'ArithmeticException',
  'IndexOutOfBoundsException', 'NumberFormatException', 'ClassCastException', 'SecurityException']);

/** The fully-qualified class `new NAME(…)` refers to, or null when the subset cannot construct it. */
export function resolveThrowableClass(name: string): string | null {
  if (JAVA_LANG_THROWABLES.has(name)) return `java.lang.${name}`;
  if (name.includes('.') && /(Exception|Error)$/.test(name)) return name;
  return null;
}
