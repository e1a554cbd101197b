import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatKeyValue, renderRecord, renderRecords, toCell } from '../src/output/index.js';

const records = [
  { name: 'local', url: 'https://localhost:9002', protected: false, tags: ['a', 'b'] },
  { name: 'prod', url: 'https://prod', protected: true },
];

test('renderRecords renders a table with the union of keys', () => {
  const table = renderRecords(records, 'table', { width: 100 });
  assert.match(table, /│ name +│ url +│ protected │ tags +│/);
  assert.match(table, /│ prod +│ https:\/\/prod +│ true +│ NULL +│/);
  assert.match(table, /│ a, b │/);
});

test('renderRecords honours columns and labels; json keeps typed values', () => {
  const csv = renderRecords(records, 'csv', { columns: ['name', 'protected'], labels: { protected: 'Protected?' } });
  assert.equal(csv, 'name,Protected?\nlocal,false\nprod,true\n');
  const json = JSON.parse(renderRecords(records, 'json', { columns: ['name', 'protected'] }));
  assert.deepEqual(json, [{ name: 'local', protected: false }, { name: 'prod', protected: true }]);
  const nd = renderRecords(records, 'ndjson').trimEnd().split('\n');
  assert.deepEqual(JSON.parse(nd[0] ?? ''), records[0]);
  assert.equal(renderRecords(records, 'tsv', { columns: ['name'] }), 'name\nlocal\nprod\n');
});

test('formatKeyValue aligns keys and indents continuation lines', () => {
  const text = formatKeyValue({ environment: 'local', url: 'http://x', note: 'one\ntwo', missing: null });
  assert.equal(text, 'environment  local\nurl          http://x\nnote         one\n             two\nmissing      -\n');
  assert.equal(formatKeyValue([]), '');
});

test('renderRecord uses key/value lines for table and a document for json', () => {
  assert.equal(renderRecord({ a: 1 }, 'table'), 'a  1\n');
  assert.deepEqual(JSON.parse(renderRecord({ a: 1, b: [true] }, 'json')), { a: 1, b: [true] });
  assert.equal(renderRecord({ a: 'x,y' }, 'csv'), 'key,value\na,"x,y"\n');
});

test('toCell stringifies values', () => {
  assert.equal(toCell(undefined), null);
  assert.equal(toCell(3), '3');
  assert.equal(toCell(new Date(0)), '1970-01-01T00:00:00.000Z');
  assert.equal(toCell({ a: 1 }), '{"a":1}');
});
