/**
 * ImpEx export: header lines followed by `#% impex.exportItems("Type", inclSubTypes)` (or a
 * FlexibleSearch query as first argument / `exportItemsFlexibleSearch`) produce one data file per
 * header plus `importscript.impex` that re-imports them, as in HAC's export ZIP.
 */
import type { ExportMode, ExportOutcome } from '../engine-types.js';
import type { SqlValue } from '../database.js';
import type { AttributeDef, ComposedType } from '../type-system.js';
import { translateFlexibleSearch } from '../flexsearch/translator.js';
import { bindHeader, type BoundHeader } from './binding.js';
import { DEFAULT_DATE_FORMAT, formatDate } from './dates.js';
import type { ColumnDescriptor } from './header.js';
import type { ImporterContext } from './importer.js';
import { parseScript, quoteCell } from './parser.js';

interface Block {
  header: BoundHeader;
  fileName: string;
  rows: string[];
}

class ExportError extends Error {
  override name = 'ExportError';
}

class Exporter {
  constructor(private readonly context: ImporterContext) {}

  private get store() {
    return this.context.store;
  }

  /** The export, yielding after each row so that a caller can let other work run between rows. */
  *run(script: string, mode: ExportMode): Generator<void, ExportOutcome, void> {
    const { records } = parseScript(script);
    const blocks: Block[] = [];
    let targetFile: string | null = null;
    let current: Block | null = null;
    // As SAP's Exporter: a header not followed by any exportItems call exports all items of its exact type.
    let exported = true;
    const unexported = (block: Block): number[] => (exported ? [] : this.allItems(block.header, true));
    const usedNames = new Set<string>();
    for (const record of records) {
      if (record.kind === 'header') {
        if (current) yield* this.addRows(current, unexported(current));
        const header = bindHeader(this.store.types, record, mode !== 'EXPORT_REIMPORT_RELAXED', (iso) => this.context.languagePk(iso), this.context.defaultLanguage);
        let fileName = targetFile ?? `${header.header.typeName}.csv`;
        for (let n = 1; usedNames.has(fileName); n++) fileName = `${header.header.typeName}-${n}.csv`;
        usedNames.add(fileName);
        targetFile = null;
        current = { header, fileName, rows: [] };
        blocks.push(current);
        exported = false;
      } else if (record.kind === 'directive') {
        const target = /setTargetFile\(\s*"([^"]+)"/.exec(record.code);
        if (target) {
          targetFile = target[1] ?? null;
          continue;
        }
        if (!/exportItems/i.test(record.code)) continue;
        if (!current) throw new ExportError(`line ${record.line}: exportItems without a header`);
        const block: Block = current;
        yield* this.addRows(block, this.selectItems(record.code, block.header));
        exported = true;
      } else if (record.cells.some((c) => c !== '')) {
        throw new ExportError(`line ${record.line}: value lines are not allowed in an export script`);
      }
    }
    if (current) yield* this.addRows(current, unexported(current));
    const separator = '#-----------------------------------------------------------';
    const importScript = blocks
      .map((b) => ['', separator, b.header.text, `"#% impex.includeExternalDataMedia( ""${b.fileName}"" , ""UTF-8"", ';',  1 , -1 );"`, separator].join('\n'))
      .join('\n');
    return {
      success: true,
      errorMessage: null,
      files: [
        { name: 'importscript.impex', content: `${importScript}\n` },
        ...blocks.map((b) => ({ name: b.fileName, content: [b.header.text, ...b.rows].join('\n') + '\n' })),
      ],
    };
  }

  /**
   * One row per item of the header's type, yielding after each. A loop, not rows.push(...items):
   * spreading ~125k rows into a call overflows the stack.
   */
  private *addRows(block: Block, pks: readonly number[]): Generator<void, void, void> {
    for (const pk of pks) {
      const found = this.store.typeOf(pk);
      if (!found || !this.store.types.isA(found.type, block.header.type)) continue;
      block.rows.push(this.row(block.header, { pk, type: found.type }));
      yield;
    }
  }

  /** All items of the header's type, ordered as SAP does: unique columns, creation time, PK. */
  private allItems(header: BoundHeader, exact: boolean, typeName = header.type.name): number[] {
    const order = header.columns
      .filter((c) => c.unique && !c.attribute.localized && c.attribute.kind !== 'relation' && c.attribute.kind !== 'pk')
      .map((c) => `{${c.attribute.qualifier}} ASC, `)
      .join('');
    return this.itemsOfQuery(`SELECT {pk} FROM {${typeName}${exact ? '!' : ''}} ORDER BY ${order}{creationtime} ASC, {pk} ASC`);
  }

  /** The PKs a query selects; `addRows` keeps those of the header's type. */
  private itemsOfQuery(query: string): number[] {
    const sql = translateFlexibleSearch(query, { types: this.store.types, languagePk: (iso) => this.context.languagePk(iso), locale: this.context.defaultLanguage });
    return this.store.db.query(sql).rows.map(([value]) => Number(value));
  }

  /** Items for `exportItems("Type"[, inclSubTypes])`, `exportItems("SELECT …", …)` or `exportItemsFlexibleSearch("SELECT …")`. */
  private selectItems(code: string, header: BoundHeader): number[] {
    const args = /\(\s*"((?:[^"\\]|\\.)*)"\s*(?:,\s*(true|false|\d+))?(?:\s*,\s*(true|false))?/.exec(code);
    if (!args) throw new ExportError(`cannot read the arguments of '${code}'`);
    const argument = args[1] ?? '';
    if (/^\s*SELECT\b/i.test(argument)) return this.itemsOfQuery(argument);
    const type = this.store.types.find(argument);
    if (!type) throw new ExportError(`unknown type '${argument}'`);
    const inclSubTypes = args[2] === 'true' || args[3] === 'true';
    return this.allItems(header, !inclSubTypes, type.name);
  }

  private row(header: BoundHeader, item: { pk: number; type: ComposedType }): string {
    const cells = [item.type === header.type ? '' : item.type.name];
    for (const column of header.columns) {
      while (cells.length < column.index) cells.push('');
      cells[column.index] = quoteCell(this.value(item, column.attribute, column.descriptor, column.languagePk));
    }
    return cells.join(';');
  }

  private value(item: { pk: number; type: ComposedType }, attribute: AttributeDef, descriptor: ColumnDescriptor, languagePk: number | null): string {
    const raw = this.store.read(item.pk, item.type, attribute, languagePk ?? undefined);
    if (raw === null || raw === '') return '';
    if (attribute.kind === 'relation') {
      return String(raw)
        .split(',')
        .map((pk) => this.reference(Number(pk), attribute, descriptor))
        .join(',');
    }
    if (attribute.kind === 'ref' || attribute.kind === 'enum') return this.reference(Number(raw), attribute, descriptor);
    return this.scalar(attribute, raw, descriptor);
  }

  private scalar(attribute: AttributeDef, raw: SqlValue, descriptor: ColumnDescriptor): string {
    if (attribute.kind === 'boolean') return Number(raw) ? 'true' : 'false';
    if (attribute.kind === 'date') {
      const date = new Date(`${String(raw).replace(' ', 'T')}Z`);
      return Number.isNaN(date.getTime()) ? String(raw) : formatDate(date, descriptor.modifiers.get('dateformat') ?? DEFAULT_DATE_FORMAT);
    }
    return String(raw);
  }

  /** A referenced item written through the column's pattern (`Default:Staged`), or its PK without one. */
  private reference(pk: number, attribute: AttributeDef, descriptor: ColumnDescriptor): string {
    const found = this.store.typeOf(pk);
    if (!found) return '';
    if (!descriptor.pattern) {
      if (attribute.kind !== 'enum') return String(pk);
      const code = found.type.attributes.get('code');
      return code ? String(this.store.read(pk, found.type, code) ?? '') : String(pk);
    }
    return descriptor.pattern.map((part) => this.leafValues(pk, found.type, part)).join(':');
  }

  private leafValues(pk: number, type: ComposedType, part: ColumnDescriptor): string {
    const attribute = type.attributes.get(part.qualifier.toLowerCase());
    if (!attribute) throw new ExportError(`unknown attribute '${part.qualifier}' in pattern for type ${type.name}`);
    if (part.pattern) {
      const target = Number(this.store.read(pk, type, attribute));
      const found = this.store.typeOf(target);
      return found ? part.pattern.map((p) => this.leafValues(target, found.type, p)).join(':') : '';
    }
    const languagePk = attribute.localized ? this.context.languagePk(part.modifiers.get('lang') ?? this.context.defaultLanguage) : undefined;
    const raw = this.store.read(pk, type, attribute, languagePk);
    if (raw === null) return '';
    if (attribute.kind === 'ref' || attribute.kind === 'enum') return this.reference(Number(raw), attribute, { ...part, pattern: null });
    return this.scalar(attribute, raw, part);
  }
}

/**
 * The export one row at a time: `next()` until done. Header, query and database errors alike end it
 * with a failed outcome carrying their message, as HAC's page shows it.
 */
export function* exportSteps(context: ImporterContext, script: string, mode: ExportMode): Generator<void, ExportOutcome, void> {
  try {
    return yield* new Exporter(context).run(script, mode);
  } catch (error) {
    if (error instanceof Error) return { success: false, errorMessage: error.message, files: [] };
    throw error;
  }
}

export function exportImpex(context: ImporterContext, script: string, mode: ExportMode): ExportOutcome {
  const steps = exportSteps(context, script, mode);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
