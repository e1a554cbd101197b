/**
 * Keyset paging of a FlexibleSearch query: the checks that decide whether a query can be paged by PK,
 * and the statements that fetch one page. Pure: no request is made here.
 *
 * A page is the user's query as a `{{ }}` subquery in `FROM` (the form FlexibleSearch documents for
 * `UNION`s: `SELECT x.a FROM ({{ … }}) x`), with the PK of its first type added as a last column,
 * and only the rows above the last PK seen, in PK order:
 *
 *   SELECT hac_page.* FROM ({{ SELECT {code}, {pk} AS hac_page_pk FROM {Product} }}) hac_page
 *   WHERE hac_page.hac_page_pk > 8796093054977 ORDER BY hac_page.hac_page_pk
 *
 * HAC's console takes no query parameters (its form has none; the IntelliJ plugin writes parameter
 * values into the text before sending), so the PK is written into the statement, as a number
 * checked to be one.
 */
import { HacQueryNotPageableError } from '../errors.js';
import { bracketTree, endOf, FlexibleSearchSyntaxError, isGroup, startOf, type Item, type Token } from './flexsearch-tokens.js';

/** The helper column holding each row's PK; dropped from the rows handed out. */
export const PAGE_KEY_COLUMN = 'hac_page_pk';
const DERIVED_TABLE = 'hac_page';

export interface PagedQuery {
  /** The user's query with the helper column added and its ORDER BY (by PK) removed. */
  inner: string;
  /** The PK paged on, as FlexibleSearch: `{pk}` or `{p.pk}`. */
  key: string;
  /** Whether the query joins types, so that one PK may come in several rows. */
  joined: boolean;
}

const AGGREGATES = new Set([
  'COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'GROUP_CONCAT', 'STRING_AGG', 'LISTAGG', 'ARRAY_AGG', 'STDDEV', 'STDDEV_POP',
  'STDDEV_SAMP', 'VARIANCE', 'VAR_POP', 'VAR_SAMP', 'EVERY', 'BOOL_AND', 'BOOL_OR', 'BIT_AND', 'BIT_OR', 'MEDIAN',
]);
const COMBINERS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS']);
const LIMITERS = new Set(['LIMIT', 'OFFSET', 'FETCH', 'TOP', 'ROWNUM']);
/** Words that end the FROM clause at the top level. */
const CLAUSES = new Set(['WHERE', 'GROUP', 'HAVING', 'ORDER', 'WINDOW', 'FOR', ...COMBINERS, ...LIMITERS]);
/** Words that are no column alias when they end a column. */
const NOT_ALIASES = new Set(['END', 'NULL', 'TRUE', 'FALSE', 'AND', 'OR', 'NOT', 'IS', 'IN', 'LIKE', 'ESCAPE', 'ELSE', 'THEN']);
const JOIN_WORDS = new Set(['JOIN', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'OUTER', 'CROSS', 'ON', 'NATURAL']);

const word = (item: Item | undefined): string | undefined => (item !== undefined && !isGroup(item) && item.kind === 'word' ? item.text.toUpperCase() : undefined);
const isSymbol = (item: Item | undefined, text: string): boolean => item !== undefined && !isGroup(item) && item.kind === 'symbol' && item.text === text;

function refuse(reason: string, suggestion: string): never {
  throw new HacQueryNotPageableError(reason, suggestion);
}

/**
 * Whether `query` can be paged by PK, and how: throws `HacQueryNotPageableError` saying why not and
 * how to rewrite it. `query` is trimmed and without trailing semicolons.
 */
