/**
 * The DataEngine: one embedded database shared by FlexibleSearch, SQL, ImpEx import/export,
 * the PK analyzer and the cron job monitor.
 */
import type {
  DataEngine,
  ExportMode,
  ExportOutcome,
  FlexibleSearchOptions,
  ImpexOptions,
  ImpexOutcome,
  QueryOutcome,
  SqlOptions,
} from './engine-types.js';
import { createSchema, SqlDatabase, type SqlValue } from './database.js';
import { flexibleSearchError, flexibleSearchSqlError, sqlError, unknownUserError } from './errors.js';
import { ScanError } from './flexsearch/scanner.js';
import { TranslationError, translateFlexibleSearch } from './flexsearch/translator.js';
import { generateItems, type GeneratedType } from './generate.js';
import { exportImpex, exportSteps } from './impex/exporter.js';
import { importImpex, importSteps, type ImporterContext } from './impex/importer.js';
import { emptyChanges, formatTimestamp, ItemStore } from './item-store.js';
import { ENUM_VALUES } from './type-model.js';
import { decodePk, PkGenerator, type PkState } from './pk.js';
import { TypeSystem } from './type-system.js';

const cell = (value: SqlValue): string | null => (value === null ? null : value instanceof Uint8Array ? `[B@${value.length}` : String(value));

/** A loaded data set, from which engines with their own copy of the data are opened. */
export interface DataImage {
  bytes: Uint8Array;
  pks: PkState;
}

/**
 * How long an import or export works before it lets the server answer other requests. Short enough that a
 * control request or a shutdown is not noticeably delayed, long enough that the pauses cost nothing.
 */
const SLICE_MS = 15;

export class Engine implements DataEngine {
  readonly store: ItemStore;
  readonly #pks: PkGenerator;
  #closed = false;

  /** Over a database that holds the schema already; use `create` or `open`. */
  private constructor(
    readonly db: SqlDatabase,
    readonly types: TypeSystem,
    pks: PkGenerator,
  ) {
    this.#pks = pks;
    this.store = new ItemStore(db, types, pks);
  }

  /** A new system without data: the schema, the rows describing the types, the enum values. */
  static async create(): Promise<Engine> {
    const engine = new Engine(await SqlDatabase.open(), new TypeSystem(), new PkGenerator());
    createSchema(engine.db, engine.types, formatTimestamp(new Date()));
    engine.createEnumValues();
    return engine;
  }

  /** An engine over its own copy of an image's data; its new items get PKs the image does not hold. */
  static async open(image: DataImage): Promise<Engine> {
    return new Engine(await SqlDatabase.open(image.bytes), new TypeSystem(), new PkGenerator(Date.now, image.pks));
  }

