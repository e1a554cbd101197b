/**
 * Box-drawn tables sized to the terminal. Pure: the caller passes the width and whether colors are on.
 *
 * Identifier columns (names, codes, hashes, URLs: what the user types next) are never cut. Only
 * descriptive columns (free text) give way, down to a readable minimum; when even that does not fit,
 * the rows are shown as vertical records (`formatVertical`) instead of a table of ellipses.
 *
 * Nothing here spreads a result into a function call (`Math.max(...rows)`): that overflows the stack
 * from ~125k rows.
 */
import { createColors } from 'picocolors';
import { singleLine, type Cell } from './cells.js';
import { displayWidth, padToWidth, truncateToWidth } from './text-width.js';

export interface TableOptions {
  /** Terminal width in columns. @default 80 */
  columns?: number;
  /** Bold headers and dimmed NULL markers. @default false */
  color?: boolean;
  /** How NULL cells are shown. @default 'NULL' */
  nullText?: string;
  /**
   * Per column: may it be cut to fit? Columns that may not (identifiers) keep their full width.
   * @default a column is descriptive when one of its values contains whitespace (prose), else an identifier
   */
  descriptive?: readonly boolean[];
  /** Draw the header row (`--no-headers` turns it off). @default true */
  header?: boolean;
}

/** Narrowest a descriptive column is cut to before the table gives way to vertical records. */
export const MIN_DESCRIPTIVE_WIDTH = 12;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;
const WHITESPACE = /\s/;

/**
 * Widths that fit `available` columns, or null when they cannot without cutting an identifier.
 * Columns that are not `cuttable` keep their natural width; the cuttable ones keep theirs up to a
 * common cap, chosen as large as possible (narrow ones stay whole, wide ones share what is left),
 * but never below `MIN_DESCRIPTIVE_WIDTH`.
 */
export function fitColumnWidths(natural: readonly number[], available: number, cuttable: readonly boolean[] = natural.map(() => true)): number[] | null {
  let total = 0;
  let floorTotal = 0;
  let widest = 0;
  const floor = natural.map((w, i) => (cuttable[i] ? Math.min(w, MIN_DESCRIPTIVE_WIDTH) : w));
  for (let i = 0; i < natural.length; i++) {
    const w = natural[i] ?? 0;
    total += w;
    floorTotal += floor[i] ?? 0;
    if (cuttable[i] && w > widest) widest = w;
  }
  if (total <= available) return [...natural];
  if (floorTotal > available) return null;
  const withCap = (cap: number): number[] => natural.map((w, i) => (cuttable[i] ? Math.max(floor[i] ?? 0, Math.min(w, cap)) : w));
  const sum = (widths: readonly number[]): number => widths.reduce((acc, w) => acc + w, 0);
  let low = MIN_DESCRIPTIVE_WIDTH;
  let high = widest;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (sum(withCap(mid)) <= available) low = mid;
    else high = mid - 1;
  }
  const widths = withCap(low);
  // Hand the remainder, one column each, to the columns that were cut (left to right).
  let spare = available - sum(widths);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    const w = widths[i] ?? 0;
    if (w < (natural[i] ?? 0)) {
      widths[i] = w + 1;
      spare--;
    }
  }
  return widths;
}

/** Cells as one-line display text (`null` stays null), and per column its widest text. */
function prepare(headers: readonly string[], rows: readonly (readonly Cell[])[], nullText: string) {
  const headerTexts = headers.map(singleLine);
  const natural = headerTexts.map((h) => Math.max(1, displayWidth(h)));
  const hasValue = headers.map(() => false);
  const numeric = headers.map(() => true);
  const prose = headers.map(() => false);
  const nullWidth = displayWidth(nullText);
  const bodyTexts: (string | null)[][] = new Array<(string | null)[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const texts: (string | null)[] = new Array<string | null>(headers.length);
    for (let i = 0; i < headers.length; i++) {
      const cell = row[i];
      if (cell === null || cell === undefined) {
        texts[i] = null;
        if (nullWidth > (natural[i] ?? 0)) natural[i] = nullWidth;
        continue;
      }
      const text = singleLine(cell);
      texts[i] = text;
      const width = displayWidth(text);
      if (width > (natural[i] ?? 0)) natural[i] = width;
      hasValue[i] = true;
      if (numeric[i] && !NUMERIC.test(text)) numeric[i] = false;
      if (!prose[i] && WHITESPACE.test(cell)) prose[i] = true;
    }
    bodyTexts[r] = texts;
  }
  return { headerTexts, bodyTexts, natural, numeric: numeric.map((n, i) => n && (hasValue[i] ?? false)), prose };
}

