/**
 * A data-engine failure rendered as the Java throwable HAC serialises into `SqlSearchResultData`:
 * Jackson's view of a Throwable (`message`, `localizedMessage`, `cause`, `stackTrace`, `suppressed`)
 * plus the printed stack trace for `exceptionStackTrace`.
 */
import type { EngineError } from '../data/engine-types.js';

export interface StackFrame {
  declaringClass: string;
  methodName: string;
  fileName: string;
  lineNumber: number;
}

export interface SerializedThrowable {
  message: string;
  localizedMessage: string;
  cause: SerializedThrowable | null;
  stackTrace: StackFrame[];
  suppressed: [];
}

interface JavaThrowable {
  className: string;
  message: string;
}

/** Plausible frames per package, so each level of the chain shows where such a throwable comes from. */
function framesFor(className: string): StackFrame[] {
  const frame = (declaringClass: string, methodName: string, lineNumber: number): StackFrame => ({
    declaringClass, methodName, fileName: `${declaringClass.split('.').at(-1)?.split('$')[0] ?? 'Unknown'}.java`, lineNumber,
  });
  if (className.startsWith('java.sql.') || className.includes('hsqldb') || className.includes('jdbc')) {
    return [
      frame('org.hsqldb.jdbc.JDBCUtil', 'sqlException', 52),
      frame('org.hsqldb.jdbc.JDBCPreparedStatement', '<init>', 1922),
      frame('de.hybris.platform.jdbcwrapper.ConnectionImpl', 'prepareStatement', 215),
    ];
  }
  if (className.includes('servicelayer')) {
    return [
      frame('de.hybris.platform.servicelayer.search.impl.DefaultFlexibleSearchService', 'search', 410),
      frame('de.hybris.platform.hac.facade.impl.DefaultFlexibleSearchFacade', 'executeFlexibleSearchQuery', 98),
    ];
  }
  if (className.includes('flexiblesearch')) {
    return [
      frame('de.hybris.platform.jalo.flexiblesearch.FlexibleSearch', 'search', 1435),
      frame('de.hybris.platform.jalo.flexiblesearch.FlexibleSearch', 'search', 1678),
      frame('de.hybris.platform.hac.facade.impl.DefaultFlexibleSearchFacade', 'executeFlexibleSearchQuery', 98),
    ];
  }
  return [
    frame('de.hybris.platform.hac.facade.impl.DefaultFlexibleSearchFacade', 'executeRawSql', 142),
    frame('de.hybris.platform.hac.controller.FlexibleSearchController', 'execute', 87),
  ];
}

function chain(error: EngineError): JavaThrowable[] {
  return [{ className: error.className, message: error.message }, ...error.causes];
}

export function serializeThrowable(error: EngineError): SerializedThrowable {
  const build = (levels: JavaThrowable[]): SerializedThrowable | null => {
    const [head, ...rest] = levels;
    if (!head) return null;
    return { message: head.message, localizedMessage: head.message, cause: build(rest), stackTrace: framesFor(head.className), suppressed: [] };
  };
  return build(chain(error)) as SerializedThrowable;
}

/** `printStackTrace()` text: the chain with `Caused by:` and `... N more` as Java prints it. */
export function printStackTrace(error: EngineError): string {
  return chain(error).map((level, index) => {
    const frames = framesFor(level.className).map((f) => `\tat ${f.declaringClass}.${f.methodName}(${f.fileName}:${f.lineNumber})`);
    // Some engine messages already start with the class name (Java's `cause.toString()` convention).
    const text = level.message.startsWith(`${level.className}:`) ? level.message : `${level.className}${level.message ? `: ${level.message}` : ''}`;
    const head = `${index === 0 ? '' : 'Caused by: '}${text}`;
    return [head, ...frames, ...(index === 0 ? [] : ['\t... 42 more'])].join('\n');
  }).join('\n') + '\n';
}
