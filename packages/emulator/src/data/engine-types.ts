/**
 * The contract between the emulator's data engine (embedded SQL database, FlexibleSearch translator,
 * ImpEx importer/exporter) and the console routes that render its results the way HAC does.
 * The engine knows nothing about HTTP, HTML or JSON shapes; the consoles know nothing about SQL.
 */

/** A failure inside a query, shaped like the Java exception chain HAC serialises. */
export interface EngineError {
  /** Top-level message, e.g. `de.hybris.platform.servicelayer.search.exceptions.FlexibleSearchException: ...` */
  message: string;
  /** Java class name of the top-level throwable, e.g. `de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException`. */
  className: string;
  /** The cause chain, outermost first (may be empty). The last one is the root cause. */
  causes: { className: string; message: string }[];
}

export interface QueryOutcome {
  /** Column names as the SQL that ran writes them (`PK`, `p_code`); the console folds them per database. */
  headers: string[];
  /** Raw cell values (NOT HTML-escaped; the console escapes). `null` for SQL NULL. */
  rows: (string | null)[][];
  /** The SQL that ran (for FlexibleSearch: the translation; for SQL: the statement itself). */
  translatedSql: string;
  executionTimeMs: number;
  /** Set when the query failed; headers/rows are then empty. */
  error: EngineError | null;
}

export interface FlexibleSearchOptions {
  maxCount: number;
  /** ISO code of the session language for `{name}` of localized attributes (default `en`). */
  locale: string;
  /** User the query runs as (affects nothing yet but is validated: an unknown uid is an error). */
  user: string;
}

export interface SqlOptions {
  maxCount: number;
  /** false: any change is rolled back after the statement (HAC's default). */
  commit: boolean;
}

export type ImpexValidationMode = 'IMPORT_STRICT' | 'IMPORT_RELAXED';

export interface ImpexOptions {
  validationMode: ImpexValidationMode;
  /** true: check everything, change nothing (the validate endpoint). */
  validateOnly: boolean;
  enableCodeExecution: boolean;
  legacyMode: boolean;
  maxThreads: number;
}

export interface ImpexOutcome {
  success: boolean;
  /**
   * When success: the import log text. When failed: the unresolved lines as HAC prints them
   * (the header line, then each failing row followed by its reason). Plain text, not escaped.
   */
  details: string;
  /** Short reason when failed (e.g. `unknown attribute 'foo' in header 1`), else null. */
  errorMessage: string | null;
  /** Number of value lines that were processed successfully. */
  processedLines: number;
}

export type ExportMode = 'EXPORT_ONLY' | 'EXPORT_REIMPORT_STRICT' | 'EXPORT_REIMPORT_RELAXED';

export interface ExportOutcome {
  success: boolean;
  errorMessage: string | null;
  /** Files that make up the export ZIP (importscript.impex plus one CSV-like file per header). */
  files: { name: string; content: string }[];
}

export interface DataEngine {
  flexibleSearch(query: string, options: FlexibleSearchOptions): QueryOutcome;
  sql(statement: string, options: SqlOptions): QueryOutcome;
  /** Imports at once, without pausing (data sets, tests). Each line is kept or undone whole. */
  importImpex(script: string, options: ImpexOptions): ImpexOutcome;
  /**
   * The same import for the console: it pauses every few milliseconds between lines so the server
   * keeps answering other requests, the control API and shutdown while a big script runs; other
   * requests see the lines imported so far, as on SAP, which commits line by line. A validation runs
   * on a private copy of the data. Rejects when the engine is closed meanwhile.
   */
  importImpexAsync(script: string, options: ImpexOptions): Promise<ImpexOutcome>;
  exportImpex(script: string, options: { mode: ExportMode }): ExportOutcome;
  /**
   * The same export for the console: it pauses every few milliseconds between rows, as the console
   * import does, so a big export does not hold up other requests, the control API or shutdown; rows
   * written meanwhile may or may not be in it. Rejects when the engine is closed meanwhile.
   */
  exportImpexAsync(script: string, options: { mode: ExportMode }): Promise<ExportOutcome>;
  /**
   * Adds `count` synthetic items of a type (`Product`, `Order`) for benchmarks, in one transaction:
   * a million products take seconds. See `generate.ts` for what they hold.
   */
  generate(typeName: 'Product' | 'Order', count: number): void;
  /**
   * Drops every table and creates the schema anew (the type system's own rows, the enum values), as a
   * system initialization does: every other item is gone. Returns the number of tables created.
   */
  dropAllTables(): number;
  /** Resolve a PK to its type code and creation time, or null when no item has it. */
  lookupPk(pk: string): { typeCode: number; typeName: string; createdAt: Date } | null;
  /** Cron jobs for the monitoring page. */
  cronJobs(): { code: string; jobCode: string; status: string; progress: number | null; startTime: Date | null }[];
  close(): void;
}

export type DataSet = 'sample' | 'empty' | { impexFile: string };
