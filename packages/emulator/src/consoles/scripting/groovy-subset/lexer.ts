/**
 * Tokenizer for the Groovy subset. Newlines end statements, except inside `(…)`/`[…]`, after a binary
 * operator or comma, or before a line that starts with `.` (method chaining), as in Groovy.
 */
import { GroovyCompileError } from './errors.js';

export type GStringPart = string | { code: string; line: number; column: number };

export interface Token {
  kind: 'ident' | 'int' | 'decimal' | 'string' | 'gstring' | 'op' | 'newline' | 'eof';
  value: string;
  /** Interpolated parts of a double-quoted string. */
  parts?: GStringPart[];
  line: number;
  column: number;
}

const OPERATORS = ['?.', '?:', '==', '!=', '<=', '>=', '&&', '||', '->', '+=', '-=', '++', '--',
  '+', '-', '*', '/', '%', '=', '<', '>', '!', '(', ')', '[', ']', '{', '}', ',', '.', ';', ':', '?'];
/** After these a newline does not end the statement. */
const CONTINUES = new Set(['+', '-', '*', '/', '%', '=', '==', '!=', '<', '>', '<=', '>=', '&&', '||', ',', '.', '?.', '->', '+=', '-=', '?', ':', '?:', '!']);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '\\': '\\', "'": "'", '"': '"', $: '$' };

export function tokenize(source: string, firstLine = 1, firstColumn = 1): Token[] {
  const tokens: Token[] = [];
  const brackets: string[] = [];
  let pos = 0;
  let line = firstLine;
  let column = firstColumn;

  const advance = (count: number): void => {
    for (let i = 0; i < count; i++) {
      if (source[pos] === '\n') { line++; column = 1; } else { column++; }
      pos++;
    }
  };
  const fail = (message: string, l = line, c = column): never => { throw new GroovyCompileError(message, l, c); };

  while (pos < source.length) {
    const ch = source[pos] as string;
    const startLine = line;
    const startColumn = column;
    if (ch === '\n') {
      const last = tokens.at(-1);
      const inParens = brackets.length > 0 && brackets.at(-1) !== '{';
      const nextLine = /^\n[ \t\r]*(\?\.|\.(?!\.))/.test(source.slice(pos));
      if (!inParens && !nextLine && last && last.kind !== 'newline' && !(last.kind === 'op' && CONTINUES.has(last.value))) {
        tokens.push({ kind: 'newline', value: '\n', line, column });
      }
      advance(1);
    } else if (/\s/.test(ch)) {
      advance(1);
    } else if (source.startsWith('//', pos) || (pos === 0 && source.startsWith('#!'))) {
      while (pos < source.length && source[pos] !== '\n') advance(1);
    } else if (source.startsWith('/*', pos)) {
      const end = source.indexOf('*/', pos + 2);
      if (end < 0) fail('Unexpected input: \'/*\'');
      advance(end + 2 - pos);
    } else if (/[A-Za-z_$]/.test(ch)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(pos)) as RegExpExecArray;
      tokens.push({ kind: 'ident', value: match[0], line, column });
      advance(match[0].length);
    } else if (/[0-9]/.test(ch)) {
      const match = /^(\d+)(\.\d+)?([eE][+-]?\d+)?([lLgGiI]|[dDfF])?/.exec(source.slice(pos)) as RegExpExecArray;
      const isDecimal = match[2] !== undefined || match[3] !== undefined || /[dDfF]/.test(match[4] ?? '');
      tokens.push({ kind: isDecimal ? 'decimal' : 'int', value: match[1] + (match[2] ?? '') + (match[3] ?? ''), line, column });
      advance(match[0].length);
      if (/[A-Za-z_]/.test(source[pos] ?? '')) fail(`Unexpected input: '${source[pos]}'`);
    } else if (ch === "'" || ch === '"') {
      const triple = source.startsWith(ch.repeat(3), pos);
      const quote = triple ? ch.repeat(3) : ch;
      advance(quote.length);
      const parts: GStringPart[] = [];
      let text = '';
      for (;;) {
        if (pos >= source.length || (!triple && source[pos] === '\n')) fail('Unexpected input: unterminated string literal', startLine, startColumn);
        if (source.startsWith(quote, pos)) { advance(quote.length); break; }
        const c = source[pos] as string;
        if (c === '\\') {
          const next = source[pos + 1] ?? '';
          if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(pos + 2, pos + 6))) {
            text += String.fromCharCode(Number.parseInt(source.slice(pos + 2, pos + 6), 16));
            advance(6);
            continue;
          }
          const escaped = ESCAPES[next];
          if (escaped === undefined) fail(`Unexpected input: '\\${next}'`);
          text += escaped;
          advance(2);
        } else if (c === '$' && ch === '"' && source[pos + 1] === '{') {
          if (text) parts.push(text);
          text = '';
          advance(2);
          const codeLine = line;
          const codeColumn = column;
          const end = findClosingBrace(source, pos);
          if (end < 0) fail('Unexpected input: unterminated ${', codeLine, codeColumn);
          parts.push({ code: source.slice(pos, end), line: codeLine, column: codeColumn });
          advance(end + 1 - pos);
        } else if (c === '$' && ch === '"' && /[A-Za-z_]/.test(source[pos + 1] ?? '')) {
          if (text) parts.push(text);
          text = '';
          advance(1);
          const match = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(source.slice(pos)) as RegExpExecArray;
          parts.push({ code: match[0], line, column });
          advance(match[0].length);
        } else {
          text += c;
          advance(1);
        }
      }
      if (text || parts.length === 0) parts.push(text);
      const interpolated = parts.some((p) => typeof p !== 'string');
      tokens.push(interpolated
        ? { kind: 'gstring', value: '', parts, line: startLine, column: startColumn }
        : { kind: 'string', value: parts.join(''), line: startLine, column: startColumn });
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, pos));
      if (op === undefined) fail(`Unexpected input: '${ch}'`);
      const value = op as string;
      if (value === '(' || value === '[' || value === '{') brackets.push(value);
      if (value === ')' || value === ']' || value === '}') brackets.pop();
      tokens.push({ kind: 'op', value, line, column });
      advance(value.length);
    }
  }
  tokens.push({ kind: 'eof', value: '', line, column });
  return tokens;
}

/** Index of the `}` closing an interpolation that starts at `start` (nested braces and strings allowed). */
function findClosingBrace(source: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
