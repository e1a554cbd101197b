import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswerSyntaxError, createAnswerReader } from '../src/consoles/flexsearch-answer.js';
import { parseFlexibleSearchResult } from '../src/consoles/parse-flexsearch.js';
import { ShapeError } from '../src/consoles/shape.js';
import type { FlexibleSearchResult, FlexibleSearchStreamPart } from '../src/models/flexsearch.js';

/** A small seeded generator: every run reads the same answers. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Zürich', '😀', '東京', '&amp;', '&lt;b&gt;', '&#39;', '"', '\\', '\n', '\t', '\u0001', ',', ' ', '1.5', 'x&y', '\u2028'];

/** One answer of HAC's shape with its keys in a random order (HAC's own order is not guaranteed). */
function answer(next: () => number): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const columns = 1 + Math.floor(next() * 4);
  const failed = next() < 0.15;
  const cell = (): unknown => {
    const kind = next();
    if (kind < 0.15) return null;
    if (kind < 0.2) return pick([0, -1, 1.25, 2 ** 70, 1e21]);
    if (kind < 0.23) return pick([true, false]);
    return Array.from({ length: Math.floor(next() * 4) }, () => pick(PIECES)).join('');
  };
  const rows = failed ? [] : Array.from({ length: Math.floor(next() * 40) }, () => Array.from({ length: columns }, cell));
  const fields: Record<string, unknown> = {
    query: 'SELECT item_t0.PK FROM products item_t0',
    executionTime: Math.floor(next() * 100),
    resultCount: rows.length,
    exception: failed ? { message: 'outer', cause: { message: pick(['unknown type Foo', 'Zürich &amp; 😀']), cause: null } } : null,
    exceptionStackTrace: failed ? 'java.lang.Exception: outer' : '',
    resultList: next() < 0.05 && rows.length === 0 ? null : rows,
    headers: failed ? [] : Array.from({ length: columns }, (_, i) => pick(['PK', 'P_CODE', 'a&amp;b', 'Name 😀']) + String(i)),
    rawExecution: next() < 0.5,
    catalogVersionsAsString: '',
    parametersAsString: '{}',
    dataSourceId: 'master',
  };
  const keys = Object.keys(fields);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  return Object.fromEntries(keys.map((key) => [key, fields[key]]));
}

/** The body cut into chunks of 1 to `most` bytes (multi-byte characters cut too). */
function chunks(body: Buffer, next: () => number, most: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < body.length; ) {
    const size = 1 + Math.floor(next() * most);
    out.push(body.subarray(at, at + size));
    at += size;
  }
  return out;
}

async function read(pieces: Buffer[], maxCount: number): Promise<FlexibleSearchStreamPart[]> {
  const reader = createAnswerReader({ maxCount });
  const parts: FlexibleSearchStreamPart[] = [];
  const drain = (): void => {
    for (let part = reader.next(); part; part = reader.next()) parts.push(part);
  };
  for (const piece of pieces) {
    reader.write(piece);
    drain();
  }
  reader.end();
  drain();
  return parts;
}

function collect(parts: FlexibleSearchStreamPart[]): FlexibleSearchResult {
  const headersPart = parts.find((part) => part.type === 'headers');
  const end = parts.at(-1);
  assert.ok(headersPart?.type === 'headers' && end?.type === 'end');
  const rows = parts.flatMap((part) => (part.type === 'rows' ? part.rows : []));
  return { headers: headersPart.headers, rows, ...end.summary };
}

