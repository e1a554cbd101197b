/**
 * The ImpEx importer: INSERT, INSERT_UPDATE, UPDATE, REMOVE blocks; strict/relaxed validation;
 * lines whose references are missing are retried after the rest of the script (as SAP's multi-pass
 * import does); what stays unresolved is reported as HAC prints it.
 */
import type { ImpexOptions, ImpexOutcome } from '../engine-types.js';
import type { SqlDatabase } from '../database.js';
import { emptyChanges, type ItemChanges, type ItemStore, type Scalar } from '../item-store.js';
import { bindHeader, type BoundColumn, type BoundHeader, HeaderError } from './binding.js';
import { parseScript, quoteCell } from './parser.js';
import { convertScalar, resolveReference, splitCollection, ValueError, type ValueContext } from './values.js';

interface DataLine {
  line: number;
  cells: string[];
}

interface Failure {
  header: BoundHeader;
  row: DataLine;
  reason: string;
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

  constructor(
    private readonly context: ImporterContext,
    private readonly options: ImpexOptions,
  ) {
    this.strict = options.validationMode === 'IMPORT_STRICT';
  }

  run(script: string): ImpexOutcome {
    const { records } = parseScript(script);
    let current: BoundHeader | null = null;
    let headerFailed = false;
    for (const record of records) {
      if (record.kind === 'directive') {
        this.directive(record.line, record.code);
      } else if (record.kind === 'header') {
        try {
          current = bindHeader(this.store.types, record, this.strict, (iso) => this.context.languagePk(iso), this.context.defaultLanguage);
          headerFailed = false;
          this.log.push(...current.warnings);
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
    }
    this.retryPasses();
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
    const failure = this.processRow(header, row);
    if (failure) this.failures.push(failure);
    else this.processed++;
  }

  /** Retries lines that failed on a missing reference until a pass makes no progress. */
  private retryPasses(): void {
    let progress = true;
    while (progress) {
      progress = false;
      const pending = this.failures.splice(0).filter((f) => {
        if (f.retryable) return true;
        this.failures.push(f);
        return false;
      });
      for (const failure of pending) {
        const again = this.processRow(failure.header, failure.row);
        if (again) this.failures.push(again);
        else {
          this.processed++;
          progress = true;
        }
      }
    }
    this.failures.sort((a, b) => a.row.line - b.row.line);
  }

  private processRow(header: BoundHeader, row: DataLine): Failure | null {
    const fail = (reason: string, retryable = false, pk: number | null = null): Failure => ({ header, row, reason, retryable, pk });
    let type = header.type;
    const subtypeName = row.cells[0] ?? '';
    if (subtypeName !== '') {
      const subtype = this.store.types.find(subtypeName);
      if (!subtype || !this.store.types.isA(subtype, header.type)) return fail(`unknown subtype '${subtypeName}' of ${header.type.name}`);
      type = subtype;
    }
    try {
      const uniqueConditions = header.columns
        .filter((c) => c.unique)
        .map((column) => {
          const value = this.cellValue(column, row);
          if (value === null || column.attribute.kind === 'relation') {
            throw new ValueError(`column ${column.index + 1}: missing value for unique attribute '${column.attribute.qualifier}'`);
          }
          return { attribute: column.attribute, value: value as Scalar, ...(column.languagePk !== null ? { languagePk: column.languagePk } : {}) };
        });
      const existing = uniqueConditions.length > 0 ? this.store.find(header.type, uniqueConditions) : [];
      const mode = header.header.mode;
      if (mode === 'REMOVE') {
        for (const item of existing) this.store.remove(item.pk, item.type);
        return null;
      }
      if (existing.length > 1) return fail(`ambiguous unique keys: ${existing.length} items of type ${header.type.name} match`);
      const target = existing[0];
      if (mode === 'UPDATE' && !target) return fail('no existing item found for update', true);
      if (mode === 'INSERT' && target) return fail(`cannot insert: an item with the same unique values already exists`, false, target.pk);
      const changes = this.buildChanges(header, row, target ? 'update' : 'create');
      if (target) {
        this.store.update(target.pk, target.type, changes);
        return null;
      }
      if (type.abstract || !type.table) return fail(`cannot create an item of abstract type ${type.name}`);
      if (this.strict) {
        const missing = [...type.attributes.values()].filter((a) => a.mandatory && !a.localized && a.kind !== 'relation' && (changes.values.get(a) ?? null) === null);
        if (missing.length > 0) return fail(`missing values for mandatory attributes [${missing.map((a) => a.qualifier).join(', ')}] to create a new ${type.name}`);
      }
      this.store.create(type, changes);
      return null;
    } catch (error) {
      if (error instanceof ValueError) return fail(error.message, error.retryable);
      throw error;
    }
  }

  private buildChanges(header: BoundHeader, row: DataLine, purpose: 'create' | 'update'): ItemChanges {
    const changes = emptyChanges();
    for (const column of header.columns) {
      if (column.unique && purpose === 'update') continue;
      const raw = row.cells[column.index] ?? '';
      if (raw === '<ignore>') continue;
      const value = this.cellValue(column, row);
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
      } else {
        if (value === null && purpose === 'create') continue;
        changes.values.set(attribute, value as Scalar);
      }
    }
    return changes;
  }

  /** The converted value of a cell: scalar, PK, list of PKs (relations) or null (empty). */
  private cellValue(column: BoundColumn, row: DataLine): Scalar | number[] {
    let raw = row.cells[column.index] ?? '';
    if (raw === '' || raw === '<ignore>') raw = column.descriptor.modifiers.get('default') ?? '';
    const { attribute, descriptor } = column;
    const where = `column ${column.index + 1}: `;
    try {
      if (attribute.kind === 'relation') {
        return splitCollection(raw).map((element) => {
          const pk = resolveReference(this.context, { ...attribute, kind: 'ref' }, descriptor, element);
          if (pk === null) throw new ValueError(`cannot resolve value '${element}' for attribute '${attribute.qualifier}'`, true);
          return pk;
        });
      }
      if (raw === '') return null;
      if (attribute.kind === 'ref' || attribute.kind === 'enum') return resolveReference(this.context, attribute, descriptor, raw);
      return convertScalar(attribute, raw, descriptor);
    } catch (error) {
      if (error instanceof ValueError && !error.message.startsWith('column ')) throw new ValueError(where + error.message, error.retryable);
      throw error;
    }
  }

  private outcome(): ImpexOutcome {
    const unresolved: string[] = [];
    let lastHeader: BoundHeader | null = null;
    for (const failure of this.failures) {
      if (failure.header !== lastHeader) {
        unresolved.push(failure.header.text);
        lastHeader = failure.header;
      }
      const rest = failure.row.cells.slice(1).map(quoteCell).join(';');
      unresolved.push(`,${failure.pk ?? ''},,,${failure.reason};${rest}`);
    }
    const problems = this.headerErrors.length + this.failures.length;
    if (problems === 0) {
      const verb = this.options.validateOnly ? 'validated' : 'imported';
      const summary = `${this.processed} value line(s) ${verb} (${this.strict ? 'IMPORT_STRICT' : 'IMPORT_RELAXED'})`;
      return { success: true, details: [...this.log, summary].join('\n'), errorMessage: null, processedLines: this.processed };
    }
    const first = this.failures[0];
    const firstMessage = this.headerErrors[0]?.split('\n')[0] ?? (first ? `line ${first.row.line} at main script: ${first.reason}` : '');
    const more = problems > 1 ? ` (and ${problems - 1} more problem${problems > 2 ? 's' : ''})` : '';
    return {
      success: false,
      details: [...this.headerErrors, ...unresolved].join('\n'),
      errorMessage: firstMessage + more,
      processedLines: this.processed,
    };
  }
}

/** Imports (or with `validateOnly`, dry-runs inside a rolled-back savepoint) an ImpEx script. */
export function importImpex(context: ImporterContext, script: string, options: ImpexOptions): ImpexOutcome {
  return context.db.savepoint(
    'impex_import',
    () => !options.validateOnly,
    () => new Importer(context, options).run(script),
  );
}
