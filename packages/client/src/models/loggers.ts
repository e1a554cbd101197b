/** A log4j logger and its level, from HAC's logging page or its `changeLevel` answer. */
export interface LoggerInfo {
  name: string;
  /** The level set on or inherited by the logger (`INFO`, `DEBUG` …), `null` when HAC shows none. */
  level: string | null;
  /** The parent logger's name (the page's "Parent Logger" column), `null` for the root logger. */
  parentName: string | null;
}

/** The answer of `setLogLevel`: the changed logger plus every logger and level, as HAC returns them. */
export interface LogLevelChange {
  loggerName: string;
  levelName: string;
  loggers: LoggerInfo[];
  /** Level names HAC offers. */
  levels: string[];
}
