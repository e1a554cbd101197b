/**
 * FlexibleSearch → SQL, in the style of SAP's translation: types become `item_tN` table aliases with
 * a `TypePkString` filter (the type and its subtypes, or just the type with `!`), attributes become
 * their columns, localized attributes are joined from the `…lp` table for the requested language.
 */
import type { AttributeDef, ComposedType, TypeSystem } from '../type-system.js';
import { scan, type Segment, topLevelKeywords } from './scanner.js';

export type TranslationErrorKind = 'unknown-type' | 'unknown-attribute' | 'syntax' | 'language' | 'parameter';

export class TranslationError extends Error {
  override name = 'TranslationError';
  constructor(
    message: string,
    readonly kind: TranslationErrorKind,
  ) {
    super(message);
  }
}

export interface TranslateOptions {
  types: TypeSystem;
  /** PK of a language by ISO code (case-insensitive), undefined when unknown. */
  languagePk(isocode: string): number | undefined;
  /** Session language used for localized attributes without `[lang]`. */
  locale: string;
}

interface TypeRef {
  type: ComposedType;
  exact: boolean;
  alias: string | null;
  tableAlias: string;
  join: { kind: string; on: Segment[] } | null;
}

interface Scope {
  refs: TypeRef[];
  parent: Scope | null;
  /** Localized joins needed: key `tableAlias|langPk` → lp alias. */
  lpJoins: Map<string, { lpAlias: string; ref: TypeRef; languagePk: number }>;
}

const JOIN = /\b((?:LEFT\s+(?:OUTER\s+)?|INNER\s+|RIGHT\s+(?:OUTER\s+)?|CROSS\s+)?JOIN)\b/gi;

class Translator {
  private tableCounter = 0;
  private lpCounter = 0;

  constructor(private readonly options: TranslateOptions) {}

  /**
   * A query, or each SELECT of a compound one (`… UNION [ALL] …`, `INTERSECT`, `EXCEPT`) on its own:
   * every SELECT has its own types, aliases and type filter.
   */
  translate(query: string, parent: Scope | null): string {
    const blank = this.stripNested(query);
    const starts = topLevelKeywords(blank)
      .filter((k) => k.keyword === 'UNION' || k.keyword === 'INTERSECT' || k.keyword === 'EXCEPT')
      .map((k) => k.index);
    if (starts.length === 0) return this.translateSelect(query, parent);
    return [0, ...starts]
      .map((start, i) => {
        const part = query.slice(start, starts[i] ?? query.length);
        const operator = i === 0 ? '' : (/^(?:UNION\s+ALL|UNION|INTERSECT|EXCEPT)\b\s*/i.exec(part)?.[0] ?? '');
        const select = this.translateSelect(part.slice(operator.length), parent);
        // The type filter may end a SELECT where its trailing space was: keep the operator apart.
        return operator + select + (i < starts.length && !/\s$/.test(select) ? ' ' : '');
      })
      .join('');
  }

  private translateSelect(query: string, parent: Scope | null): string {
    const segments = scan(query);
    const scope: Scope = { refs: [], parent, lpJoins: new Map() };
    const fromRefs = new Map<number, TypeRef[]>();
    segments.forEach((segment, index) => {
      if (segment.kind !== 'brace') return;
      const before = segments[index - 1];
      const afterFrom = before?.kind === 'text' && /\bFROM\s*$/i.test(before.text);
      const afterComma = before?.kind === 'text' && /^\s*,\s*$/.test(before.text) && fromRefs.has(index - 2);
      if (afterFrom || afterComma) {
        const refs = this.parseFrom(segment.text);
        fromRefs.set(index, refs);
        for (const ref of refs) scope.refs.push(ref);
      }
    });
    // Attribute references are translated before the FROM clauses are rendered: they decide the lp joins.
    const parts = segments.map((segment, index) => (fromRefs.has(index) ? null : this.render(segment, scope)));
    const joinOn = new Map(scope.refs.map((ref) => [ref, ref.join ? ref.join.on.map((s) => this.render(s, scope)).join('') : '']));
    const sql = segments
      .map((_, index) => parts[index] ?? this.renderFrom(fromRefs.get(index) ?? [], joinOn, scope))
      .join('');
    const mainRefs = [...fromRefs.values()].map((refs) => refs[0]).filter((ref): ref is TypeRef => ref !== undefined);
    return this.injectTypeFilter(sql, mainRefs.map((ref) => this.typeFilter(ref)));
  }

