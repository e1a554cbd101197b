/**
 * Splits a FlexibleSearch query into plain SQL text, `{…}` groups (type clauses and attribute
 * references) and `{{…}}` subqueries, ignoring braces inside SQL string literals.
 */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'brace'; text: string }
  | { kind: 'subquery'; text: string };

export class ScanError extends Error {
  override name = 'ScanError';
}

/** Index just past the string literal starting at `start` (a `'`; `''` escapes a quote). */
export function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  throw new ScanError(`unterminated string literal starting at position ${start + 1}`);
}

/** Index of the brace that closes a group whose opening braces end just before `start` (depth given). */
function closeGroup(text: string, start: number, depth: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      i = skipString(text, i);
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  throw new ScanError(`unbalanced braces in '${text}'`);
}

export function scan(query: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (c === "'") {
      const end = skipString(query, i);
      text += query.slice(i, end);
      i = end;
      continue;
    }
    if (c === '}') throw new ScanError(`unexpected '}' at position ${i + 1}`);
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    if (text) segments.push({ kind: 'text', text });
    text = '';
    if (query[i + 1] === '{') {
      const end = closeGroup(query, i + 2, 2);
      // `end` is the second brace of the closing `}}`.
      segments.push({ kind: 'subquery', text: query.slice(i + 2, end - 1) });
      i = end + 1;
    } else {
      const end = closeGroup(query, i + 1, 1);
      segments.push({ kind: 'brace', text: query.slice(i + 1, end) });
      i = end + 1;
    }
  }
  if (text) segments.push({ kind: 'text', text });
  return segments;
}

/**
 * Positions of top-level SQL keywords (outside parentheses and strings) in translated SQL, used to
 * place the type filter into the WHERE clause.
 */
export function topLevelKeywords(sql: string): { keyword: string; index: number }[] {
  const found: { keyword: string; index: number }[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (c === "'") {
      i = skipString(sql, i);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /[A-Za-z]/.test(c) && !/[\w.]/.test(sql[i - 1] ?? ' ')) {
      const word = /^[A-Za-z_]+/.exec(sql.slice(i))?.[0] ?? '';
      const upper = word.toUpperCase();
      if (['WHERE', 'GROUP', 'ORDER', 'HAVING', 'UNION', 'LIMIT', 'EXCEPT', 'INTERSECT'].includes(upper)) {
        found.push({ keyword: upper, index: i });
      }
      i += word.length;
      continue;
    }
    i++;
  }
  return found;
}
