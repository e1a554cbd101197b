/**
 * Only an escaped header or cell loads the HTML entity decoder: most answers have none, and in the
 * CLI the decoder is a file of its own, compiled on every run that loads it. A file of its own here
 * too: each test file runs in a fresh process, so nothing before this test loaded the decoder.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { parseFlexibleSearchResult } from '../src/consoles/parse-flexsearch.js';

const require = createRequire(import.meta.url);
const decoderLoaded = (): boolean => Object.keys(require.cache).some((path) => /[\\/]node_modules[\\/]entities[\\/]/.test(path));

const answer = (headers: string[], rows: (string | null)[][]): Record<string, unknown> => ({
  query: 'SELECT item_t0.p_code FROM products item_t0',
  exception: null,
  resultCount: rows.length,
  resultList: rows,
  headers,
});

describe('the HTML entity decoder of FlexibleSearch answers', () => {
  it('is not loaded for an answer without escapes; the first escaped header loads it', () => {
    const plain = parseFlexibleSearchResult(answer(['p_code', 'p_name'], [['c1', 'Name 1'], ['c2', null]]), 200);
    assert.deepEqual(plain.rows, [['c1', 'Name 1'], ['c2', null]]);
    assert.equal(decoderLoaded(), false);

    const escaped = parseFlexibleSearchResult(answer(['a &amp; b'], [['x']]), 200);
    assert.deepEqual(escaped.headers, ['a & b']);
    assert.equal(decoderLoaded(), true);
  });
});