/**
 * Render `rows` under `headers` as a box table at most `columns` wide. Descriptive cells that do not
 * fit end in `…`; identifiers are never cut (when they cannot fit, the rows come as vertical records,
 * see `formatVertical`). Newlines show as `⏎`, control characters as visible symbols, NULL as
 * `nullText`; numeric columns are right-aligned. Returns '' when there are no headers.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  if (headers.length === 0) return '';
  const colors = createColors(options.color ?? false);
  const nullText = options.nullText ?? 'NULL';
  const { headerTexts, bodyTexts, natural, numeric, prose } = prepare(headers, rows, nullText);
  const overhead = 3 * headers.length + 1; // "│ " + " │ " between + " │"
  const widths = fitColumnWidths(natural, (options.columns ?? 80) - overhead, options.descriptive ?? prose);
  if (widths === null) return formatVertical(headers, rows, { ...options, descriptive: options.descriptive ?? prose });

  const cellLine = (texts: readonly (string | null)[], isHeader: boolean): string => {
    const parts = texts.map((text, i) => {
      const width = widths[i] ?? 1;
      const shown = truncateToWidth(text ?? nullText, width);
      const pad = ' '.repeat(Math.max(0, width - displayWidth(shown)));
      const aligned = numeric[i] && !isHeader ? pad + shown : shown + pad;
      if (isHeader) return colors.bold(aligned);
      return text === null ? colors.dim(aligned) : aligned;
    });
    return `│ ${parts.join(' │ ')} │`;
  };
  const rule = (left: string, middle: string, right: string): string =>
    left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right;

  const lines = options.header === false ? [rule('┌', '┬', '┐')] : [rule('┌', '┬', '┐'), cellLine(headerTexts, true), rule('├', '┼', '┤')];
  for (const row of bodyTexts) lines.push(cellLine(row, false));
  lines.push(rule('└', '┴', '┘'));
  return `${lines.join('\n')}\n`;
}

/** Split `text` into lines of at most `width` columns at spaces (a longer word gets a line of its own). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && displayWidth(candidate) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Rows as vertical records, for terminals too narrow for a table: a `── row N ──` line, then one
 * `header  value` line per column. Nothing is cut: identifiers are left whole (the terminal wraps
 * them), descriptive values are wrapped at spaces under their value column.
 */
export function formatVertical(headers: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  if (headers.length === 0) return '';
  const colors = createColors(options.color ?? false);
  const nullText = options.nullText ?? 'NULL';
  const columns = options.columns ?? 80;
  const keys = headers.map(singleLine);
  let keyWidth = 1;
  for (const key of keys) keyWidth = Math.max(keyWidth, displayWidth(key));
  const valueWidth = columns - keyWidth - 2;
  const indent = ' '.repeat(keyWidth + 2);
  const shownKeys = keys.map((key) => colors.bold(padToWidth(key, keyWidth)));
  const ruleWidth = Math.min(columns, keyWidth + 24);
  const out: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const title = `── row ${r + 1} `; // one column per character
    out.push(colors.dim(title + '─'.repeat(Math.max(2, ruleWidth - title.length))));
    for (let i = 0; i < keys.length; i++) {
      const key = shownKeys[i] ?? '';
      const cell = row[i];
      if (cell === null || cell === undefined) {
        out.push(`${key}  ${colors.dim(nullText)}`);
        continue;
      }
      const text = singleLine(cell);
      // Free text wraps under its column; an identifier stays one piece (copied as it is).
      const lines = options.descriptive?.[i] === true && valueWidth >= 20 ? wrapWords(text, valueWidth) : [text];
      out.push(`${key}  ${lines[0] ?? ''}`);
      for (let l = 1; l < lines.length; l++) out.push(indent + (lines[l] ?? ''));
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
