import assert from 'node:assert/strict';
import { it } from 'node:test';
import { HacContextPathError } from 'hac-client';
import { describeError } from '../src/mcp/tool-errors.js';

it('no HAC at the URL and context path: the model is told a human must fix the URL or hac_path, and that retrying will not help', () => {
  const error = new HacContextPathError('No HAC login page at https://shop.example/hac (HTTP 200: a page without a login form): check the URL and the context path (hacPath; default /hac): GET https://shop.example/hac/login', {
    status: 200,
    method: 'GET',
    url: 'https://shop.example/hac/login',
    excerpt: '<html>Shop</html>',
  });
  const paragraph = describeError(error, { sessionEnvironment: 'prod/hac', url: 'https://shop.example/hac', writes: true });
  assert.match(paragraph, /^No HAC at https:\/\/shop\.example\/hac: No HAC login page at [^]*\. A human must fix the URL or hac_path in the config of the hac mcp server process; retrying will not help \(nothing was sent but page reads\)\.$/);
});
