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

test('rowsToObjects keeps every column when a header repeats (joins): PK, PK_2', () => {
  const objects = rowsToObjects(['PK', 'PK', 'PK_2', 'PK'], [['1', '2', 'x', '3']]);
  assert.deepEqual(objects, [{ PK: '1', PK_3: '2', PK_2: 'x', PK_4: '3' }]);
  assert.deepEqual(Object.keys(objects[0] ?? {}), ['PK', 'PK_3', 'PK_2', 'PK_4']);
});
