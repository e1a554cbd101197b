import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, formatNdjson, rowsToObjects } from '../src/output/index.js';

test('formatJson is one indented document ending in a newline', () => {
  const text = formatJson({ a: [1, null], b: 'é' });
  assert.equal(text, '{\n  "a": [\n    1,\n    null\n  ],\n  "b": "é"\n}\n');
  assert.deepEqual(JSON.parse(text), { a: [1, null], b: 'é' });
});

test('formatNdjson writes one compact object per line', () => {
  const text = formatNdjson(rowsToObjects(['PK', 'code'], [['1', 'x\ny'], ['2', null]]));
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.deepEqual(JSON.parse(lines[0] ?? ''), { PK: '1', code: 'x\ny' });
  assert.deepEqual(JSON.parse(lines[1] ?? ''), { PK: '2', code: null });
  assert.equal(formatNdjson([]), '');
});