  image(): DataImage {
    return { bytes: this.db.image(), pks: this.#pks.state() };
  }

  private createEnumValues(): void {
    for (const [enumName, codes] of Object.entries(ENUM_VALUES)) {
      const type = this.types.find(enumName);
      const code = type?.attributes.get('code');
      const sequence = type?.attributes.get('sequencenumber');
      if (!type || !code || !sequence) continue;
      codes.forEach((value, index) => {
        const changes = emptyChanges();
        changes.values.set(code, value).set(sequence, index);
        this.store.create(type, changes);
      });
    }
  }

  dropAllTables(): number {
    const tables = this.db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'").rows.map(([name]) => String(name));
    // Indexes go with their tables; cached statements over them are compiled again by SQLite when next used.
    this.db.exec(tables.map((table) => `DROP TABLE ${table}`).join(';\n'));
    this.store.forgetIndexes();
    createSchema(this.db, this.types, formatTimestamp(new Date()));
    this.createEnumValues();
    return Number(this.db.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'").rows[0]?.[0]);
  }

  languagePk(isocode: string): number | undefined {
    const row = this.db.query('SELECT PK FROM languages WHERE lower(p_isocode) = lower(?)', [isocode]).rows[0];
    return row ? Number(row[0]) : undefined;
  }

  private importerContext(): ImporterContext {
    return { db: this.db, store: this.store, languagePk: (iso) => this.languagePk(iso), defaultLanguage: 'en' };
  }

  flexibleSearch(query: string, options: FlexibleSearchOptions): QueryOutcome {
    const started = performance.now();
    const failed = (error: QueryOutcome['error'], translatedSql = ''): QueryOutcome => ({
      headers: [],
      rows: [],
      translatedSql,
      executionTimeMs: Math.round(performance.now() - started),
      error,
    });
    if (options.user && this.db.query('SELECT 1 FROM users WHERE p_uid = ?', [options.user]).rows.length === 0) {
      return failed(unknownUserError(options.user));
    }
    let sql: string;
    try {
      sql = translateFlexibleSearch(query, { types: this.types, languagePk: (iso) => this.languagePk(iso), locale: options.locale || 'en' });
    } catch (error) {
      if (error instanceof TranslationError || error instanceof ScanError) return failed(flexibleSearchError(error.message));
      throw error;
    }
    if (!/^\s*\(?\s*SELECT\b/i.test(sql)) return failed(flexibleSearchError(`only SELECT statements are allowed: '${query.trim()}'`), sql);
    try {
      const result = this.runSingle(sql, options.maxCount);
      return { ...result, translatedSql: sql, executionTimeMs: Math.round(performance.now() - started), error: null };
    } catch (error) {
      return failed(flexibleSearchSqlError(error, sql), sql);
    }
  }

  /**
   * As HAC's `HacFlexibleSearchFacade.executeRawSql`: statements starting with SELECT return rows,
   * INSERT/UPDATE/DELETE return `Result` / `N row(s) affected.`, anything else is refused.
   */
  sql(statement: string, options: SqlOptions): QueryOutcome {
    const started = performance.now();
    const outcome = (result: { headers: string[]; rows: (string | null)[][] }, error: QueryOutcome['error']): QueryOutcome => ({
      ...result,
      translatedSql: statement,
      executionTimeMs: Math.round(performance.now() - started),
      error,
    });
    const verb = statement.trim().toUpperCase();
    const isQuery = verb.startsWith('SELECT');
    if (!isQuery && !/^(INSERT|UPDATE|DELETE)/.test(verb)) {
      const message = `Provided query: ${statement} is not valid DQL or DML language`;
      return outcome({ headers: [], rows: [] }, { className: 'java.lang.IllegalArgumentException', message, causes: [] });
    }
    try {
      const result = this.db.savepoint(
        'hac_sql',
        () => options.commit,
        () => {
          if (isQuery) return this.runSingle(statement, options.maxCount);
          this.runSingle(statement, 0);
          return { headers: ['Result'], rows: [[`${this.db.raw.getRowsModified()} row(s) affected.`]] };
        },
      );
      return outcome(result, null);
    } catch (error) {
      return outcome({ headers: [], rows: [] }, sqlError(error));
    }
  }

  /**
   * Runs exactly one statement (a trailing `;` is fine, a second statement is a syntax error as over
   * JDBC). Rows are capped as HAC does: at most `maxCount`, `-1` for no limit. Headers are the column
   * names as the SQL writes them (`PK`, `p_code`); the console folds them as the emulated database's
   * JDBC driver labels them.
   */
  private runSingle(sql: string, maxCount: number): { headers: string[]; rows: (string | null)[][] } {
    const iterator = this.db.raw.iterateStatements(sql);
    const first = iterator.next();
    if (first.done) throw new Error('incomplete input: empty statement');
    const statement = first.value;
    try {
      const rest = iterator.getRemainingSQL().trim();
      if (rest !== '') throw new Error(`near "${rest.slice(0, 40)}": syntax error (multiple statements are not allowed)`);
      const rows: (string | null)[][] = [];
      const limit = maxCount === -1 ? Number.POSITIVE_INFINITY : Math.max(0, maxCount);
      // Stepping stops at the cap (as a JDBC max-rows does): a page of a big table costs the page, not
      // the table. A statement is always stepped once, so DML runs and errors surface with a cap of 0.
      while (statement.step()) {
        if (rows.length >= limit) break;
        rows.push(statement.get().map(cell));
      }
      return { headers: statement.getColumnNames(), rows };
    } finally {
      // Frees the statement and the iterator's copy of the SQL in the WASM heap (statement.free() alone
      // left the copy: every query grew the heap, which never shrinks, by the length of its SQL).
      // (`return` is the iterator protocol's early exit; sql.js implements it, its types leave it out.)
      (iterator as Iterator<unknown>).return?.();
    }
  }

  importImpex(script: string, options: ImpexOptions): ImpexOutcome {
    return importImpex(this.importerContext(), script, options);
  }

  async importImpexAsync(script: string, options: ImpexOptions): Promise<ImpexOutcome> {
    // A validation writes as it goes and throws it all away at the end. Held open across pauses, a
    // rollback would also undo what other requests wrote meanwhile, so it runs on its own copy.
    const target = options.validateOnly ? await Engine.open(this.image()) : this;
    try {
      const steps = importSteps(target.importerContext(), script, options);
      let paused = false;
      for (;;) {
        const deadline = performance.now() + SLICE_MS;
        // The lines of a slice share one commit; each line is still kept or undone whole.
        const step = target.db.batch('impex_slice', () => {
          let next = steps.next(paused);
          while (!next.done && performance.now() < deadline) next = steps.next(false);
          return next;
        });
        paused = true;
        if (step.done) return step.value;
        await new Promise((resolve) => setImmediate(resolve));
        if (this.#closed) throw new Error('the emulator was closed during the ImpEx import');
      }
    } finally {
      if (target !== this) target.close();
    }
  }

  generate(typeName: GeneratedType, count: number): void {
    generateItems(this, typeName, count);
  }

  exportImpex(script: string, options: { mode: ExportMode }): ExportOutcome {
    return exportImpex(this.importerContext(), script, options.mode);
  }

  async exportImpexAsync(script: string, options: { mode: ExportMode }): Promise<ExportOutcome> {
    const steps = exportSteps(this.importerContext(), script, options.mode);
    for (;;) {
      const deadline = performance.now() + SLICE_MS;
      let step = steps.next();
      while (!step.done && performance.now() < deadline) step = steps.next();
      if (step.done) return step.value;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#closed) throw new Error('the emulator was closed during the ImpEx export');
    }
  }

  lookupPk(pk: string): { typeCode: number; typeName: string; createdAt: Date } | null {
    const decoded = decodePk(pk);
    if (!decoded) return null;
    const deployment = this.types.byTypeCode(decoded.typeCode);
    if (!deployment?.table) return null;
    const item = this.store.typeOf(Number(pk), deployment.table);
    if (!item) return null;
    return { typeCode: decoded.typeCode, typeName: item.type.name, createdAt: new Date(`${item.createdTS.replace(' ', 'T')}Z`) };
  }

  cronJobs(): { code: string; jobCode: string; status: string; progress: number | null; startTime: Date | null }[] {
    const result = this.db.query(
      `SELECT c.p_code, j.p_code, s.Code, c.p_progress, c.p_starttime FROM cronjobs c
       LEFT JOIN jobs j ON j.PK = c.p_job LEFT JOIN enumerationvalues s ON s.PK = c.p_status ORDER BY c.createdTS, c.PK`,
    );
    return result.rows.map(([code, jobCode, status, progress, startTime]) => ({
      code: String(code),
      jobCode: jobCode === null ? '' : String(jobCode),
      status: status === null ? 'UNKNOWN' : String(status),
      progress: progress === null || progress === undefined ? null : Number(progress),
      // Stored as formatTimestamp writes it: UTC, 'YYYY-MM-DD HH:mm:ss.SSS'.
      startTime: typeof startTime === 'string' ? new Date(`${startTime.replace(' ', 'T')}Z`) : null,
    }));
  }

  close(): void {
    // An import paused between slices sees this when it wakes and stops without touching the data.
    this.#closed = true;
    this.db.close();
  }
}