export function planPagedQuery(query: string): PagedQuery {
  let top: Item[];
  try {
    top = bracketTree(query);
  } catch (error) {
    if (!(error instanceof FlexibleSearchSyntaxError)) throw error;
    return refuse(error.message, 'fix the query first');
  }
  if (word(top[0]) !== 'SELECT') refuse('it is not a SELECT', 'page a query of the form SELECT … FROM {Type} …');
  rejectTopLevelShapes(top);
  const fromIndex = top.findIndex((item) => word(item) === 'FROM');
  if (fromIndex < 0) refuse('it has no FROM', 'page a query of the form SELECT … FROM {Type} …');

  let selectStart = 1;
  const distinct = word(top[1]) === 'DISTINCT';
  if (distinct || word(top[1]) === 'ALL') selectStart = 2;
  const columns = splitColumns(top.slice(selectStart, fromIndex));

  const clauseIndex = top.findIndex((item, index) => index > fromIndex && CLAUSES.has(word(item) ?? ''));
  const fromItems = top.slice(fromIndex + 1, clauseIndex < 0 ? top.length : clauseIndex);
  const { key, joined } = keyOf(fromItems);

  for (const column of columns) checkColumn(column, joined);
  checkColumnNames(columns);
  if (distinct && !columns.some((column) => sameExpression(column.expression, key) || (column.star && !joined))) {
    refuse(
      `it selects DISTINCT rows without the PK it is paged on (${key}), and adding it would change which rows are distinct`,
      `select ${key} as well, or run it without paging`,
    );
  }

  // An ORDER BY by the PK is what paging does anyway; it goes, as ORDER BY has no meaning inside a subquery.
  const order = orderClause(top, query, key);
  // Right after the last column: before a comment that may follow it on its line.
  const insertAt = endOf(top[fromIndex - 1] as Item);
  const rest = order ? query.slice(insertAt, order.start) + query.slice(order.end) : query.slice(insertAt);
  return { inner: `${query.slice(0, insertAt)}, ${key} AS ${PAGE_KEY_COLUMN}${rest}`, key, joined };
}

/** The statement of the page after `afterPk` (the first page with `null`). */
export function pageStatement(plan: PagedQuery, afterPk: string | null): string {
  const where = afterPk === null ? '' : ` WHERE ${DERIVED_TABLE}.${PAGE_KEY_COLUMN} > ${checkedPk(afterPk)}`;
  return `${derived(plan)}${where} ORDER BY ${DERIVED_TABLE}.${PAGE_KEY_COLUMN}`;
}

/** The statement of every row of one PK (a joined item's rows that did not fit a page). */
export function keyStatement(plan: PagedQuery, pk: string): string {
  return `${derived(plan)} WHERE ${DERIVED_TABLE}.${PAGE_KEY_COLUMN} = ${checkedPk(pk)}`;
}

// The line break ends a `--` comment the query may end with, before the `}}`.
const derived = (plan: PagedQuery): string => `SELECT ${DERIVED_TABLE}.* FROM ({{ ${plan.inner}\n}}) ${DERIVED_TABLE}`;

const PK_PATTERN = /^(?:0|[1-9][0-9]{0,18})$/;
/** 2^63-1: numbers of as many digits compare as text (no BigInt per row of a page). */
const MAX_PK = '9223372036854775807';

/** Whether `text` is a PK as HAC prints it: a whole number from 0 to 2^63-1, no sign, no leading zero. */
export function isPk(text: string): boolean {
  return PK_PATTERN.test(text) && (text.length < MAX_PK.length || text <= MAX_PK);
}

/** The PK written into a statement: checked here, so nothing but digits can ever reach the query. */
function checkedPk(pk: string): string {
  if (!isPk(pk)) throw new TypeError(`not a PK: ${JSON.stringify(pk)}`);
  return pk;
}