describe('reading a FlexibleSearch answer as it arrives', () => {
  it('gives what one JSON.parse of the whole answer gives, whatever the key order and the chunk boundaries (300 generated answers)', async () => {
    const next = random(20261130);
    for (let n = 0; n < 300; n++) {
      const json = answer(next);
      const text = JSON.stringify(json, null, next() < 0.3 ? 2 : undefined);
      const maxCount = next() < 0.3 ? -1 : 1 + Math.floor(next() * 50);
      const parts = await read(chunks(Buffer.from(text, 'utf8'), next, next() < 0.5 ? 7 : 300), maxCount);
      const expected = parseFlexibleSearchResult(JSON.parse(text), maxCount);
      assert.deepEqual(collect(parts), expected, `answer ${n}: ${text.slice(0, 300)}`);
      // One headers part first (the verdict), then rows, then one end part.
      assert.equal(parts[0]?.type, 'headers', `answer ${n}`);
      assert.equal(parts.filter((part) => part.type === 'headers').length, 1);
      assert.deepEqual(parts[0], { type: 'headers', headers: expected.headers, exception: expected.exception });
      assert.ok(parts.slice(1, -1).every((part) => part.type === 'rows' && part.rows.length > 0), `answer ${n}`);
    }
  });

  it('hands rows out as their chunks arrive when headers and exception came first', async () => {
    const head = Buffer.from('{"exception":null,"headers":["A"],"resultList":[["1"],["2"],', 'utf8');
    const reader = createAnswerReader({ maxCount: -1 });
    reader.write(head);
    assert.deepEqual(reader.next(), { type: 'headers', headers: ['A'], exception: null });
    assert.deepEqual(reader.next(), { type: 'rows', rows: [['1'], ['2']] });
    assert.equal(reader.next(), undefined, 'nothing more before the next chunk');
    reader.write(Buffer.from('["3"]],"resultCount":3}', 'utf8'));
    assert.deepEqual(reader.next(), { type: 'rows', rows: [['3']] });
    reader.end();
    const end = reader.next();
    assert.ok(end?.type === 'end');
    assert.equal(end.summary.resultCount, 3);
    assert.equal(end.summary.success, true);
  });

  it('holds rows that come before the headers (HAC\'s order) and hands them out after the headers part', async () => {
    const reader = createAnswerReader({ maxCount: 2 });
    reader.write(Buffer.from('{"exception":null,"resultList":[["a&amp;b",null],', 'utf8'));
    assert.equal(reader.next(), undefined, 'no row before the headers');
    reader.write(Buffer.from('["2",3]],"headers":["X","Y"]}', 'utf8'));
    assert.deepEqual(reader.next(), { type: 'headers', headers: ['X', 'Y'], exception: null });
    assert.deepEqual(reader.next(), { type: 'rows', rows: [['a&b', null]] });
    assert.deepEqual(reader.next(), { type: 'rows', rows: [['2', '3']] });
    reader.end();
    const end = reader.next();
    assert.ok(end?.type === 'end');
    assert.equal(end.summary.maxCountReached, true);
  });

  it('reports a malformed answer with the same message as the whole-answer parser', async () => {
    const cases = [
      '[1, 2]',
      '"text"',
      '{"resultList":[["a"],"b"],"headers":["A"],"exception":null}',
      '{"resultList":[["a",{"x":1}]],"headers":["A"],"exception":null}',
      '{"resultList":"rows","headers":[],"exception":null}',
      '{"resultList":[],"headers":[1],"exception":null}',
      '{"query":"x"}',
    ];
    for (const text of cases) {
      const expected = (() => {
        try {
          parseFlexibleSearchResult(JSON.parse(text), 200);
        } catch (error) {
          return error;
        }
        return assert.fail(`the whole-answer parser took ${text}`);
      })();
      assert.ok(expected instanceof ShapeError);
      await assert.rejects(read([Buffer.from(text)], 200), (error: unknown) => error instanceof ShapeError && error.message === expected.message, text);
    }
  });

  it('reports bytes that are not JSON, and an answer cut before its end, as AnswerSyntaxError', async () => {
    const cases = [
      '<html>login</html>',
      '{"resultList":[["a"]',
      '{"a":1} {"b":2}',
      '',
      '{"resultList":[["a"]],}',
      // The commas between rows, which no row's parse sees.
      '{"resultList":[,["a"]],"headers":["A"],"exception":null}',
      '{"resultList":[["a"],],"headers":["A"],"exception":null}',
      '{"resultList":[["a"]["b"]],"headers":["A"],"exception":null}',
      '{"resultList":[["a" "b"]],"headers":["A"],"exception":null}',
      '{"headers":["A"] "exception":null}',
      '{"headers" ["A"]}',
    ];
    for (const text of cases) {
      // Whole, and a byte at a time (every cut between two chunks).
      await assert.rejects(read([Buffer.from(text)], 200), AnswerSyntaxError, JSON.stringify(text));
      await assert.rejects(read([...Buffer.from(text)].map((byte) => Buffer.from([byte])), 200), AnswerSyntaxError, JSON.stringify(text));
      assert.throws(() => JSON.parse(text), SyntaxError, `not JSON for JSON.parse either: ${text}`);
    }
  });

  it('fails on a held row that is not a row while reading it, before any part goes out', () => {
    for (const [row, expected] of [
      ['{"x":1}', ShapeError],
      ['["a" "b"]', AnswerSyntaxError],
    ] as const) {
      const reader = createAnswerReader({ maxCount: -1 });
      reader.write(Buffer.from('{"exception":null,"resultList":[["a"],', 'utf8'));
      assert.throws(() => reader.write(Buffer.from(`${row}],"headers":["A"]}`, 'utf8')), expected);
      assert.equal(reader.next(), undefined, 'nothing handed out');
    }
  });

  it('takes an answer of resultList alone as the whole-answer parser does', () => {
    const text = '{"resultList":[["a&amp;b"]]}';
    const reader = createAnswerReader({ maxCount: 5 });
    reader.write(Buffer.from(text, 'utf8'));
    reader.end();
    assert.deepEqual(reader.next(), { type: 'headers', headers: [], exception: null });
    assert.deepEqual(reader.next(), { type: 'rows', rows: [['a&b']] });
    const end = reader.next();
    assert.ok(end?.type === 'end');
    const { headers: _headers, rows: _rows, ...summary } = parseFlexibleSearchResult(JSON.parse(text), 5);
    assert.deepEqual(end.summary, summary);
  });
});
