/**
 * The target's type system, read through FlexibleSearch as on any SAP Commerce: composed types from
 * `{ComposedType}` (code, supertype), attributes from `{AttributeDescriptor}` (qualifier, attribute
 * type, modifiers, unique). Columns are read by position: their labels depend on the database.
 * Composed types are read once per target and kept; a type's attributes once per type.
 */
import type { FlexibleSearchResult, HacClient } from 'hac-client';
import { editDistance } from '../config/unknown-keys.js';

export interface TypeInfo {
  pk: string;
  code: string;
  superPk: string | null;
}

export interface AttributeInfo {
  qualifier: string;
  /** Code of the attribute's type: `java.lang.String`, `Product`, `localized:java.lang.String`… */
  type: string;
  mandatory: boolean;
  unique: boolean;
  localized: boolean;
  /** Declared on a supertype. */
  inherited: boolean;
}

// SAP's AttributeDescriptor modifier bits (OPTIONAL_FLAG, LOCALIZED_FLAG, INHERITED_FLAG).
const OPTIONAL = 8;
const LOCALIZED = 512;
const INHERITED = 1024;

/** A query the catalog needs failed: the message is HAC's root cause. */
export class TypeCatalogError extends Error {
  override name = 'TypeCatalogError';
}

async function rows(client: HacClient, query: string, signal: AbortSignal): Promise<FlexibleSearchResult['rows']> {
  const result = await client.executeFlexibleSearch(query, { maxCount: -1, signal });
  if (!result.success) throw new TypeCatalogError(`reading the type system failed: ${result.exception ?? 'unknown error'} (query: ${query})`);
  return result.rows;
}

export class TypeCatalog {
  readonly #client: HacClient;
  #types: Promise<Map<string, TypeInfo>> | undefined;
  readonly #attributes = new Map<string, Promise<AttributeInfo[]>>();

  constructor(client: HacClient) {
    this.#client = client;
  }

  /** Every composed type by lower-case code. */
  types(signal: AbortSignal): Promise<Map<string, TypeInfo>> {
    this.#types ??= rows(this.#client, 'SELECT {pk}, {code}, {superType} FROM {ComposedType}', signal).then(
      (found) => new Map(found.map(([pk, code, superPk]) => [(code ?? '').toLowerCase(), { pk: pk ?? '', code: code ?? '', superPk: superPk ?? null }])),
    );
    this.#types.catch(() => (this.#types = undefined));
    return this.#types;
  }

  async find(code: string, signal: AbortSignal): Promise<TypeInfo | undefined> {
    return (await this.types(signal)).get(code.toLowerCase());
  }

  /** The type and its supertypes, nearest first. */
  async supertypes(type: TypeInfo, signal: AbortSignal): Promise<string[]> {
    const byPk = new Map([...(await this.types(signal)).values()].map((t) => [t.pk, t]));
    const chain: string[] = [];
    for (let t = type.superPk ? byPk.get(type.superPk) : undefined; t && chain.length < 100; t = t.superPk ? byPk.get(t.superPk) : undefined) chain.push(t.code);
    return chain;
  }

  async subtypes(type: TypeInfo, signal: AbortSignal): Promise<string[]> {
    return [...(await this.types(signal)).values()].filter((t) => t.superPk === type.pk).map((t) => t.code).sort();
  }

  attributes(type: TypeInfo, signal: AbortSignal): Promise<AttributeInfo[]> {
    let found = this.#attributes.get(type.pk);
    if (!found) {
      found = this.#readAttributes(type, signal);
      found.catch(() => this.#attributes.delete(type.pk));
      this.#attributes.set(type.pk, found);
    }
    return found;
  }

  async #readAttributes(type: TypeInfo, signal: AbortSignal): Promise<AttributeInfo[]> {
    if (!/^\d+$/.test(type.pk)) throw new TypeCatalogError(`unexpected PK ${type.pk} for type ${type.code}`);
    const found = await rows(
      this.#client,
      `SELECT {qualifier}, {attributeType}, {modifiers}, {unique} FROM {AttributeDescriptor} WHERE {enclosingType} = ${type.pk}`,
      signal,
    );
    const typePks = [...new Set(found.map((row) => row[1]).filter((pk): pk is string => typeof pk === 'string' && /^\d+$/.test(pk)))];
    const composed = new Map([...(await this.types(signal)).values()].map((t) => [t.pk, t.code]));
    const other = typePks.filter((pk) => !composed.has(pk));
    const names = new Map(composed);
    if (other.length > 0) {
      for (const [pk, code] of await rows(this.#client, `SELECT {pk}, {code} FROM {Type} WHERE {pk} IN (${other.join(', ')})`, signal)) {
        if (typeof pk === 'string' && typeof code === 'string') names.set(pk, code);
      }
    }
    return found
      .map(([qualifier, typePk, modifiers, unique]) => {
        const bits = Number(modifiers ?? 0);
        return {
          qualifier: qualifier ?? '',
          type: (typeof typePk === 'string' ? names.get(typePk) : undefined) ?? '?',
          mandatory: (bits & OPTIONAL) === 0,
          unique: unique === '1' || unique === 'true',
          localized: (bits & LOCALIZED) !== 0,
          inherited: (bits & INHERITED) !== 0,
        };
      })
      .sort((a, b) => Number(a.inherited) - Number(b.inherited) || a.qualifier.localeCompare(b.qualifier));
  }
}

/** Up to `limit` of `candidates` closest to `name`: case-insensitive edit distance, substrings first. */
export function closestNames(name: string, candidates: Iterable<string>, limit = 5): string[] {
  const wanted = name.toLowerCase();
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(wanted, lower);
    const contains = lower.includes(wanted) || (wanted.length >= 3 && wanted.includes(lower));
    const score = contains ? Math.min(distance, 1) : distance;
    if (score <= Math.max(2, Math.floor(wanted.length / 3))) scored.push({ candidate, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.candidate.length - b.candidate.length || a.candidate.localeCompare(b.candidate)).slice(0, limit).map((s) => s.candidate);
}

export interface NameSuggestions {
  /** The unknown type or attribute HAC named. */
  unknown: string;
  /** For an unknown attribute: the type it was searched on. */
  ofType?: string;
  closest: string[];
}

/**
 * For a failed FlexibleSearch: the closest type or attribute names to the one HAC's root cause says is
 * unknown (`type code 'Prodcut' invalid`; `cannot search unknown field 'TableField(name='nme',…)'
 * within type Product`). `null` when the error is of another kind.
 */
export async function suggestNames(exception: string, catalog: TypeCatalog, signal: AbortSignal): Promise<NameSuggestions | null> {
  const typeCode = /type code '([^']+)' invalid/i.exec(exception);
  if (typeCode?.[1]) {
    const types = await catalog.types(signal);
    return { unknown: typeCode[1], closest: closestNames(typeCode[1], [...types.values()].map((t) => t.code)) };
  }
  const field = /unknown field 'TableField\(name='([^']+)'[^)]*\)' within type (\w+)/i.exec(exception);
  if (field?.[1] && field[2]) {
    const type = await catalog.find(field[2], signal);
    if (!type) return { unknown: field[1], ofType: field[2], closest: [] };
    const attributes = await catalog.attributes(type, signal);
    return { unknown: field[1], ofType: type.code, closest: closestNames(field[1], attributes.map((a) => a.qualifier)) };
  }
  return null;
}
