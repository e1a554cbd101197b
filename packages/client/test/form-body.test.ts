import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { urlEncodedForm } from '../src/internal/form-body.js';

const decode = (form: Parameters<typeof urlEncodedForm>[0]): [string, string][] => {
  const body = urlEncodedForm(form);
  const bytes = Buffer.concat(body.chunks);
  assert.equal(bytes.length, body.length);
  return [...new URLSearchParams(bytes.toString('latin1'))];
};

describe('form bodies', () => {
  it('decode to exactly the fields given: reserved characters, unicode, repeated keys', () => {
    const script = 'INSERT_UPDATE Product;code[unique=true];name[lang=de]\n;a&b=c+d %41;Grüße 😀 \'quoted\' (x)*~!\r\n';
    assert.deepEqual(decode({ scriptContent: script, 'a b': ['1', '2'], empty: '' }), [
      ['scriptContent', script],
      ['a b', '1'],
      ['a b', '2'],
      ['empty', ''],
    ]);
  });

  it('a value spanning many slices keeps surrogate pairs whole; a lone surrogate becomes U+FFFD as in URLSearchParams', () => {
    // A pair straddles every slice boundary (slices are 256 Ki UTF-16 units).
    const big = `${'a'.repeat(256 * 1024 - 1)}😀${'ü;'.repeat(200_000)}😀`;
    assert.deepEqual(decode({ big }), [['big', big]]);
    assert.deepEqual(decode({ lone: 'x\uD800y\uDC00' }), [...new URLSearchParams({ lone: 'x\uD800y\uDC00' })]);
  });
});