  /** The text with nested `{…}` groups and strings blanked, so keywords inside them are not seen. */
  private stripNested(text: string): string {
    return scan(text)
      .map((s) => {
        if (s.kind === 'text') return s.text.replace(/'(?:[^']|'')*'/g, (m) => ' '.repeat(m.length));
        return ' '.repeat(s.text.length + (s.kind === 'subquery' ? 4 : 2));
      })
      .join('');
  }

  private parseFrom(text: string): TypeRef[] {
    const blank = this.stripNested(text);
    const matches = [...blank.matchAll(JOIN)];
    const pieces: { join: string | null; text: string }[] = [];
    let start = 0;
    let join: string | null = null;
    for (const match of matches) {
      pieces.push({ join, text: text.slice(start, match.index) });
      join = (match[1] ?? 'JOIN').toUpperCase().replace(/\s+/g, ' ');
      start = (match.index ?? 0) + (match[0]?.length ?? 0);
    }
    pieces.push({ join, text: text.slice(start) });
    return pieces.map((piece) => {
      let head = piece.text;
      let on: Segment[] = [];
      if (piece.join) {
        const onMatch = /\bON\b/i.exec(this.stripNested(piece.text));
        if (!onMatch && piece.join !== 'CROSS JOIN') throw new TranslationError(`missing ON condition in join '${piece.text.trim()}'`, 'syntax');
        if (onMatch) {
          head = piece.text.slice(0, onMatch.index);
          on = scan(piece.text.slice(onMatch.index + 2));
        }
      }
      const spec = /^\s*(\w+)\s*([!*])?\s*(?:(?:AS\s+)?(\w+))?\s*$/i.exec(head);
      if (!spec) throw new TranslationError(`invalid type clause '${head.trim()}'`, 'syntax');
      const type = this.options.types.find(spec[1] ?? '');
      if (!type) throw new TranslationError(`type code '${spec[1] ?? ''}' invalid`, 'unknown-type');
      if (type.abstract && spec[2] === '!') {
        throw new TranslationError(`cannot search on abstract type '${type.name}' with no-subtypes option ('!')`, 'syntax');
      }
      return {
        type,
        exact: spec[2] === '!',
        alias: spec[3]?.toLowerCase() ?? null,
        tableAlias: `item_t${this.tableCounter++}`,
        join: piece.join ? { kind: piece.join, on } : null,
      };
    });
  }

  private render(segment: Segment, scope: Scope): string {
    // As on SAP, `{{ … }}` becomes the bare subquery: the query supplies the parentheses.
    if (segment.kind === 'subquery') return this.translate(segment.text, scope);
    if (segment.kind === 'brace') return this.attribute(segment.text, scope);
    const parameter = /(^|[^\w'])\?(\w+)/.exec(segment.text);
    if (parameter) throw new TranslationError(`value for parameter '${parameter[2] ?? ''}' is missing (HAC runs queries without parameters)`, 'parameter');
    return segment.text;
  }

  private attribute(text: string, scope: Scope): string {
    // SAP accepts both `{p.code}` and `{p:code}`; a trailing `:o` is the outer-join modifier.
    const match = /^\s*(?:(\w+)\s*([.:])\s*)?(\w+)\s*(?:\[\s*([\w-]+)\s*\])?\s*(?::\s*o)?\s*$/i.exec(text);
    if (!match) throw new TranslationError(`invalid attribute reference '{${text}}'`, 'syntax');
    const [separator, lang] = [match[2], match[4]];
    let alias = match[1];
    let qualifier = match[3] ?? '';
    // `{code:o}` reads like alias `code`, attribute `o`: it is the modifier unless `code` names a type in scope.
    if (separator === ':' && qualifier.toLowerCase() === 'o' && lang === undefined && alias !== undefined && !this.isAlias(alias.toLowerCase(), scope)) {
      qualifier = alias;
      alias = undefined;
    }
    const ref = this.resolveRef(alias?.toLowerCase() ?? null, qualifier, scope, text);
    const attribute = ref.type.attributes.get(qualifier.toLowerCase());
    if (!attribute) {
      throw new TranslationError(
        `cannot search unknown field 'TableField(name='${qualifier}',langPK='${lang ?? 'null'}',type=${ref.type.name})' within type ${ref.type.name} unless you disable checking`,
        'unknown-attribute',
      );
    }
    if (attribute.kind === 'relation') {
      throw new TranslationError(`cannot search relation attribute '${qualifier}' of type ${ref.type.name}; join its relation type ${attribute.relation?.relationType ?? ''} instead`, 'unknown-attribute');
    }
    if (!attribute.localized) return `${ref.tableAlias}.${attribute.column}`;
    return this.localized(ref, attribute, lang ?? this.options.locale, scope);
  }

  private localized(ref: TypeRef, attribute: AttributeDef, lang: string, scope: Scope): string {
    const languagePk = this.options.languagePk(lang);
    if (languagePk === undefined) throw new TranslationError(`unknown language '${lang}'`, 'language');
    if (!ref.type.lpTable && this.tablesOf(ref).length !== 1) {
      throw new TranslationError(`localized attribute '${attribute.qualifier}' of ${ref.type.name} spans several tables`, 'unknown-attribute');
    }
    // The lp join belongs to the scope that declared the type (correlated subqueries may reference outer types).
    let owner: Scope = scope;
    for (let s: Scope | null = scope; s; s = s.parent) if (s.refs.includes(ref)) owner = s;
    const key = `${ref.tableAlias}|${languagePk}`;
    let join = owner.lpJoins.get(key);
    if (!join) {
      join = { lpAlias: `lp_t${this.lpCounter++}`, ref, languagePk };
      owner.lpJoins.set(key, join);
    }
    return `${join.lpAlias}.${attribute.column}`;
  }

  private isAlias(alias: string, scope: Scope): boolean {
    for (let s: Scope | null = scope; s; s = s.parent) {
      if (s.refs.some((r) => r.alias === alias || (r.alias === null && r.type.name.toLowerCase() === alias))) return true;
    }
    return false;
  }

  private resolveRef(alias: string | null, qualifier: string, scope: Scope, text: string): TypeRef {
    for (let s: Scope | null = scope; s; s = s.parent) {
      if (alias !== null) {
        // An unaliased type can be addressed by its name: {Product.code}.
        const ref = s.refs.find((r) => r.alias === alias) ?? s.refs.find((r) => r.alias === null && r.type.name.toLowerCase() === alias);
        if (ref) return ref;
        continue;
      }
      if (s.refs.length === 1 && s.refs[0]) return s.refs[0];
      const ref = s.refs.find((r) => r.type.attributes.has(qualifier.toLowerCase()));
      if (ref) return ref;
    }
    if (alias !== null) throw new TranslationError(`unknown alias '${alias}' in '{${text}}'`, 'syntax');
    const first = scope.refs[0];
    if (!first) throw new TranslationError(`cannot resolve '{${text}}': the query has no FROM {Type} clause`, 'syntax');
    return first;
  }

  private tablesOf(ref: TypeRef): string[] {
    return [...new Set(this.options.types.family(ref.type, ref.exact).map((t) => t.table).filter((t): t is string => t !== null))];
  }

  private tableExpression(ref: TypeRef): string {
    const tables = this.tablesOf(ref);
    if (tables.length === 0) throw new TranslationError(`type ${ref.type.name} has no deployment table`, 'unknown-type');
    if (tables.length === 1) return `${tables[0]} ${ref.tableAlias}`;
    // An abstract type stored in several tables (Principal → users, usergroups): union of its columns.
    const columns = [...ref.type.attributes.values()].filter((a) => !a.localized && a.kind !== 'relation').map((a) => a.column);
    const union = tables.map((t) => `SELECT ${columns.join(', ')} FROM ${t}`).join(' UNION ALL ');
    return `(${union}) ${ref.tableAlias}`;
  }

  private typeFilter(ref: TypeRef): string {
    const pks = this.options.types.family(ref.type, ref.exact).map((t) => t.pk);
    return pks.length === 1 ? `${ref.tableAlias}.TypePkString=${pks[0]}` : `${ref.tableAlias}.TypePkString IN (${pks.join(',')})`;
  }

  /** Types and joins in order; each type's localized joins follow it, so later ON conditions may use them. */
  private renderFrom(refs: TypeRef[], joinOn: Map<TypeRef, string>, scope: Scope): string {
    let sql = '';
    for (const ref of refs) {
      if (ref.join) {
        const on = (joinOn.get(ref) ?? '').trim();
        sql += ` ${ref.join.kind} ${this.tableExpression(ref)}${on ? ` ON (${on}) AND ${this.typeFilter(ref)}` : ''}`;
      } else {
        sql += this.tableExpression(ref);
      }
      for (const join of scope.lpJoins.values()) {
        if (join.ref !== ref) continue;
        const lpTable = ref.type.lpTable ?? `${this.tablesOf(ref)[0] ?? ''}lp`;
        sql += ` LEFT JOIN ${lpTable} ${join.lpAlias} ON ${join.lpAlias}.ITEMPK = ${ref.tableAlias}.PK AND ${join.lpAlias}.LANGPK = ${join.languagePk}`;
      }
    }
    return sql;
  }

  private injectTypeFilter(sql: string, filters: string[]): string {
    if (filters.length === 0) return sql;
    const condition = filters.join(' AND ');
    const keywords = topLevelKeywords(sql);
    const where = keywords.find((k) => k.keyword === 'WHERE');
    if (where) {
      const end = keywords.find((k) => k.index > where.index && k.keyword !== 'WHERE')?.index ?? sql.length;
      const body = sql.slice(where.index + 5, end);
      const trailing = /\s*$/.exec(body)?.[0] ?? '';
      return `${sql.slice(0, where.index)}WHERE (${body.trim()}) AND (${condition})${trailing || (end < sql.length ? ' ' : '')}${sql.slice(end)}`;
    }
    const end = keywords[0]?.index ?? sql.length;
    const head = sql.slice(0, end).trimEnd();
    return `${head} WHERE ${condition}${end < sql.length ? ' ' : ''}${sql.slice(end)}`;
  }
}

/** Translates one FlexibleSearch query to SQL for the emulator's database. */
export function translateFlexibleSearch(query: string, options: TranslateOptions): string {
  return new Translator(options).translate(query, null);
}