/** Orders PKs as numbers (they exceed 2^53, so not as JavaScript numbers). */
export function comparePks(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

function rejectTopLevelShapes(top: Item[]): void {
  for (const item of top) {
    const w = word(item);
    if (w !== undefined && COMBINERS.has(w)) {
      refuse(`it combines queries with ${w} at the top level`, 'page each SELECT on its own');
    }
    if (w === 'GROUP' || w === 'HAVING') {
      refuse(`it groups rows (${w === 'GROUP' ? 'GROUP BY' : 'HAVING'}), and groups have no PK to page on`, 'run it without paging: it returns one row per group');
    }
    if (w !== undefined && LIMITERS.has(w)) {
      refuse(`it limits its rows itself (${w})`, 'paging fetches every row: leave it out, or run the query without paging with a row limit');
    }
    if (!isGroup(item) && item.kind === 'symbol' && item.text === ';') {
      refuse('it holds more than one statement', 'page one SELECT');
    }
    if (!isGroup(item) && item.kind === 'parameter') {
      refuse(`it has a parameter (${item.text}), and HAC's console takes no parameter values`, 'write the value into the query');
    }
  }
}

/** The PK to page on: the first type's in FROM, and whether other types are joined to it. */
function keyOf(fromItems: Item[]): { key: string; joined: boolean } {
  const first = fromItems[0];
  if (!isGroup(first) || first.kind !== 'brace') {
    const subquery = isGroup(first) && first.kind === 'paren' && first.items.some((item) => isGroup(item) && item.kind === 'subquery');
    if (subquery) {
      refuse('it reads FROM a subquery, which has no PK paging can add', 'select FROM a type ({Type AS t}) and move the subquery into WHERE');
    }
    refuse('FROM does not start with a type ({Type})', 'select FROM a type: SELECT … FROM {Product AS p} …');
  }
  const inside = first.items;
  const typeName = word(inside[0]);
  if (typeName === undefined) refuse('FROM does not start with a type ({Type})', 'select FROM a type: SELECT … FROM {Product AS p} …');
  let next = 1;
  if (['!', '*', '^'].some((mark) => isSymbol(inside[next], mark))) next++;
  let alias: string | undefined;
  if (word(inside[next]) === 'AS') alias = (inside[next + 1] as Token | undefined)?.text;
  else if (word(inside[next]) !== undefined && !JOIN_WORDS.has(word(inside[next]) ?? '')) alias = (inside[next] as Token).text;

  const joinWords = inside.map(word).filter((w) => w !== undefined && JOIN_WORDS.has(w));
  const otherSource = fromItems.length > 1;
  const joined = joinWords.length > 0 || otherSource;
  const outer = joinWords.find((w) => w === 'RIGHT' || w === 'FULL');
  if (outer || fromItems.some((item) => word(item) === 'RIGHT' || word(item) === 'FULL')) {
    refuse(
      `it has a ${outer ?? 'RIGHT'} JOIN, so rows may come without a PK of the first type`,
      'put the type whose rows you want first and LEFT JOIN the others',
    );
  }
  if (joined && alias === undefined) {
    refuse('it joins types and the first one has no alias to page on', `name it: FROM {${(inside[0] as Token).text} AS t JOIN …}, then paging keys on {t.pk}`);
  }
  return { key: alias === undefined ? '{pk}' : `{${alias}.pk}`, joined };
}

interface Column {
  items: Item[];
  /** The items without the alias. */
  expression: Item[];
  alias: string | undefined;
  star: boolean;
}

function splitColumns(items: Item[]): Column[] {
  const columns: Item[][] = [[]];
  for (const item of items) {
    if (!isGroup(item) && item.kind === 'comma') columns.push([]);
    else columns.at(-1)?.push(item);
  }
  return columns.map((column) => {
    const last = column.at(-1);
    const before = column.at(-2);
    let alias: string | undefined;
    let expression = column;
    if (column.length >= 3 && word(before) === 'AS' && last !== undefined && !isGroup(last)) {
      alias = last.text;
      expression = column.slice(0, -2);
    } else if (column.length >= 2 && last !== undefined && !isGroup(last) && (last.kind === 'word' || last.kind === 'quoted') && !NOT_ALIASES.has(last.text.toUpperCase()) && before !== undefined && (isGroup(before) || (before.kind !== 'symbol' && word(before) === undefined) || word(before) === 'END')) {
      // `{code} c`, `UPPER({code}) c`, `CASE … END c`: an expression followed by a bare name.
      alias = last.text;
      expression = column.slice(0, -1);
    }
    const star = expression.length === 1 && isSymbol(expression[0], '*');
    return { items: column, expression, alias, star };
  });
}

function checkColumn(column: Column, joined: boolean): void {
  if (column.star && joined) {
    refuse('it selects * over a join, which repeats column names (PK…) that a subquery cannot hold', 'name the columns: SELECT {p.code}, {u.code} AS unit …');
  }
  visit(column.expression, (item, next) => {
    const w = word(item);
    if (w === undefined || !isGroup(next) || next.kind !== 'paren') return;
    if (AGGREGATES.has(w)) {
      refuse(`it aggregates rows (${(item as Token).text}(…)), and an aggregate has no PK to page on`, 'run it without paging: it returns one row');
    }
    if (w === 'OVER') refuse('it computes values over the whole result (OVER …), which would differ page by page', 'run it without paging');
  });
}

/** Calls `check` for every item and the one after it, inside parentheses and braces too, but not inside `{{ }}` subqueries (their aggregates are theirs). */
function visit(items: Item[], check: (item: Item, next: Item | undefined) => void): void {
  items.forEach((item, index) => {
    check(item, items[index + 1]);
    if (isGroup(item) && item.kind !== 'subquery') visit(item.items, check);
  });
}

/**
 * Columns that would come out under one name (`{p.code}, {c.code}` are both `p_code`; `{name[en]},
 * {name[de]}` both `p_name`): a subquery's columns need distinct names.
 */
function checkColumnNames(columns: Column[]): void {
  const seen = new Map<string, string>();
  for (const column of columns) {
    const name = column.alias?.toLowerCase() ?? attributeName(column.expression);
    if (name === undefined) continue;
    const text = column.expression.map(textOf).join('');
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      refuse(
        `two columns, ${earlier} and ${text}, would come out under one name, which a subquery cannot hold`,
        `give one an alias: ${text} AS ${name.replace(/[^a-z0-9_]/g, '')}2`,
      );
    }
    seen.set(name, text);
  }
}

