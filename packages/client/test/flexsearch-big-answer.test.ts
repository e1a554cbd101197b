import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { BasicAuthHandler, HacClient } from '../src/index.js';
import { parseFlexibleSearchResult } from '../src/consoles/parse-flexsearch.js';
import { startFakeHac, type FakeHac } from './session-helpers.js';

// Answers past a megabyte, whose text the client takes as latin1 when every byte is ASCII (an
// external string: bench/README.md): the cells must come out as JSON.parse of the UTF-8 text makes
// them, a character past the first megabyte that is not ASCII included.
const ROWS = 40_000;
const answer = (last: string): string =>
  JSON.stringify({
    query: 'SELECT {pk} FROM {Product}',
    exception: null,
    resultList: Array.from({ length: ROWS }, (_, i) => [String(8796093022208 + i), i === ROWS - 1 ? last : `Product &amp; co ${i}`, null]),
    headers: ['PK', 'NAME', 'X'],
    resultCount: ROWS,
  });
const bodies: Record<string, string> = {
  // JSON's escape: the text is ASCII, the cell is not.
  ascii: answer('plain éscaped').replace('plain é', 'plain \\u00e9'),
  utf8: answer('Zürich 😀 東京'),
};
let hac: FakeHac;

before(async () => {
  hac = await startFakeHac((req, res) => {
    let form = '';
    req.on('data', (chunk: Buffer) => (form += chunk.toString()));
    req.on('end', () => {
      const kind = /ascii/.test(decodeURIComponent(form)) ? 'ascii' : 'utf8';
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(bodies[kind]);
    });
  });
});

after(() => hac.close());

it('an answer over a megabyte reads as the UTF-8 text parsed once, ASCII only or not', async () => {
  const client = new HacClient({ baseUrl: hac.baseUrl, authHandler: new BasicAuthHandler('admin', 'nimda'), cacheDir: hac.cacheDir });
  for (const [kind, body] of Object.entries(bodies)) {
    assert.ok(Buffer.byteLength(body) > 1_100_000, 'past Node’s size for external strings');
    const result = await client.executeFlexibleSearch(`SELECT {pk} FROM {Product} -- ${kind}`, { maxCount: -1 });
    assert.deepEqual(result, parseFlexibleSearchResult(JSON.parse(body), -1), kind);
    assert.equal(result.rows.at(-1)?.[1], kind === 'ascii' ? 'plain éscaped' : 'Zürich 😀 東京');
    assert.equal(result.rows[0]?.[1], 'Product & co 0');
  }
  await client.close();
});
