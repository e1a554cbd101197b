/**
 * `src/output/text-width.ts`: a grapheme segmenter is made only when a text is not plain ASCII
 * (making one loads ICU's break rules, ~10 ms that every `hac fs` paid at start-up).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as TextWidth from '../src/output/text-width.js';

describe('text width', () => {
  it('loading the module and measuring ASCII make no segmenter; the first non-ASCII text makes one, once', async () => {
    const Original = Intl.Segmenter;
    const intl = Intl as { Segmenter: typeof Intl.Segmenter }; // read-only in the types, not at run time
    let made = 0;
    intl.Segmenter = class extends Original {
      constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
        super(...args);
        made++;
      }
    };
    try {
      // A fresh instance of the module, whatever other tests of this process imported.
      const { displayWidth, truncateToWidth } = (await import(`../src/output/text-width.js?fresh=${Date.now()}`)) as typeof TextWidth;
      assert.equal(displayWidth('plain text'), 10);
      assert.equal(truncateToWidth('plain text', 20), 'plain text');
      assert.equal(made, 0);
      assert.equal(displayWidth('日本'), 4);
      assert.equal(displayWidth('e\u0301🇩🇪'), 2);
      assert.equal(truncateToWidth('plain text', 6), 'plain…');
      assert.equal(made, 1);
    } finally {
      intl.Segmenter = Original;
    }
  });
});
