/**
 * The ImpEx importer: INSERT, INSERT_UPDATE, UPDATE, REMOVE blocks; strict/relaxed validation;
 * lines whose references are missing are retried after the rest of the script (as SAP's multi-pass
 * import does); what stays unresolved is reported as HAC prints it.
 */
import type { ImpexOptions, ImpexOutcome } from '../engine-types.js';
import type { SqlDatabase } from '../database.js';
import { emptyChanges, type ItemChanges, type ItemStore, type Scalar } from '../item-store.js';
import type { ComposedType } from '../type-system.js';
import { bindHeader, type BoundColumn, type BoundHeader, HeaderError } from './binding.js';
import { quoteCell, readRecords } from './parser.js';
import { convertScalar, LookupCache, resolveReference, splitCollection, ValueError, type ValueContext } from './values.js';

interface DataLine {
  line: number;
  cells: string[];
  /** Set when an earlier pass created the item and only some columns remain. */
  pk?: number;
}

interface Failure {
  header: BoundHeader;
  row: DataLine;
  reasons: string[];
  retryable: boolean;
  pk: number | null;
}

export interface ImporterContext extends ValueContext {
  db: SqlDatabase;
}

class Importer {
  private strict: boolean;
  private processed = 0;
  private readonly log: string[] = [];
  private readonly failures: Failure[] = [];
  private readonly headerErrors: string[] = [];

  private readonly context: ImporterContext;

  constructor(
    context: ImporterContext,
    private readonly options: ImpexOptions,
  ) {
    // References repeat from line to line (`Default:Staged`, `pieces`): each is looked up once.
    this.context = { ...context, lookups: new LookupCache() };
    this.strict = options.validationMode === 'IMPORT_STRICT';
  }

  /**
   * Works through the script one record at a time and yields after each, so a caller can let other
   * work run between lines; every line is written or undone whole before. The caller resumes with
   * `next(true)` after it let other work run: what that work wrote may differ from cached lookups.
   */
  *steps(script: string): Generator<void, ImpexOutcome, boolean | undefined> {
    let current: BoundHeader | null = null;
    let headerFailed = false;
    for (const record of readRecords(script)) {
      if (record.kind === 'directive') {
        this.directive(record.line, record.code);
      } else if (record.kind === 'header') {
        try {
          current = bindHeader(this.store.types, record, this.strict, (iso) => this.context.languagePk(iso), this.context.defaultLanguage);
          headerFailed = false;
          for (const warning of current.warnings) this.log.push(warning);
        } catch (error) {
          if (!(error instanceof HeaderError)) throw error;
          this.headerErrors.push(`${error.message}\n${record.text}`);
          current = null;
          headerFailed = true;
        }
      } else if (current) {
        this.attempt(current, record);
      } else if (!headerFailed && record.cells.some((c) => c !== '')) {
        this.headerErrors.push(`line ${record.line} at main script: value line without header\n${record.text}`);
      }
      if (yield) this.context.lookups?.clear();
    }
    yield* this.retryPasses();
    return this.outcome();
  }

  private get store(): ItemStore {
    return this.context.store;
  }

  private directive(line: number, code: string): void {
    const mode = /setValidationMode\(\s*"?(import_strict|import_relaxed)"?\s*\)/i.exec(code);
    if (mode) {
      this.strict = (mode[1] ?? '').toLowerCase() === 'import_strict';
      return;
    }
    const note = this.options.enableCodeExecution ? 'not supported by the emulator' : 'code execution is disabled';
    this.log.push(`line ${line}: skipped script line (${note}): ${code}`);
  }

  private attempt(header: BoundHeader, row: DataLine): void {
    const failure = this.processLine(header, row);
    if (failure) this.failures.push(failure);
    else this.processed++;
  }

  /**
   * One line, all or nothing: a line that throws (rather than failing as ImpEx reports it) leaves
   * nothing behind, as SAP's importer commits line by line.
   */
  private processLine(header: BoundHeader, row: DataLine): Failure | null {
    return this.context.db.savepoint('impex_line', () => true, () => this.processRow(header, row));
  }

