/**
 * Cell value → stored value: scalar conversion (numbers, booleans, dates) and reference resolution
 * through header patterns such as `catalogVersion(catalog(id),version)` with values `Default:Staged`.
 */
import type { ItemStore, Scalar } from '../item-store.js';
import { formatTimestamp } from '../item-store.js';
import type { AttributeDef, ComposedType } from '../type-system.js';
import { DEFAULT_DATE_FORMAT, parseDate } from './dates.js';
import type { ColumnDescriptor } from './header.js';

/** A value that cannot be stored. `retryable`: a referenced item is missing (it may come later). */
export class ValueError extends Error {
  override name = 'ValueError';
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export interface ValueContext {
  store: ItemStore;
  /** PK of a language by ISO code, undefined when unknown. */
  languagePk(isocode: string): number | undefined;
  defaultLanguage: string;
  /** References already resolved by this import; the importer forgets a table's entries when it writes to it. */
  lookups?: LookupCache;
}

type Condition = { attribute: AttributeDef; value: Scalar; languagePk?: number };

/**
 * Items found by attribute values, per table, for as long as nothing writes to that table: an
 * import resolves the same `Default:Staged` or unit on every line. Only hits are kept (a miss may be
 * created by a later line), only for types stored in one table, and at most `MAX_ENTRIES` per table.
 */
export class LookupCache {
  static readonly MAX_ENTRIES = 10_000;
  readonly #byTable = new Map<string, Map<string, { pk: number; type: ComposedType }>>();

  find(store: ItemStore, type: ComposedType, conditions: Condition[]): { pk: number; type: ComposedType }[] {
    const tables = new Set(store.types.family(type).map((t) => t.table));
    const table = tables.size === 1 ? type.table : null;
    if (!table) return store.find(type, conditions);
    const key = `${type.name}\u0000${conditions.map((c) => `${c.attribute.column}\u0001${c.languagePk ?? ''}\u0001${typeof c.value}\u0001${String(c.value)}`).join('\u0000')}`;
    const entries = this.#byTable.get(table);
    const hit = entries?.get(key);
    if (hit) return [hit];
    const found = store.find(type, conditions);
    if (found.length === 1 && found[0]) {
      const map = entries ?? new Map<string, { pk: number; type: ComposedType }>();
      if (map.size >= LookupCache.MAX_ENTRIES) map.clear();
      map.set(key, found[0]);
      this.#byTable.set(table, map);
    }
    return found;
  }

  forgetTable(table: string): void {
    this.#byTable.delete(table);
  }

  clear(): void {
    this.#byTable.clear();
  }
}

function findItems(context: ValueContext, type: ComposedType, conditions: Condition[]): { pk: number; type: ComposedType }[] {
  return context.lookups ? context.lookups.find(context.store, type, conditions) : context.store.find(type, conditions);
}

export function convertScalar(attribute: AttributeDef, raw: string, descriptor: ColumnDescriptor): Scalar {
  switch (attribute.kind) {
    case 'string':
      return raw;
    case 'int':
      if (!/^[-+]?\d+$/.test(raw)) throw new ValueError(`cannot parse '${raw}' as Integer for attribute '${attribute.qualifier}'`);
      return Number(raw);
    case 'double':
    case 'pk': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        throw new ValueError(`cannot parse '${raw}' as ${attribute.kind === 'pk' ? 'PK' : 'Double'} for attribute '${attribute.qualifier}'`);
      }
      return value;
    }
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true' ? 1 : 0;
      throw new ValueError(`cannot parse '${raw}' as Boolean for attribute '${attribute.qualifier}'`);
    }
    case 'date': {
      const format = descriptor.modifiers.get('dateformat') ?? DEFAULT_DATE_FORMAT;
      const date = parseDate(raw, format);
      if (!date) throw new ValueError(`cannot parse '${raw}' as date with format '${format}' for attribute '${attribute.qualifier}'`);
      return formatTimestamp(date);
    }
    default:
      throw new ValueError(`attribute '${attribute.qualifier}' is not a scalar`);
  }
}

