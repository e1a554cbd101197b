/**
 * Output budgets: a tool answer holds at most `max_rows` rows and about `max_chars` characters (the
 * config's `[mcp]`), so one query cannot flood a model's context. What was cut is said in the answer,
 * with the way to get the rest: a narrower query, or `outputFile`, which writes the whole result as
 * CSV or JSON into the one directory the user allowed (`mcp.output_dir`).
 */
import { constants } from 'node:fs';
import { link, mkdir, open, realpath, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpSettings } from '../config/agent-settings.js';
import type { Cell } from '../output/cells.js';
import { formatCsv } from '../output/delimited.js';
import { ToolRefusal } from './tool-errors.js';

export type Budget = McpSettings;

/** A long cell is cut to this share of the character budget, so one cell cannot crowd out every row. */
const CELL_SHARE = 4;

export interface CutRows {
  rows: Cell[][];
  /** Rows left out. */
  rowsCut: number;
  /** Cells shortened. */
  cellsCut: number;
}

/** The rows that fit: at most `maxRows` (and the budget's), and about `maxChars` characters of JSON. */
export function cutRows(rows: readonly (readonly Cell[])[], budget: Budget, maxRows = budget.maxRows): CutRows {
  const limit = Math.min(maxRows, budget.maxRows);
  const cellMax = Math.floor(budget.maxChars / CELL_SHARE);
  const kept: Cell[][] = [];
  let chars = 0;
  let cellsCut = 0;
  for (const row of rows) {
    if (kept.length >= limit) break;
    const cells = row.map((cell) => {
      if (cell === null || cell.length <= cellMax) return cell;
      cellsCut++;
      return `${cell.slice(0, cellMax)}…[${cell.length - cellMax} more characters]`;
    });
    const size = JSON.stringify(cells).length + 1;
    if (kept.length > 0 && chars + size > budget.maxChars) break;
    chars += size;
    kept.push(cells);
  }
  return { rows: kept, rowsCut: rows.length - kept.length, cellsCut };
}

/** A text cut to `maxChars` (keeping its end when `keepEnd`, for logs). */
export function cutText(text: string, maxChars: number, keepEnd = false): { text: string; charsCut: number } {
  if (text.length <= maxChars) return { text, charsCut: 0 };
  const cut = text.length - maxChars;
  return keepEnd
    ? { text: `[${cut} earlier characters cut]…${text.slice(cut)}`, charsCut: cut }
    : { text: `${text.slice(0, maxChars)}…[${cut} more characters cut]`, charsCut: cut };
}

export type OutputContent = { kind: 'rows'; headers: readonly string[]; rows: readonly (readonly Cell[])[] } | { kind: 'json'; value: unknown };

/** Names `outputFile` accepts: a plain file name, `.csv` or `.json` (no directories, no hidden files). */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(csv|json)$/;

export const OUTPUT_FILE_DESCRIPTION =
  'Write the whole result to this file (a plain name ending in .csv or .json) in the directory the user allowed (mcp.output_dir); the answer then shows only the first rows. Refused when no directory is configured or the file exists.';

/**
 * Writes the whole content to `name` inside `budget.outputDir`: created exclusively (an existing file
 * or a planted link is never overwritten) and complete or not at all (a temporary file linked into place).
 */
export async function writeOutputFile(budget: Budget, name: string, content: OutputContent): Promise<{ path: string; bytes: number }> {
  if (budget.outputDir === undefined) {
    throw new ToolRefusal('outputFile is off: no directory is allowed for it. A human can set output_dir in the [mcp] table of the hac config (then restart hac mcp); meanwhile narrow the query instead.');
  }
  const match = FILE_NAME.exec(name);
  if (!match) throw new ToolRefusal(`outputFile "${name}" is not usable: give a plain file name (letters, digits, . _ -) ending in .csv or .json, no directory`);
  const format = match[1] as 'csv' | 'json';
  if (format === 'csv' && content.kind !== 'rows') throw new ToolRefusal('this result is not a table: use a .json outputFile');
  await mkdir(budget.outputDir, { recursive: true, mode: 0o700 });
  const dir = await realpath(budget.outputDir);
  const text =
    format === 'csv' && content.kind === 'rows'
      ? formatCsv(content.headers, content.rows)
      : `${JSON.stringify(content.kind === 'rows' ? { headers: content.headers, rows: content.rows } : content.value, null, 2)}\n`;
  const path = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.close();
    try {
      await link(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ToolRefusal(`outputFile ${name} exists already in ${dir}: choose another name`);
      throw error;
    }
  } finally {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
  }
  return { path, bytes: Buffer.byteLength(text, 'utf8') };
}