  /** Retries lines that failed on a missing reference until a pass makes no progress. */
  private *retryPasses(): Generator<void, void, boolean | undefined> {
    let progress = true;
    while (progress) {
      progress = false;
      const pending = this.failures.splice(0).filter((f) => {
        if (f.retryable) return true;
        this.failures.push(f);
        return false;
      });
      for (const failure of pending) {
        const row = failure.pk === null ? failure.row : { ...failure.row, pk: failure.pk };
        const again = this.processLine(failure.header, row);
        if (again) this.failures.push(again);
        else {
          this.processed++;
          progress = true;
        }
        if (yield) this.context.lookups?.clear();
      }
    }
    this.failures.sort((a, b) => a.row.line - b.row.line);
  }

  private processRow(header: BoundHeader, row: DataLine): Failure | null {
    const fail = (reasons: string[], retryable = false, pk: number | null = null, cells = row.cells): Failure => ({
      header,
      row: { ...row, cells },
      reasons,
      retryable,
      pk,
    });
    let type = header.type;
    const subtypeName = row.cells[0] ?? '';
    if (subtypeName !== '') {
      const subtype = this.store.types.find(subtypeName);
      if (!subtype || !this.store.types.isA(subtype, header.type)) return fail([`unknown subtype '${subtypeName}' of ${header.type.name}`]);
      type = subtype;
    }
    try {
      const target = this.findTarget(header, row);
      const mode = header.header.mode;
      if (mode === 'REMOVE') {
        for (const item of target) this.written(item.type, () => this.store.remove(item.pk, item.type));
        return null;
      }
      // `UPDATE Type[batchmode=true]` is SAP's way to update every item the unique columns match.
      if (mode === 'UPDATE' && target.length > 1 && header.header.modifiers.get('batchmode') === 'true') {
        const { changes, unresolved } = this.buildChanges(header, row, 'update');
        if (unresolved.length > 0) return fail(unresolved.map((u) => u.reason), unresolved.every((u) => u.retryable));
        for (const item of target) this.written(item.type, () => this.store.update(item.pk, item.type, changes), changes);
        return null;
      }
      if (target.length > 1) return fail([`ambiguous unique keys: ${target.length} items of type ${header.type.name} match`]);
      const existing = target[0];
      if (mode === 'UPDATE' && !existing) return fail(['no existing item found for update'], true);
      if (mode === 'INSERT' && existing && row.pk === undefined) return fail(['cannot insert: an item with the same unique values already exists']);
      const { changes, unresolved } = this.buildChanges(header, row, existing ? 'update' : 'create');
      const reasons = unresolved.map((u) => u.reason);
      if (unresolved.some((u) => !u.retryable)) return fail(reasons);
      if (!existing) {
        if (type.abstract || !type.table) return fail([`cannot create an item of abstract type ${type.name}`]);
        if (unresolved.some((u) => u.column.attribute.mandatory || u.column.unique)) {
          return fail([`cannot create due to unresolved mandatory/initial columns, ${reasons.join(', ')}`], true);
        }
        const missing = [...type.attributes.values()].filter((a) => a.mandatory && !a.localized && a.kind !== 'relation' && (changes.values.get(a) ?? null) === null);
        if (this.strict && missing.length > 0) {
          return fail([`missing values for [${missing.map((a) => a.qualifier).join(', ')}] in model ${type.name}Model to create a new ${type.name}`]);
        }
      }
      const pk = existing
        ? this.written(existing.type, () => (this.store.update(existing.pk, existing.type, changes), existing.pk), changes)
        : this.written(type, () => this.store.create(type, changes), changes);
      if (unresolved.length === 0) return null;
      // As SAP: the item is written with what resolved; the rest is retried later with the done cells marked <ignore>.
      const pending = new Set(unresolved.map((u) => u.column.index));
      const cells = row.cells.map((cell, index) => (index === 0 || pending.has(index) || cell.startsWith('<ignore>') ? cell : `<ignore>${cell}`));
      return fail(reasons, true, pk, cells);
    } catch (error) {
      if (error instanceof ValueError) return fail([error.message], error.retryable);
      throw error;
    }
  }