function leaves(pattern: ColumnDescriptor[]): ColumnDescriptor[] {
  return pattern.flatMap((d) => (d.pattern ? leaves(d.pattern) : [d]));
}

/**
 * Resolves one reference value to a PK (null for an empty value). Without a pattern, enum values are
 * looked up by code and other references are taken as PKs.
 */
export function resolveReference(
  context: ValueContext,
  attribute: AttributeDef,
  descriptor: ColumnDescriptor,
  raw: string,
): number | null {
  const target = attribute.targetType ? context.store.types.find(attribute.targetType) : undefined;
  if (!target) throw new ValueError(`attribute '${attribute.qualifier}' has no target type`);
  if (!descriptor.pattern) {
    if (raw === '') return null;
    if (attribute.kind === 'enum') {
      const code = target.attributes.get('code');
      const found = code ? findItems(context, target, [{ attribute: code, value: raw }]) : [];
      if (found.length === 0) throw new ValueError(`could not resolve item for ${raw}`, true);
      return found[0]?.pk ?? null;
    }
    if (!/^\d+$/.test(raw)) throw new ValueError(`cannot resolve value '${raw}' for attribute '${attribute.qualifier}': no pattern given`);
    const existing = context.store.typeOf(Number(raw));
    if (!existing) throw new ValueError(`could not resolve item for ${raw}`, true);
    return Number(raw);
  }
  const leafList = leaves(descriptor.pattern);
  const parts = leafList.length === 1 ? [raw] : raw.split(descriptor.modifiers.get('path-delimiter') ?? ':');
  const values = leafList.map((leaf, i) => {
    const part = parts[i] ?? '';
    return part === '' ? (leaf.modifiers.get('default') ?? '') : part;
  });
  if (values.every((v) => v === '')) return null;
  const cursor = { index: 0 };
  const pk = resolvePattern(context, target, descriptor.pattern, values, cursor);
  if (pk === null) throw new ValueError(`could not resolve item for ${raw}`, true);
  return pk;
}

function resolvePattern(
  context: ValueContext,
  type: ComposedType,
  pattern: ColumnDescriptor[],
  values: string[],
  cursor: { index: number },
): number | null {
  const conditions: Condition[] = [];
  let missing = false;
  for (const part of pattern) {
    const attribute = type.attributes.get(part.qualifier.toLowerCase());
    if (!attribute) throw new ValueError(`unknown attribute '${part.qualifier}' in pattern for type ${type.name}`);
    if (part.pattern) {
      const target = attribute.targetType ? context.store.types.find(attribute.targetType) : undefined;
      if (!target) throw new ValueError(`attribute '${attribute.qualifier}' of ${type.name} is no reference`);
      const pk = resolvePattern(context, target, part.pattern, values, cursor);
      if (pk === null) missing = true;
      conditions.push({ attribute, value: pk });
      continue;
    }
    const value = values[cursor.index++] ?? '';
    if (attribute.kind === 'ref' || attribute.kind === 'enum') {
      const pk = value === '' ? null : resolveReference(context, attribute, { ...part, pattern: null }, value);
      conditions.push({ attribute, value: pk });
    } else {
      const lang = part.modifiers.get('lang') ?? context.defaultLanguage;
      const languagePk = attribute.localized ? context.languagePk(lang) : undefined;
      conditions.push({
        attribute,
        value: value === '' ? null : convertScalar(attribute, value, part),
        ...(languagePk !== undefined ? { languagePk } : {}),
      });
    }
  }
  if (missing) return null;
  const found = findItems(context, type, conditions);
  if (found.length > 1) throw new ValueError(`ambiguous reference: ${found.length} items of type ${type.name} match`);
  return found[0]?.pk ?? null;
}

/** Splits a collection cell at commas (a value may not contain one unless quoted with `"`). */
export function splitCollection(raw: string, delimiter = ','): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of raw) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  out.push(current.trim());
  return out.filter((v) => v !== '');
}
