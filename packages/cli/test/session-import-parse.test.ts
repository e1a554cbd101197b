import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBrowserSession, sessionValueProblem } from '../src/session-import.js';

describe('parseBrowserSession', () => {
  it('reads a Cookie header alone', () => {
    assert.deepEqual(parseBrowserSession('Cookie: JSESSIONID=ABC123.node1; ROUTE=.pod-a; other=1'), { sessionId: 'ABC123.node1', route: '.pod-a' });
  });

  it('reads copied request headers (Cookie + X-CSRF-TOKEN), any case', () => {
    const text = 'POST /hac/console/scripting/execute HTTP/1.1\r\nx-csrf-token: 0b1c-22\r\ncookie: jsessionid=XYZ\r\n';
    assert.deepEqual(parseBrowserSession(text), { sessionId: 'XYZ', csrfToken: '0b1c-22' });
  });

  it('reads a "Copy as cURL" command line', () => {
    const curl = `curl 'https://h/hac/console/flexsearch/execute' -H 'X-CSRF-TOKEN: tok-1' -b 'JSESSIONID=S1; ROUTE=r2' --data-raw 'flexibleSearchQuery=x&_csrf=ignored'`;
    assert.deepEqual(parseBrowserSession(curl), { sessionId: 'S1', route: 'r2', csrfToken: 'tok-1' });
  });

  it('reads the token from page source or a _csrf form field', () => {
    assert.equal(parseBrowserSession('<meta name="_csrf" content="meta-tok"/>').csrfToken, 'meta-tok');
    assert.equal(parseBrowserSession('j_username=a&_csrf=form%2Dtok').csrfToken, 'form-tok');
  });

  it('finds nothing in unrelated text', () => {
    assert.deepEqual(parseBrowserSession('hello MYJSESSIONID=no'), {});
  });
});

describe('sessionValueProblem (values a cookie or header can carry)', () => {
  it('accepts session ids, UUID and base64 tokens, ROUTE values', () => {
    for (const value of ['7F3A0B1C2D3E4F5A6B7C8D9E0F1A2B3C.node1', '0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e', 'dGVzdA+/x==', '.pod-a']) {
      assert.equal(sessionValueProblem('session id', value), undefined, value);
    }
  });

  it('names the bad character (CR/LF, ";", space, quote, control, non-ASCII) without repeating the value', () => {
    const cases: Array<[string, RegExp]> = [
      ['abc\r\nSet-Cookie: x=1', /a carriage return/],
      ['abc\ndef', /a line break/],
      ['abc; ROUTE=evil', /";"/],
      ['abc def', /a space/],
      ['a"b', /a double quote/],
      ['a\u0007b', /control character U\+0007/],
      ['caf\u00e9', /non-ASCII character U\+00E9/],
      ['', /is empty/],
    ];
    for (const [value, expected] of cases) {
      const problem = sessionValueProblem('session id', value) ?? '';
      assert.match(problem, expected, JSON.stringify(value));
      if (value.length > 3) assert.ok(!problem.includes(value.slice(0, 3)), 'the value is not repeated');
    }
  });
});
