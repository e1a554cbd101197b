import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, fitColumnWidths, formatTable, formatVertical, MIN_DESCRIPTIVE_WIDTH, truncateToWidth } from '../src/output/index.js';

const lines = (text: string): string[] => text.trimEnd().split('\n');

test('formatTable draws a box with a header rule and right-aligned numeric columns', () => {
  const table = formatTable(['PK', 'code'], [['1', 'apple'], ['1000', 'kiwi']], { columns: 80 });
  assert.deepEqual(lines(table), [
    '┌──────┬───────┐',
    '│ PK   │ code  │',
    '├──────┼───────┤',
    '│    1 │ apple │',
    '│ 1000 │ kiwi  │',
    '└──────┴───────┘',
  ]);
});

test('formatTable shows NULL distinctly, dimmed with colors', () => {
  const plain = formatTable(['a', 'b'], [[null, 'x']]);
  assert.match(plain, /│ NULL │ x {0,3}│/);
  const colored = formatTable(['a', 'b'], [[null, 'x']], { color: true });
  assert.ok(colored.includes('\u001b[2mNULL\u001b[22m'), 'NULL is dimmed');
  assert.ok(colored.includes('\u001b[1ma   \u001b[22m'), 'header is bold');
  assert.ok(!plain.includes('\u001b['), 'no escapes without color');
});

test('formatTable never exceeds the terminal width: descriptive cells give way with …, identifiers stay whole', () => {
  const long = 'word '.repeat(40);
  const table = formatTable(['id', 'description', 'name'], [['1', long, 'Patch_2211_01_TaxRows']], { columns: 60 });
  for (const line of lines(table)) assert.ok(displayWidth(line) <= 60, `line too wide: ${displayWidth(line)}`);
  assert.ok(table.includes('…'));
  assert.ok(table.includes('Patch_2211_01_TaxRows'), 'the identifier column is not cut');
  assert.ok(table.includes('│ 1  │') || table.includes('│  1 │'));
});

test('formatTable switches to vertical records when the identifiers alone do not fit', () => {
  const headers = ['extension', 'name', 'hash', 'description'];
  const rows = [['acmepatches', 'Patch_2211_01_TaxRows', '3944bcdbf73a551b81a4e71e6e1b667c', 'Adds the 2026 tax rows for DE and AT']];
  const wide = formatTable(headers, rows, { columns: 120 });
  assert.match(wide, /^┌/, 'a table where it fits');
  const narrow = formatTable(headers, rows, { columns: 60 });
  assert.ok(!narrow.includes('…'), 'nothing cut');
  assert.deepEqual(lines(narrow), [
    '── row 1 ──────────────────────────',
    'extension    acmepatches',
    'name         Patch_2211_01_TaxRows',
    'hash         3944bcdbf73a551b81a4e71e6e1b667c',
    'description  Adds the 2026 tax rows for DE and AT',
  ]);
  // Descriptive values wrap under their column; identifiers are never broken by the formatter.
  const wrapped = formatVertical(headers, [['x', 'y'.repeat(50), 'z', 'one two three four five six seven eight nine ten']], { columns: 40, descriptive: [false, false, false, true] });
  assert.ok(wrapped.includes(`name         ${'y'.repeat(50)}\n`));
  assert.match(wrapped, /description {2}one two three four five six\n {13}seven eight nine ten\n/);
});

test('formatTable keeps an explicit identifier whole even when it holds spaces, and cuts the column marked descriptive', () => {
  const table = formatTable(['name', 'note'], [['My Environment Name', 'x'.repeat(80)]], { columns: 40, descriptive: [false, true] });
  assert.ok(table.includes('My Environment Name'));
  assert.ok(table.includes('x…'));
});

test('formatTable and formatVertical render 150 000 rows (no spread of the rows into a call)', () => {
  const rows = Array.from({ length: 150_000 }, (_, i) => [String(i), `code-${i}`]);
  const table = formatTable(['pk', 'code'], rows, { columns: 80 });
  assert.equal(table.split('\n').length, 150_000 + 5);
  assert.ok(table.includes('│ 149999 │ code-149999 │'));
  assert.equal(formatVertical(['pk'], rows).split('\n').length, 2 * 150_000 + 1);
});

test('formatTable shows newlines as ⏎ and neutralises control characters', () => {
  const table = formatTable(['v'], [['a\nb\r\nc'], ['\u001b[31mred\tx']], { columns: 80 });
  assert.ok(table.includes('a⏎b⏎c'));
  assert.ok(!table.includes('\u001b'), 'no raw ESC reaches the terminal');
  assert.ok(table.includes('␛[31mred→x'));
  assert.equal(lines(table).length, 6, 'one line per row');
});

test('formatTable aligns wide (CJK) and emoji characters by display width', () => {
  const table = formatTable(['name', 'n'], [['日本語', '1'], ['ab', '2'], ['👍🏽', '3']]);
  const widths = lines(table).map(displayWidth);
  assert.ok(widths.every((w) => w === widths[0]), `misaligned: ${widths.join(',')}`);
  assert.ok(table.includes('日本語'));
});

test('formatTable with no rows shows the header; with no headers it is empty', () => {
  assert.equal(lines(formatTable(['a'], [])).length, 4);
  assert.equal(formatTable([], []), '');
});

test('fitColumnWidths keeps natural widths that fit and caps the widest cuttable column otherwise', () => {
  assert.deepEqual(fitColumnWidths([3, 5], 20), [3, 5]);
  const fitted = fitColumnWidths([4, 100, 50], 40) ?? [];
  assert.equal(fitted.reduce((a, b) => a + b, 0), 40);
  assert.equal(fitted[0], 4);
  assert.ok((fitted[1] ?? 0) >= (fitted[2] ?? 0));
  assert.deepEqual(fitColumnWidths([30, 100], 60, [false, true]), [30, 30], 'identifiers keep their width');
  assert.equal(fitColumnWidths([30, 100], 60, [false, false]), null, 'no table when identifiers would be cut');
  assert.equal(fitColumnWidths([10, 100], 20, [false, true]), null, `never below ${MIN_DESCRIPTIVE_WIDTH}`);
});

test('truncateToWidth and displayWidth handle wide characters and combining marks', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('日本'), 4);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(truncateToWidth('abcdef', 4), 'abc…');
  assert.equal(truncateToWidth('日本語', 4), '日…');
  assert.equal(truncateToWidth('abc', 3), 'abc');
});
