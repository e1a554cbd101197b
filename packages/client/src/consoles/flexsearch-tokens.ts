/**
 * A tokenizer for FlexibleSearch text: SQL words, numbers, strings and comments, plus FlexibleSearch's
 * `{…}` (types and attributes) and `{{…}}` (subqueries), grouped into a tree of brackets. Pure: it
 * never changes the text, every token keeps its offsets, so a caller can cut and splice the query.
 *
 * The lexical rules follow FlexibleSearch's grammar as the IntelliJ plugin's lexer spells it
 * (epam/sap-commerce-intellij-idea-plugin `modules/flexibleSearch/core/src/…/flexibleSearch.flex`):
 * `'…'` strings with `''` inside, `"…"` and backtick quoting, `--` and `/* … *\/` comments, `?name`
 * parameters, and `}}` read as one `}` while a `{` group is open (`{A JOIN B ON {a.x} = {b.pk}}`).
 */

export type TokenKind =
  | 'word' // identifiers and keywords: SELECT, pk, p
  | 'number'
  | 'string' // '…'
  | 'quoted' // "…" or `…` (identifiers in SQL, strings in MySQL)
  | 'parameter' // ?name
  | 'comment'
  | 'space'
  | 'comma'
  | 'symbol' // operators and punctuation: = . : * ! [ ] ;
  | 'open' // ( { {{
  | 'close'; // ) } }}

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the first character in the query. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** The text is not well-formed: an unterminated string or comment, or brackets that do not match. */
export class FlexibleSearchSyntaxError extends Error {
  override name = 'FlexibleSearchSyntaxError';
}

const WORD_START = /[\p{L}_$]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;
const DIGIT = /[0-9]/;

/** `text` cut into tokens; whitespace and comments are tokens too, so the tokens cover every character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number): void => {
    tokens.push({ kind, text: text.slice(i, end), start: i, end });
    i = end;
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (/\s/.test(c)) push('space', scanWhile(text, i, (ch) => /\s/.test(ch)));
    else if (c === '-' && next === '-') push('comment', lineEnd(text, i));
    else if (c === '/' && next === '*') push('comment', blockCommentEnd(text, i));
    else if (c === "'" || c === '"' || c === '`') push(c === "'" ? 'string' : 'quoted', quotedEnd(text, i, c));
    else if (c === '{' && next === '{') push('open', i + 2);
    else if (c === '{' || c === '(') push('open', i + 1);
    else if (c === ')') push('close', i + 1);
    // One `}` each: whether `}}` closes a subquery depends on what is open (see `bracketTree`).
    else if (c === '}') push('close', i + 1);
    else if (c === ',') push('comma', i + 1);
    else if (c === '?' && WORD_PART.test(next)) push('parameter', scanWhile(text, i + 1, (ch) => WORD_PART.test(ch) || ch === '.'));
    else if (DIGIT.test(c) || (c === '.' && DIGIT.test(next))) push('number', numberEnd(text, i));
    else if (WORD_START.test(c)) push('word', scanWhile(text, i, (ch) => WORD_PART.test(ch)));
    else push('symbol', i + 1);
  }
  return tokens;
}

function scanWhile(text: string, from: number, test: (ch: string) => boolean): number {
  let i = from;
  while (i < text.length && test(text[i] ?? '')) i++;
  return i;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

function blockCommentEnd(text: string, from: number): number {
  const close = text.indexOf('*/', from + 2);
  if (close < 0) throw new FlexibleSearchSyntaxError(`the comment starting at position ${from + 1} is never closed (*/)`);
  return close + 2;
}

/** End of a quoted token; a doubled quote character stands for itself (`'it''s'`). */
function quotedEnd(text: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  const what = quote === "'" ? 'string' : `${quote}-quoted name`;
  throw new FlexibleSearchSyntaxError(`the ${what} starting at position ${from + 1} is never closed (${quote})`);
}

function numberEnd(text: string, from: number): number {
  if (text[from] === '0' && /[xX]/.test(text[from + 1] ?? '')) return scanWhile(text, from + 2, (ch) => /[0-9a-fA-F]/.test(ch));
  let i = scanWhile(text, from, (ch) => DIGIT.test(ch) || ch === '.');
  if (/[eE]/.test(text[i] ?? '') && /[-+0-9]/.test(text[i + 1] ?? '')) i = scanWhile(text, i + 2, (ch) => DIGIT.test(ch));
  return i;
}

/** A bracket group: `(…)`, `{…}` or `{{…}}`, with what it holds. */
export interface Group {
  kind: 'paren' | 'brace' | 'subquery';
  open: Token;
  close: Token;
  /** The tokens and groups directly inside, without whitespace and comments. */
  items: Item[];
}

/** What a level of the query holds: a token (never whitespace or a comment) or a bracket group. */
export type Item = Token | Group;

export function isGroup(item: Item | undefined): item is Group {
  return item !== undefined && 'items' in item;
}

/** Start offset of an item in the query. */
export function startOf(item: Item): number {
  return isGroup(item) ? item.open.start : item.start;
}

/** End offset (exclusive) of an item in the query. */
export function endOf(item: Item): number {
  return isGroup(item) ? item.close.end : item.end;
}

const CLOSER = { paren: ')', brace: '}', subquery: '}}' } as const;

/**
 * The query's top level as items, brackets nested into groups. Two adjacent `}` close a `{{`
 * subquery when one is the innermost open group; while a single `{` is, the first `}` closes it.
 */
export function bracketTree(text: string): Item[] {
  const top: Item[] = [];
  const stack: { group: Omit<Group, 'close'>; items: Item[] }[] = [];
  const current = (): Item[] => stack.at(-1)?.items ?? top;
  const closeWith = (close: Token): void => {
    const open = stack.pop();
    if (!open) throw new FlexibleSearchSyntaxError(`'${close.text}' at position ${close.start + 1} closes nothing`);
    if (CLOSER[open.group.kind] !== close.text) {
      throw new FlexibleSearchSyntaxError(
        `'${open.group.open.text}' at position ${open.group.open.start + 1} is closed by '${close.text}' at position ${close.start + 1}`,
      );
    }
    current().push({ ...open.group, close, items: open.items });
  };
  const tokens = tokenize(text);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token;
    if (token.kind === 'space' || token.kind === 'comment') continue;
    if (token.kind === 'open') {
      const kind = token.text === '(' ? 'paren' : token.text === '{' ? 'brace' : 'subquery';
      stack.push({ group: { kind, open: token, items: [] }, items: [] });
    } else if (token.kind === 'close') {
      const following = tokens[t + 1];
      if (token.text === '}' && stack.at(-1)?.group.kind === 'subquery' && following?.text === '}' && following.start === token.end) {
        closeWith({ ...token, text: '}}', end: following.end });
        t++;
      } else {
        closeWith(token);
      }
    } else {
      current().push(token);
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) {
    const { open } = unclosed.group;
    throw new FlexibleSearchSyntaxError(`'${open.text}' at position ${open.start + 1} is never closed (${CLOSER[unclosed.group.kind]})`);
  }
  return top;
}
