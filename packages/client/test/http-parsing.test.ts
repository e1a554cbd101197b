import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResponseHeaders } from '../src/internal/headers.js';
import { extractCsrfToken, findLoginForm, looksLikeLoginPage } from '../src/internal/html.js';
import type { RawResponse } from '../src/internal/http.js';
import type { HacRequest } from '../src/internal/transport.js';
import { isRejected } from '../src/session/exchange.js';

const LOGIN_PAGE = `<!DOCTYPE html><html><head>
<meta name="_csrf" content="meta-token"/>
</head><body><form name="loginForm" action="/hac/j_spring_security_check" method="POST">
<input type="text" name="j_username"/><input type="password" name="j_password"/>
<input type="hidden" value="form-token" name="_csrf"/></form></body></html>`;

describe('HTML reading', () => {
  it('finds the login form, its action and its own CSRF token (any attribute order)', () => {
    const form = findLoginForm(LOGIN_PAGE);
    assert.ok(form);
    assert.equal(form.action, '/hac/j_spring_security_check');
    assert.equal(form.csrfToken, 'form-token');
    assert.equal(form.usernameField, 'j_username');
    assert.equal(form.passwordField, 'j_password');
  });

  it('falls back to the meta token and to a form with a password field', () => {
    const form = findLoginForm(`<meta content="m-1" name="_csrf"><form action="login.do"><input name="user"><input type="password" name="pw"></form>`);
    assert.equal(form?.action, 'login.do');
    assert.equal(form?.csrfToken, 'm-1');
    assert.equal(form?.passwordField, 'pw');
    assert.equal(findLoginForm('<html><body>no form</body></html>'), undefined);
  });

  it('reads the CSRF token from meta first, else from the hidden input', () => {
    assert.equal(extractCsrfToken(LOGIN_PAGE), 'meta-token');
    assert.equal(extractCsrfToken('<input type="hidden" name="_csrf" value="only-input">'), 'only-input');
    assert.equal(extractCsrfToken('<p>none</p>'), undefined);
  });

  it('recognises the login page by its form or HAC\'s redirect_detection comment', () => {
    assert.equal(looksLikeLoginPage(LOGIN_PAGE), true);
    // login.jsp as HAC renders it: the marker is a comment before the form.
    const marker = '<body id="login">\n\t<!-- redirect_detection - do not remove! -->\n\t<div id="loginForm">login</div></body>';
    assert.equal(looksLikeLoginPage(marker), true);
    // The word in text, an element of that id, or the comment inside a text container is not the marker.
    assert.equal(looksLikeLoginPage('<p>redirect_detection - do not remove!</p>'), false);
    assert.equal(looksLikeLoginPage('<textarea name="scriptContent"><!-- redirect_detection - do not remove! --></textarea>'), false);
    assert.equal(looksLikeLoginPage('<form action="/hac/j_spring_security_logout"></form>'), false);
    // Words in text (an ImpEx script echoed in the editor), not elements: not the login page.
    const echoed = '<textarea name="scriptContent"># redirect_detection &lt;form action="/hac/j_spring_security_check"&gt;&lt;input name="j_password"&gt;</textarea>';
    assert.equal(looksLikeLoginPage(echoed), false);
  });
});

describe('session rejection (the only answers that are replayed)', () => {
  const res = (status: number, body = '', location?: string): RawResponse => ({
    status,
    url: 'http://h/hac/x',
    headers: new ResponseHeaders(location ? { location } : {}),
    setCookies: [],
    body: Buffer.from(body),
    elapsedMs: 1,
  });
  const post: HacRequest = { method: 'POST', path: '/x', expect: 'json' };
  const page: HacRequest = { method: 'GET', path: '/x', expect: 'html' };

  it('treats login redirects, 401/403/405 and the login page as rejections', () => {
    assert.equal(isRejected(res(302, '', 'http://h/hac/login'), post), true);
    assert.equal(isRejected(res(302, '', '/hac/login.jsp;jsessionid=1'), post), true);
    assert.equal(isRejected(res(405), post), true);
    assert.equal(isRejected(res(403), post), true);
    assert.equal(isRejected(res(200, LOGIN_PAGE), post), true);
    assert.equal(isRejected(res(200, LOGIN_PAGE), page), true);
  });

  it('a 401/403/405 on a GET is not a dead session (that gets a 302): HAC refuses the page itself', () => {
    for (const status of [401, 403, 405]) assert.equal(isRejected(res(status), page), false, String(status));
    assert.equal(isRejected(res(302, '', '/hac/login'), page), true);
  });

  it('never treats failures that may have run as rejections', () => {
    for (const status of [500, 502, 503, 504, 400, 404]) assert.equal(isRejected(res(status), post), false, String(status));
    assert.equal(isRejected(res(302, '', '/hac/console/impex'), post), false);
    assert.equal(isRejected(res(200, '{"executionResult":"j_spring_security_check j_password"}'), post), false);
    // A JSON object cut short is still no login page (a login form in a script's output, the answer cut off).
    const cut = `{"executionResult":"<form action='/hac/j_spring_security_check'><input type='password' name='j_password'></form>`;
    assert.equal(looksLikeLoginPage(cut), true, 'the markup alone looks like the login form');
    assert.equal(isRejected(res(200, cut), post), false);
    assert.equal(isRejected(res(200, LOGIN_PAGE), { ...post, expect: 'binary' }), false);
  });
});
