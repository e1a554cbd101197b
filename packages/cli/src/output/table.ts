/**
 * Box-drawn tables sized to the terminal. Pure: the caller passes the width and whether colors are on.
 */
import { createColors } from 'picocolors';
import { singleLine, type Cell } from './cells.js';
import { displayWidth, truncateToWidth } from './text-width.js';

export interface TableOptions {
  /** Terminal width in columns; the table never gets wider unless every column is at its minimum. @default 80 */
  columns?: number;
  /** Bold headers and dimmed NULL markers. @default false */
  color?: boolean;
  /** How NULL cells are shown. @default 'NULL' */
  nullText?: string;
}

/** Narrowest a column is squeezed to: one character plus the ellipsis. */
const MIN_COLUMN_WIDTH = 2;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * Widths that fit `available` columns: each column keeps its natural width up to a common cap, the
 * cap chosen as large as possible (so narrow columns stay whole and wide ones share what is left).
 */
export function fitColumnWidths(natural: readonly number[], available: number): number[] {
  const total = natural.reduce((sum, w) => sum + w, 0);
  if (total <= available) return [...natural];
  const floor = natural.map((w) => Math.min(w, MIN_COLUMN_WIDTH));
  const sumWithCap = (cap: number): number => natural.reduce((sum, w, i) => sum + Math.max(floor[i] ?? 0, Math.min(w, cap)), 0);
  let low = MIN_COLUMN_WIDTH;
  let high = Math.max(...natural);
  if (sumWithCap(low) > available) return floor;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (sumWithCap(mid) <= available) low = mid;
    else high = mid - 1;
  }
  const widths = natural.map((w, i) => Math.max(floor[i] ?? 0, Math.min(w, low)));
  // Hand the remainder, one column each, to the columns that were cut (left to right).
  let spare = available - widths.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    const w = widths[i] ?? 0;
    if (w < (natural[i] ?? 0)) {
      widths[i] = w + 1;
      spare--;
    }
  }
  return widths;
}

/**
 * Render `rows` under `headers` as a box table at most `columns` wide. Long cells are cut with `…`,
 * newlines show as `⏎`, control characters as visible symbols, NULL as `nullText`; numeric columns
 * are right-aligned. Returns '' when there are no headers.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): string {
  if (headers.length === 0) return '';
  const colors = createColors(options.color ?? false);
  const nullText = options.nullText ?? 'NULL';
  const headerTexts = headers.map(singleLine);
  const bodyTexts = rows.map((row) => headers.map((_, i) => {
    const cell = row[i];
    return cell === null || cell === undefined ? null : singleLine(cell);
  }));

  const natural = headerTexts.map((h, i) =>
    Math.max(1, displayWidth(h), ...bodyTexts.map((row) => displayWidth(row[i] ?? nullText))),
  );
  const numeric = headers.map((_, i) => {
    const values = bodyTexts.map((row) => row[i]).filter((v): v is string => v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => NUMERIC.test(v));
  });
  const overhead = 3 * headers.length + 1; // "│ " + " │ " between + " │"
  const widths = fitColumnWidths(natural, (options.columns ?? 80) - overhead);

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

  const lines = [rule('┌', '┬', '┐'), cellLine(headerTexts, true), rule('├', '┼', '┤')];
  for (const row of bodyTexts) lines.push(cellLine(row, false));
  lines.push(rule('└', '┴', '┘'));
  return `${lines.join('\n')}\n`;
}
