import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBrowserSession } from '../src/session-import.js';

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