  /** Runs a write of items of `type` and forgets the cached lookups it may have made wrong. */
  private written<T>(type: ComposedType, write: () => T, changes?: ItemChanges): T {
    const result = write();
    const lookups = this.context.lookups;
    if (!lookups) return result;
    if (type.table) lookups.forgetTable(type.table);
    if (!changes) {
      // A removal also deletes the item's links.
      for (const attribute of type.attributes.values()) if (attribute.relation) lookups.forgetTable(attribute.relation.table);
    } else for (const attribute of changes.relations.keys()) if (attribute.relation) lookups.forgetTable(attribute.relation.table);
    return result;
  }

  /** Items the line addresses: by PK when a previous pass created it, else by its unique columns. */
  private findTarget(header: BoundHeader, row: DataLine): { pk: number; type: ComposedType }[] {
    if (row.pk !== undefined) {
      const found = this.store.typeOf(row.pk);
      return found ? [{ pk: row.pk, type: found.type }] : [];
    }
    const conditions = header.columns
      .filter((c) => c.unique)
      .map((column) => {
        let value: Scalar | number[];
        try {
          value = this.cellValue(column, row.cells[column.index] ?? '');
        } catch (error) {
          if (error instanceof ValueError) throw new ValueError(`column ${column.index}: ${error.message}`, error.retryable);
          throw error;
        }
        if (value === null || Array.isArray(value)) {
          throw new ValueError(`column ${column.index}: missing value for unique attribute '${column.attribute.qualifier}'`);
        }
        return { attribute: column.attribute, value, ...(column.languagePk !== null ? { languagePk: column.languagePk } : {}) };
      });
    return conditions.length > 0 ? this.store.find(header.type, conditions) : [];
  }

  private buildChanges(
    header: BoundHeader,
    row: DataLine,
    purpose: 'create' | 'update',
  ): { changes: ItemChanges; unresolved: { column: BoundColumn; reason: string; retryable: boolean }[] } {
    const changes = emptyChanges();
    const unresolved: { column: BoundColumn; reason: string; retryable: boolean }[] = [];
    for (const column of header.columns) {
      if (column.unique && purpose === 'update') continue;
      const raw = row.cells[column.index] ?? '';
      if (raw.startsWith('<ignore>')) continue;
      if (raw === '' && column.descriptor.modifiers.get('ignorenull') === 'true') continue;
      let value: Scalar | number[];
      try {
        value = this.cellValue(column, raw);
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        let reason = `column ${column.index}: ${error.message}`;
        // SAP names a missing reference twice: the item lookup and the attribute value.
        if (error.retryable) {
          const value = raw === '' ? (column.descriptor.modifiers.get('default') ?? '') : raw;
          reason += `, column ${column.index}: cannot resolve value '${value}' for attribute '${column.attribute.qualifier}'`;
        }
        unresolved.push({ column, reason, retryable: error.retryable });
        continue;
      }
      const { attribute } = column;
      if (attribute.kind === 'relation') {
        const mode = (column.descriptor.modifiers.get('mode') ?? 'replace').toLowerCase();
        changes.relations.set(attribute, {
          pks: (value as number[] | null) ?? [],
          mode: mode === 'append' || mode === 'remove' ? mode : 'replace',
        });
      } else if (attribute.localized && column.languagePk !== null) {
        const perLanguage = changes.localized.get(attribute) ?? new Map<number, Scalar>();
        perLanguage.set(column.languagePk, value as Scalar);
        changes.localized.set(attribute, perLanguage);
      } else if (value !== null || (purpose === 'update' && (!attribute.mandatory || column.descriptor.modifiers.get('allownull') === 'true'))) {
        // An empty cell clears an optional attribute; a mandatory one only with [allownull=true].
        changes.values.set(attribute, value as Scalar);
      }
    }
    return { changes, unresolved };
  }

