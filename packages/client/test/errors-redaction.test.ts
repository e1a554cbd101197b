import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, Redactor, redactPatterns } from '../src/internal/redact.js';

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
