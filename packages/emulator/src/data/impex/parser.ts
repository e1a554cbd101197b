/**
 * ImpEx script reading: physical lines → logical records (quoted values may span lines), macro
 * definitions and substitution, comments, directives, header and value lines split into cells.
 */

export type ImpexRecord =
  | { kind: 'header'; line: number; cells: string[]; text: string }
  | { kind: 'data'; line: number; cells: string[]; text: string }
  | { kind: 'directive'; line: number; code: string; text: string };

export const HEADER_MODES = ['INSERT_UPDATE', 'INSERT', 'UPDATE', 'REMOVE'] as const;
export type HeaderMode = (typeof HEADER_MODES)[number];

const HEADER_START = /^\s*(INSERT_UPDATE|INSERT|UPDATE|REMOVE)\s+\S/i;

/** Replaces `$name` references, longest macro name first (so `$catalogVersion` wins over `$catalog`). */
export function substituteMacros(text: string, macros: Map<string, string>): string {
  if (macros.size === 0 || !text.includes('$')) return text;
  const names = [...macros.keys()].sort((a, b) => b.length - a.length);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$') {
      const name = names.find((n) => text.startsWith(n, i + 1));
      if (name !== undefined) {
        out += macros.get(name) ?? '';
        i += name.length;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

/**
 * Splits one logical record into cells. A cell that starts with `"` is quoted: `""` is a literal
 * quote and `;`/newlines inside are kept. Unquoted cells are trimmed.
 * Returns null when a quote is still open at the end of `text` (the record continues on the next line).
 */
export function splitCells(text: string): string[] | null {
  const cells: string[] = [];
  let i = 0;
  while (true) {
    let start = i;
    while (start < text.length && (text[start] === ' ' || text[start] === '\t')) start++;
    if (text[start] === '"') {
      let value = '';
      let j = start + 1;
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += text[j];
        j++;
      }
      if (!closed) return null;
      // Anything between the closing quote and the next separator is appended as is.
      const next = text.indexOf(';', j);
      const tail = next === -1 ? text.slice(j) : text.slice(j, next);
      cells.push(value + tail.trim());
      if (next === -1) return cells;
      i = next + 1;
    } else {
      const next = text.indexOf(';', i);
      cells.push((next === -1 ? text.slice(i) : text.slice(i, next)).trim());
      if (next === -1) return cells;
      i = next + 1;
    }
  }
}

export interface ParsedScript {
  records: ImpexRecord[];
  macros: Map<string, string>;
}

/** Reads a whole script. Macros are expanded when defined (so they may reference earlier macros). */
export function parseScript(script: string): ParsedScript {
  const macros = new Map<string, string>();
  return { records: [...readRecords(script, macros)], macros };
}

/**
 * The records of a script one at a time, so an importer can work through a big script in pieces
 * without holding every record. `macros` collects the definitions as they are read.
 */
export function* readRecords(script: string, macros = new Map<string, string>()): Generator<ImpexRecord, void, undefined> {
  const lines = script.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    let physical = lines[index] ?? '';
    const trimmed = physical.trimStart();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#%')) {
      yield { kind: 'directive', line: lineNumber, code: trimmed.slice(2).trim(), text: physical };
      continue;
    }
    if (trimmed.startsWith('#')) continue;
    const macro = /^\$([\w\-.]+)\s*=(.*)$/.exec(trimmed);
    if (macro) {
      macros.set(macro[1] ?? '', substituteMacros((macro[2] ?? '').trim(), macros));
      continue;
    }
    // Backslash at the end of a line continues the record on the next line.
    while (physical.endsWith('\\') && index + 1 < lines.length) {
      physical = physical.slice(0, -1) + (lines[++index] ?? '');
    }
    let text = substituteMacros(physical, macros);
    let cells = splitCells(text);
    while (cells === null && index + 1 < lines.length) {
      text += '\n' + substituteMacros(lines[++index] ?? '', macros);
      cells = splitCells(text);
    }
    if (cells === null) cells = splitCells(text + '"') ?? [text];
    const first = cells[0] ?? '';
    if (first.startsWith('#%')) {
      yield { kind: 'directive', line: lineNumber, code: first.slice(2).trim(), text };
    } else if (HEADER_START.test(first)) {
      yield { kind: 'header', line: lineNumber, cells, text };
    } else {
      yield { kind: 'data', line: lineNumber, cells, text };
    }
  }
}

/** Quotes a value for an ImpEx line when it needs it (separator, quote, newline, edge spaces). */
export function quoteCell(value: string): string {
  if (value === '' || !/[;"\n\r]|^\s|\s$/.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}