  /** The converted value of a cell: scalar, PK, list of PKs (relations) or null (empty). */
  private cellValue(column: BoundColumn, cell: string): Scalar | number[] {
    const raw = cell === '' ? (column.descriptor.modifiers.get('default') ?? '') : cell;
    const { attribute, descriptor } = column;
    if (attribute.kind === 'relation') {
      const delimiter = descriptor.modifiers.get('collection-delimiter') ?? ',';
      return splitCollection(raw, delimiter).map((element) => {
        const pk = resolveReference(this.context, { ...attribute, kind: 'ref' }, descriptor, element);
        if (pk === null) throw new ValueError(`could not resolve item for ${element}`, true);
        return pk;
      });
    }
    // A reference pattern may carry defaults on its parts (`catalog(id[default=x]),version[default=Staged]`),
    // so an empty cell still resolves through the pattern.
    if (attribute.kind === 'ref' || attribute.kind === 'enum') return resolveReference(this.context, attribute, descriptor, raw);
    if (raw === '') return null;
    return convertScalar(attribute, raw, descriptor);
  }

  private outcome(): ImpexOutcome {
    const unresolved: string[] = [];
    let lastHeader: BoundHeader | null = null;
    for (const failure of this.failures) {
      if (failure.header !== lastHeader) {
        unresolved.push(failure.header.text);
        lastHeader = failure.header;
      }
      // SAP's dump format: `<first cell>,<pk>,,<message>` in the first column, then the remaining cells.
      const message = failure.reasons.join(', ');
      const first = `${failure.row.cells[0] ?? ''},${failure.pk ?? ''},,${failure.pk === null ? message : `, ${message}`}`;
      unresolved.push([first, ...failure.row.cells.slice(1)].map(quoteCell).join(';'));
    }
    const problems = this.headerErrors.length + this.failures.length;
    if (problems === 0) {
      const verb = this.options.validateOnly ? 'validated' : 'imported';
      const summary = `${this.processed} value line(s) ${verb} (${this.strict ? 'IMPORT_STRICT' : 'IMPORT_RELAXED'})`;
      return { success: true, details: [...this.log, summary].join('\n'), errorMessage: null, processedLines: this.processed };
    }
    const first = this.failures[0];
    const firstMessage = this.headerErrors[0]?.split('\n')[0] ?? (first ? `line ${first.row.line} at main script: ${first.reasons.join(', ')}` : '');
    const more = problems > 1 ? ` (and ${problems - 1} more problem${problems > 2 ? 's' : ''})` : '';
    return {
      success: false,
      details: [...this.headerErrors, ...unresolved].join('\n'),
      errorMessage: firstMessage + more,
      processedLines: this.processed,
    };
  }
}

/**
 * An import that pauses after every line: the caller drives it (`next()` until done, `next(true)`
 * after it let other work run) and decides when to let other work run. It writes to `context.db` as it goes; `validateOnly` changes only
 * the wording of the outcome, so a validation must run where its writes are thrown away.
 */
export function importSteps(context: ImporterContext, script: string, options: ImpexOptions): Generator<void, ImpexOutcome, boolean | undefined> {
  return new Importer(context, options).steps(script);
}

/**
 * Imports an ImpEx script at once, line by line as SAP does (a line that throws is undone, the lines
 * before it stay); with `validateOnly` everything is rolled back at the end.
 */
export function importImpex(context: ImporterContext, script: string, options: ImpexOptions): ImpexOutcome {
  const run = (): ImpexOutcome => {
    const steps = importSteps(context, script, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  };
  return options.validateOnly ? context.db.savepoint('impex_validate', () => false, run) : context.db.batch('impex_import', run);
}
