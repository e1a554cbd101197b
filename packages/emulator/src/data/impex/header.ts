/**
 * ImpEx header syntax: `MODE Type[modifiers];attr[modifiers];ref(sub(attr),attr)[modifiers];…`.
 */
import type { HeaderMode } from './parser.js';

export interface ColumnDescriptor {
  qualifier: string;
  /** Modifiers with lower-case keys; values unquoted. */
  modifiers: Map<string, string>;
  /** Sub-attributes of a reference pattern, e.g. `catalog(id),version`; null when absent. */
  pattern: ColumnDescriptor[] | null;
  text: string;
}

export interface HeaderLine {
  mode: HeaderMode;
  typeName: string;
  modifiers: Map<string, string>;
  /** Column descriptors by cell index (index 0 is the header's own cell); null for empty cells. */
  columns: (ColumnDescriptor | null)[];
}

export class HeaderSyntaxError extends Error {
  override name = 'HeaderSyntaxError';
}

class DescriptorReader {
  private i = 0;
  constructor(private readonly text: string) {}

  readList(close: string | null): ColumnDescriptor[] {
    const list: ColumnDescriptor[] = [];
    while (true) {
      this.skipSpace();
      list.push(this.readDescriptor());
      this.skipSpace();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (close !== null && c === close) {
        this.i++;
        return list;
      }
      if (close === null && c === undefined) return list;
      throw new HeaderSyntaxError(`unexpected '${c ?? 'end of header'}' in '${this.text}'`);
    }
  }

  readDescriptor(): ColumnDescriptor {
    const start = this.i;
    const name = /^[@\w.]+/.exec(this.text.slice(this.i))?.[0];
    if (!name) throw new HeaderSyntaxError(`attribute name expected in '${this.text}' at ${this.i + 1}`);
    this.i += name.length;
    const modifiers = new Map<string, string>();
    let pattern: ColumnDescriptor[] | null = null;
    while (true) {
      this.skipSpace();
      const c = this.text[this.i];
      if (c === '(' && pattern === null) {
        this.i++;
        pattern = this.readList(')');
      } else if (c === '[') {
        this.i++;
        this.readModifiers(modifiers);
      } else break;
    }
    return { qualifier: name, modifiers, pattern, text: this.text.slice(start, this.i).trim() };
  }

  /** `key=value, key='quoted, value'` up to the closing bracket. */
  readModifiers(into: Map<string, string>): void {
    while (true) {
      this.skipSpace();
      if (this.text[this.i] === ']') {
        this.i++;
        return;
      }
      const key = /^[\w.-]+/.exec(this.text.slice(this.i))?.[0];
      if (!key) throw new HeaderSyntaxError(`modifier expected in '${this.text}'`);
      this.i += key.length;
      this.skipSpace();
      let value = 'true';
      if (this.text[this.i] === '=') {
        this.i++;
        this.skipSpace();
        value = this.readModifierValue();
      }
      into.set(key.toLowerCase(), value);
      this.skipSpace();
      if (this.text[this.i] === ',') this.i++;
    }
  }

  private readModifierValue(): string {
    const quote = this.text[this.i];
    if (quote === "'" || quote === '"') {
      const end = this.text.indexOf(quote, this.i + 1);
      if (end === -1) throw new HeaderSyntaxError(`unclosed ${quote} in '${this.text}'`);
      const value = this.text.slice(this.i + 1, end);
      this.i = end + 1;
      return value;
    }
    let value = '';
    let depth = 0;
    while (this.i < this.text.length) {
      const c = this.text[this.i] ?? '';
      if (depth === 0 && (c === ',' || c === ']')) break;
      if (c === '(') depth++;
      if (c === ')') depth--;
      value += c;
      this.i++;
    }
    return value.trim();
  }

  private skipSpace(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }
}

export function parseDescriptor(text: string): ColumnDescriptor {
  const reader = new DescriptorReader(text.trim());
  const list = reader.readList(null);
  if (list.length !== 1 || !list[0]) throw new HeaderSyntaxError(`one attribute expected in '${text}'`);
  return list[0];
}

export function parseHeader(cells: string[]): HeaderLine {
  const first = cells[0] ?? '';
  const match = /^\s*(INSERT_UPDATE|INSERT|UPDATE|REMOVE)\s+(.+)$/i.exec(first);
  if (!match) throw new HeaderSyntaxError(`not a header: ${first}`);
  const typeDescriptor = parseDescriptor(match[2] ?? '');
  return {
    mode: (match[1] ?? '').toUpperCase() as HeaderMode,
    typeName: typeDescriptor.qualifier,
    modifiers: typeDescriptor.modifiers,
    columns: cells.map((cell, index) => (index === 0 || cell.trim() === '' ? null : parseDescriptor(cell))),
  };
}
