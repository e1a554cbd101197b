import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatResultSet, maxCountNotice, resultSummary, type ResultSetLike } from '../src/output/index.js';

const result: ResultSetLike = {
  headers: ['PK', 'code'],
  rows: [['1', 'a,b'], ['2', null]],
  resultCount: 2,
  maxCountReached: true,
  executionTimeMs: 7,
  query: 'SELECT item_t0.PK, item_t0.p_code FROM products item_t0',
  success: true,
  exception: null,
};

test('formatResultSet json is one document with the Python CLI field names first', () => {
  const doc = JSON.parse(formatResultSet(result, 'json'));
  assert.deepEqual(Object.keys(doc), ['success', 'headers', 'rows', 'result_count', 'execution_time_ms', 'exception', 'max_count_reached', 'query']);
  assert.deepEqual(doc.rows, [['1', 'a,b'], ['2', null]]);
});

test('formatResultSet renders rows in csv, tsv, ndjson and table', () => {
  assert.equal(formatResultSet(result, 'csv'), 'PK,code\n1,"a,b"\n2,\n');
  assert.equal(formatResultSet(result, 'tsv'), 'PK\tcode\n1\ta,b\n2\t\n');
  assert.deepEqual(formatResultSet(result, 'ndjson').trimEnd().split('\n').map((l) => JSON.parse(l)), [{ PK: '1', code: 'a,b' }, { PK: '2', code: null }]);
  assert.match(formatResultSet(result, 'table', { width: 40 }), /│ {2}2 │ NULL │/);
});

test('maxCountNotice only when the result hit --max-count; summary counts rows', () => {
  assert.equal(maxCountNotice(result), '2 rows shown; there may be more: raise --max-count or pass --all');
  assert.equal(maxCountNotice({ ...result, maxCountReached: false }), null);
  assert.equal(maxCountNotice({ resultCount: 1, maxCountReached: true }), '1 row shown; there may be more: raise --max-count or pass --all');
  assert.equal(resultSummary(result), '2 rows (7 ms)');
  assert.equal(resultSummary({ resultCount: 1, executionTimeMs: 0 }), '1 row (0 ms)');
});

test('formatResultSetPieces: CSV, TSV and NDJSON in slices of rows that join up to formatResultSet; a table or JSON in one piece', async () => {
  const { formatResultSetPieces } = await import('../src/output/index.js');
  const rows = Array.from({ length: 2500 }, (_, i) => [String(i), i % 7 === 0 ? null : `name ${i}, "quoted"\tand\nmore`]);
  const big: ResultSetLike = { ...result, rows, resultCount: rows.length };
  for (const format of ['csv', 'tsv', 'ndjson'] as const) {
    for (const header of [true, false]) {
      const pieces = [...formatResultSetPieces(big, format, { header })];
      assert.equal(pieces.length, 3, format);
      assert.equal(pieces.join(''), formatResultSet(big, format, { header }), `${format} header ${String(header)}`);
    }
    // No rows: the header line alone (or nothing at all).
    const empty: ResultSetLike = { ...result, rows: [], resultCount: 0 };
    assert.equal([...formatResultSetPieces(empty, format)].join(''), formatResultSet(empty, format));
  }
  for (const format of ['table', 'json'] as const) assert.deepEqual([...formatResultSetPieces(big, format, { width: 60 })], [formatResultSet(big, format, { width: 60 })]);
});