/** `code` for `{p.code}`, `{p:code[de]}`, `{code:o}`, `{code}`; undefined for anything but one attribute. */
function attributeName(expression: Item[]): string | undefined {
  const only = expression[0];
  if (expression.length !== 1 || !isGroup(only) || only.kind !== 'brace') return undefined;
  let items = only.items;
  // A language (`[de]`) and the outer-join mark (`:o`) follow the attribute.
  const bracket = items.findIndex((item) => isSymbol(item, '['));
  if (bracket >= 0) items = items.slice(0, bracket);
  if (items.length >= 3 && isSymbol(items.at(-2), ':') && word(items.at(-1)) === 'O') items = items.slice(0, -2);
  return word(items.at(-1))?.toLowerCase();
}

function textOf(item: Item): string {
  return isGroup(item) ? `${item.open.text}${item.items.map(textOf).join('')}${item.close.text}` : item.text;
}

/** Same expression, ignoring spaces, case and `.` versus `:` (`{p:PK}` is `{p.pk}`). */
function sameExpression(expression: Item[], key: string): boolean {
  return expression.map(textOf).join('').replaceAll(':', '.').toLowerCase() === key.toLowerCase();
}

/** The top-level ORDER BY, allowed only by the PK ascending; its range to cut out. */
function orderClause(top: Item[], query: string, key: string): { start: number; end: number } | undefined {
  const index = top.findIndex((item) => word(item) === 'ORDER');
  if (index < 0) return undefined;
  const [term, ...rest] = top.slice(index + 2);
  const byKey = term !== undefined && sameExpression([term], key);
  const ascending = rest.length === 0 || (rest.length === 1 && word(rest[0]) === 'ASC');
  if (!byKey || !ascending) {
    const text = query.slice(startOf(top[index] as Item), endOf(top.at(-1) as Item));
    const what = !byKey ? `by something other than the PK it is paged on (${key})` : word(rest[0]) === 'DESC' ? 'by PK descending' : 'by more than the PK';
    refuse(`it orders rows ${what} (${text}), and pages come in ascending PK order`, 'leave out ORDER BY and sort the output afterwards');
  }
  return { start: startOf(top[index] as Item), end: endOf(top.at(-1) as Item) };
}

