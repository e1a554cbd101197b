import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResponseHeaders } from '../src/internal/headers.js';
import type { RawResponse } from '../src/internal/http.js';
import { REDACTED, Redactor, redactPatterns } from '../src/internal/redact.js';
import type { HacRequest } from '../src/internal/transport.js';
import type { SessionContext } from '../src/session/context.js';
import { toHacResponse } from '../src/session/exchange.js';

describe('redaction', () => {
  it('masks cookies, tokens and passwords by syntax', () => {
    const cases: [string, string][] = [
      ['Cookie: JSESSIONID=ABC123; ROUTE=.n1', `Cookie: ${REDACTED}`],
      ['set-cookie: JSESSIONID=ABC; Path=/hac', `set-cookie: ${REDACTED}`],
      ['X-CSRF-TOKEN: 1234-5678', `X-CSRF-TOKEN: ${REDACTED}`],
      ['POST https://h/hac/x?_csrf=1234-5678&a=1', `POST https://h/hac/x?_csrf=${REDACTED}&a=1`],
      ['j_username=admin&j_password=nimda&_csrf=t0k', `j_username=admin&j_password=${REDACTED}&_csrf=${REDACTED}`],
      ['jsessionid=abc', `jsessionid=${REDACTED}`],
      ['<meta name="_csrf" content="uuid-1"/>', `<meta name="_csrf" content="${REDACTED}"/>`],
      ['<input type="hidden" value="uuid-2" name="_csrf"/>', `<input type="hidden" value="${REDACTED}" name="_csrf"/>`],
      ['{"session_id": "S1", "csrf_token": "T1", "username": "admin"}', `{"session_id": "${REDACTED}", "csrf_token": "${REDACTED}", "username": "admin"}`],
    ];
    for (const [input, expected] of cases) assert.equal(redactPatterns(input), expected, input);
  });

  it('masks known secret values anywhere, also percent-encoded', () => {
    const r = new Redactor();
    r.add('p@ss word!', 'SESSION-XYZ-1', null, undefined, 'ab');
    const out = r.redact('user said p@ss word! then p%40ss%20word! and SESSION-XYZ-1 in a body; ab stays');
    assert.equal(out, `user said ${REDACTED} then ${REDACTED} and ${REDACTED} in a body; ab stays`);
  });

  it('masks a secret added after a URL was first redacted (URLs are remembered only until a secret is added)', () => {
    const r = new Redactor();
    r.add('FIRST-SECRET');
    const url = 'http://h/hac/console?x=LATER-SECRET&y=FIRST-SECRET';
    assert.equal(r.url(url), `http://h/hac/console?x=LATER-SECRET&y=${REDACTED}`);
    r.add('LATER-SECRET');
    assert.equal(r.url(new URL(url)), `http://h/hac/console?x=${REDACTED}&y=${REDACTED}`);
    assert.equal(r.redact(`a LATER-SECRET b`), `a ${REDACTED} b`);
  });

  it('cuts excerpts after redacting, so a secret on the cut is still masked', () => {
    const r = new Redactor();
    r.add('0123456789SECRET');
    const body = `${'x'.repeat(10)}   \n  0123456789SECRET and more`;
    const excerpt = r.excerpt(body, 15);
    assert.ok(!excerpt.includes('0123456789'), excerpt);
    assert.ok(excerpt.endsWith('…'));
  });
});

describe('the URL of an answer', () => {
  /** A context with a redactor that counts its URL redactions (all `toHacResponse` uses of the context). */
  function counted(): { ctx: SessionContext; urls: () => number } {
    const redactor = new Redactor();
    redactor.add('SECRET-SESSION');
    let urls = 0;
    const url = redactor.url.bind(redactor);
    redactor.url = (value) => {
      urls += 1;
      return url(value);
    };
    return { ctx: { redactor } as unknown as SessionContext, urls: () => urls };
  }
  const answer = (status: number, body: string): RawResponse => ({
    status,
    url: 'http://hac.test/hac/console/scripting/execute;jsessionid=SECRET-SESSION',
    headers: new ResponseHeaders({ 'content-type': 'application/json' }),
    setCookies: [],
    body: Buffer.from(body),
    elapsedMs: 1,
  });
  const request: HacRequest = { method: 'POST', path: '/console/scripting/execute', expect: 'json' };

  it('is redacted when read, not for every answer (the redaction patterns cost a process ~0.4 ms to compile)', () => {
    const { ctx, urls } = counted();
    const response = toHacResponse(ctx, request, answer(200, '{"executionResult":"1"}'));
    assert.deepEqual(response.json(), { executionResult: '1' });
    assert.equal(urls(), 0, 'a successful answer whose URL nobody reads redacts nothing');
    assert.equal(response.url, `http://hac.test/hac/console/scripting/execute;jsessionid=${REDACTED}`);
  });

  it('an error still names it redacted', () => {
    const { ctx } = counted();
    assert.throws(() => toHacResponse(ctx, request, answer(500, 'boom')), (error: Error) => {
      assert.match(error.message, /HTTP 500 \(server error\): POST http:\/\/hac\.test\/hac\/console\/scripting\/execute;jsessionid=\[REDACTED\]$/);
      return true;
    });
    assert.throws(() => toHacResponse(ctx, request, answer(200, 'not json')), /something other than JSON: POST .*jsessionid=\[REDACTED\]$/);
  });
});
