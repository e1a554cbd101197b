import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, fitColumnWidths, formatTable, truncateToWidth } from '../src/output/index.js';

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

test('formatTable never exceeds the terminal width and truncates long cells with …', () => {
  const long = 'x'.repeat(200);
  const table = formatTable(['id', 'description', 'name'], [['1', long, 'short name']], { columns: 60 });
  for (const line of lines(table)) assert.ok(displayWidth(line) <= 60, `line too wide: ${displayWidth(line)}`);
  assert.ok(table.includes('…'));
  assert.ok(table.includes('short name'), 'narrow columns stay whole');
  assert.ok(table.includes('│ 1  │') || table.includes('│  1 │'));
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

test('fitColumnWidths keeps natural widths that fit and caps the widest otherwise', () => {
  assert.deepEqual(fitColumnWidths([3, 5], 20), [3, 5]);
  const fitted = fitColumnWidths([4, 100, 50], 40);
  assert.equal(fitted.reduce((a, b) => a + b, 0), 40);
  assert.equal(fitted[0], 4);
  assert.ok((fitted[1] ?? 0) >= (fitted[2] ?? 0));
  assert.deepEqual(fitColumnWidths([10, 10], 1), [2, 2], 'never below the minimum');
});

test('truncateToWidth and displayWidth handle wide characters and combining marks', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('日本'), 4);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(truncateToWidth('abcdef', 4), 'abc…');
  assert.equal(truncateToWidth('日本語', 4), '日…');
  assert.equal(truncateToWidth('abc', 3), 'abc');
});
