import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeTsvField, formatCsv, formatTsv } from '../src/output/index.js';

test('formatCsv quotes commas, quotes and newlines per RFC 4180', () => {
  const csv = formatCsv(['code', 'name', 'note'], [
    ['a,b', 'say "hi"', 'line1\nline2'],
    ['plain', null, ''],
  ]);
  assert.equal(csv, 'code,name,note\n"a,b","say ""hi""","line1\nline2"\nplain,,\n');
});

test('formatCsv can end records with CRLF and returns nothing without headers', () => {
  assert.equal(formatCsv(['a'], [['1']], { crlf: true }), 'a\r\n1\r\n');
  assert.equal(formatCsv([], []), '');
});

test('formatCsv pads short rows so every record has one field per header', () => {
  assert.equal(formatCsv(['a', 'b'], [['1']]), 'a,b\n1,\n');
});

test('formatTsv escapes tabs, newlines, carriage returns and backslashes', () => {
  const tsv = formatTsv(['k', 'v'], [['a\tb', 'x\ny\r\\z'], [null, 'ü']]);
  assert.equal(tsv, 'k\tv\na\\tb\tx\\ny\\r\\\\z\n\tü\n');
  assert.equal(tsv.trimEnd().split('\n').length, 3);
  assert.equal(escapeTsvField('C:\\temp'), 'C:\\\\temp');
});

test('formatTsv with headers but no rows prints the header line only', () => {
  assert.equal(formatTsv(['PK', 'code'], []), 'PK\tcode\n');
});
