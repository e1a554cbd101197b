import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractCsrfToken, findLoginForm, parsedCsrfToken, parsedLoginForm } from '../src/internal/html.js';
import { scanCsrfToken, scanLoginForm } from '../src/internal/html-scan.js';

/** login.jsp's shape: `<sec:csrfMetaTags/>` writes three metas, the form its hidden `_csrf` input. */
const HAC_LOGIN = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8" />
  <title>hybris administration console | Login</title>
  <meta name="_csrf_parameter" content="_csrf" />
  <meta name="_csrf_header" content="X-CSRF-TOKEN" />
  <meta name="_csrf" content="0b7c1f5e-2f6a-4e1b-9c3d-6a1f0e2d4b5c" />
  <script type="text/javascript">if (a < b && '<meta name="_csrf" content="in-script">') {}</script>
</head>
<body id="login">
  <!-- redirect_detection - do not remove! -->
  <div id="loginForm"><form name="loginForm" action="/hac/j_spring_security_check" method="POST">
    <input type="text" id="j_username" name="j_username" value="" autofocus="autofocus" />
    <input type="password" id="j_password" name="j_password" value="" />
    <select name="locale"><option value="en" selected>English</option></select>
    <input type="hidden" name="_csrf" value="0b7c1f5e-2f6a-4e1b-9c3d-6a1f0e2d4b5c" />
    <button type="submit">login</button>
  </form></div>
</body>
</html>`;

const DASHBOARD = `<!DOCTYPE html><html><head>\n\t<meta charset="UTF-8"/>\n\t<meta name="_csrf" content="dash-token"/>
<style>a > b { x: '<meta name="_csrf" content="in-style">' }</style></head>
<body><a href="/hac/console?a=1&amp;b=2">x</a><form action="/hac/j_spring_security_logout" method="post"><input type="hidden" name="_csrf" value="dash-token"/></form>
<textarea><meta name="_csrf" content="in-textarea"></textarea></body></html>`;

/** Pages both readings must agree on, from HAC's shapes to odd markup. */
const PAGES: Record<string, string> = {
  'HAC login.jsp': HAC_LOGIN,
  'HAC dashboard': DASHBOARD,
  'attributes in any order, single quotes, unquoted': `<meta content='m-1' name=_csrf><form action=login.do><input name=user><input type=password name='pw'><input type=hidden name=extra value="v 1"></form>`,
  'a form in a comment is no form': `<!-- <form action="/evil/j_spring_security_check"><input type="hidden" name="_csrf" value="fake"></form> --><form action="/hac/j_spring_security_check"><input type="password" name="p"><input type="hidden" name="_csrf" value="real"></form>`,
  'a form in a script is no form': `<script>document.write('<form action="/x/j_spring_security_check"><input type=hidden name=_csrf value=fake></form>')</script><form action="/hac/j_spring_security_check"><input name="_csrf" type="hidden" value="real"></form>`,
  'the form with a password field when none posts to j_spring_security_check': `<form action="/search"><input name="q"></form><form action="/sso/login"><input type="email" name="mail"><input type="password" name="secret"></form>`,
  'the meta token when the form has none': `<meta name="_csrf" content="from-meta"><form action="/hac/j_spring_security_check"><input type="password" name="j_password"></form>`,
  'an empty first meta leaves the input': `<meta name="_csrf"><meta name="_csrf" content="second"><input name="_csrf" value="from-input">`,
  'hidden fields kept, the first of repeated attributes': `<form action="/hac/j_spring_security_check" action="/other"><input type="hidden" name="locale" value="de"><input type="hidden" value="t" name="_csrf"><input type="hidden" name="noValue"><input type="password" name="j_password"></form>`,
  'a lone < in text and a stray end tag': `<p>1 < 2 </p></form><form action="/hac/j_spring_security_check"><input type="password" name="pw"></form>`,
  'no token, no form': '<html><body><p>nothing here</p></body></html>',
};

/** Pages the scan must leave to the parser (it answers `undefined` for them). */
const NOT_PLAIN: Record<string, string> = {
  'a character reference in the action': `<form action="/hac/j_spring_security_check?a=1&amp;b=2"><input type="password" name="p"></form>`,
  'a character reference in the token': `<meta name="_csrf" content="a&#x2F;b">`,
  'nested forms': `<form action="/a"><form action="/hac/j_spring_security_check"><input type="password" name="p"></form></form>`,
  'an unclosed form': `<form action="/hac/j_spring_security_check"><input type="password" name="p">`,
  'an empty comment <!-->': `<!--><meta name="_csrf" content="t">`,
  'a comment ended by --!>': `<!-- x --!><meta name="_csrf" content="t"><!-- y -->`,
  'a quote where an attribute name belongs': `<meta name="_csrf" "content"="t"><form action="/hac/j_spring_security_check"><input type="password"></form>`,
  'the page ends inside a tag': `<form action="/hac/j_spring_security_check"><input type="password" name="p"></form><meta name="_csrf" content="t"`,
};

describe('the small HTML scan of the login exchange', () => {
  it('reads HAC\'s login page and start page itself (no parser), skipping scripts, styles, textareas and comments', () => {
    assert.deepEqual(scanLoginForm(HAC_LOGIN), {
      action: '/hac/j_spring_security_check',
      csrfToken: '0b7c1f5e-2f6a-4e1b-9c3d-6a1f0e2d4b5c',
      hidden: {},
      usernameField: 'j_username',
      passwordField: 'j_password',
    });
    assert.equal(scanCsrfToken(HAC_LOGIN), '0b7c1f5e-2f6a-4e1b-9c3d-6a1f0e2d4b5c');
    assert.equal(scanCsrfToken(DASHBOARD), 'dash-token');
  });

  it('reads names as HTML does, whatever their case (node-html-parser\'s selectors miss upper-case attribute names)', () => {
    const page = `<META CONTENT='m-1' NAME=_csrf><FORM ACTION=login.do><INPUT NAME=user><Input Type=PASSWORD name='pw'></FORM>`;
    assert.deepEqual(scanLoginForm(page), { action: 'login.do', csrfToken: 'm-1', hidden: {}, usernameField: 'user', passwordField: 'pw' });
    assert.equal(scanCsrfToken(page), 'm-1');
  });

  for (const [name, page] of Object.entries(PAGES)) {
    it(`agrees with the parser: ${name}`, () => {
      const form = scanLoginForm(page);
      if (form !== undefined) assert.deepEqual(form, parsedLoginForm(page));
      const token = scanCsrfToken(page);
      if (token !== undefined) assert.equal(token, parsedCsrfToken(page));
      // What the library uses: the scan's answer, else the parser's.
      assert.deepEqual(findLoginForm(page), parsedLoginForm(page));
      assert.equal(extractCsrfToken(page), parsedCsrfToken(page));
    });
  }

  for (const [name, page] of Object.entries(NOT_PLAIN)) {
    it(`leaves the page to the parser: ${name}`, () => {
      assert.equal(scanLoginForm(page), undefined);
      assert.equal(scanCsrfToken(page), undefined);
      assert.deepEqual(findLoginForm(page), parsedLoginForm(page));
      assert.equal(extractCsrfToken(page), parsedCsrfToken(page));
    });
  }
});
