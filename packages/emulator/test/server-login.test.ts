import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HacServer } from '../src/server/http-server.js';
import { Browser, cookieValue, form, send, startTestServer } from './server-helpers.js';

describe('login, session and CSRF (HAC 2211)', () => {
  let server: HacServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('serves a login page with a Secure JSESSIONID (HAC web.xml, even over HTTP) and the token in meta, then in the form', async () => {
    const answer = await send(`${server.url}/hac/login`);
    assert.equal(answer.status, 200);
    const cookie = answer.setCookies.find((line) => line.startsWith('JSESSIONID='));
    assert.match(cookie ?? '', /^JSESSIONID=[0-9A-F]{32}; Path=\/hac; Secure; HttpOnly$/);
    const meta = /<meta name="_csrf" content="([0-9a-f-]{36})"/.exec(answer.body);
    const input = /<form name="loginForm" action="\/hac\/j_spring_security_check" method="POST">[\s\S]*<input type="hidden" name="_csrf" value="([0-9a-f-]{36})"/.exec(answer.body);
    assert.ok(meta && input);
    assert.equal(meta[1], input[1]);
    assert.ok(answer.body.indexOf('name="_csrf" content') < answer.body.indexOf('type="hidden" name="_csrf"'));
    assert.match(answer.body, /name="j_username"/);
    assert.match(answer.body, /name="j_password"/);
    // HAC's marker is a comment (login.jsp), not an element.
    assert.match(answer.body, /<!-- redirect_detection - do not remove! -->/);
    assert.doesNotMatch(answer.body, /id="redirect_detection"/);
  });

  it('rotates the session id and the token on login; the pre-login id and token are dead afterwards', async () => {
    const browser = new Browser(server.url);
    await browser.request('/hac/login');
    const preSession = browser.cookies.get('JSESSIONID');
    const preToken = browser.token;
    assert.ok(preSession && preToken);

    const login = await browser.post('/hac/j_spring_security_check', { j_username: 'admin', j_password: 'nimda', _csrf: preToken });
    assert.equal(login.status, 302);
    assert.equal(login.headers.location, '/hac/');
    const postSession = cookieValue(login.setCookies, 'JSESSIONID');
    assert.ok(postSession && postSession !== preSession);

    const dashboard = await browser.request('/hac/');
    assert.equal(dashboard.status, 200);
    assert.match(dashboard.body, /Dashboard/);
    assert.ok(browser.token && browser.token !== preToken);

    // The new session with the new token works; the old token on the new session does not.
    assert.equal((await browser.post('/hac/console/echo', { a: '1' }, { 'X-CSRF-TOKEN': browser.token })).status, 200);
    assert.equal((await browser.post('/hac/console/echo', { a: '1' }, { 'X-CSRF-TOKEN': preToken })).status, 405);
    // The pre-login session id is dead, even with its own token.
    const stale = await send(`${server.url}/hac/console/echo`, {
      method: 'POST',
      headers: { ...form({}).headers, Cookie: `JSESSIONID=${preSession}`, 'X-CSRF-TOKEN': preToken },
      body: '',
    });
    assert.equal(stale.status, 405);
    const staleGet = await send(`${server.url}/hac/`, { headers: { Cookie: `JSESSIONID=${preSession}` } });
    assert.equal(staleGet.status, 302);
  });

  it('redirects a failed login to the login page with login_error, keeping the session', async () => {
    const browser = new Browser(server.url);
    await browser.request('/hac/login');
    const answer = await browser.post('/hac/j_spring_security_check', { j_username: 'admin', j_password: 'wrong', _csrf: browser.token ?? '' });
    assert.equal(answer.status, 302);
    assert.equal(answer.headers.location, '/hac/login?login_error=1');
    assert.equal(answer.setCookies.length, 0);
    const page = await browser.request('/hac/login?login_error=1');
    assert.match(page.body, /not successful/);
    assert.equal((await browser.request('/hac/')).status, 302);
  });

  it('answers an unauthenticated GET with 302 to the login page', async () => {
    for (const path of ['/hac/', '/hac/console/echo', '/hac/no/such/page']) {
      const answer = await send(server.url + path);
      assert.equal(answer.status, 302, path);
      assert.equal(answer.headers.location, '/hac/login');
    }
    const root = await send(`${server.url}/hac`);
    assert.equal(root.status, 302);
    assert.equal(root.headers.location, '/hac/');
  });

  it('answers 405 to a POST without session, with a dead session, or without/with a wrong token', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    const url = `${server.url}/hac/console/echo`;
    const body = form({ a: '1' });
    assert.equal((await send(url, { method: 'POST', ...body })).status, 405);
    assert.equal((await send(url, { method: 'POST', headers: { ...body.headers, 'X-CSRF-TOKEN': browser.token ?? '' }, body: body.body })).status, 405);
    assert.equal((await send(url, { method: 'POST', headers: { ...body.headers, Cookie: browser.cookieHeader() }, body: body.body })).status, 405);
    const wrong = await send(url, { method: 'POST', headers: { ...body.headers, Cookie: browser.cookieHeader(), 'X-CSRF-TOKEN': '00000000-0000-0000-0000-000000000000' }, body: body.body });
    assert.equal(wrong.status, 405);
    assert.match(wrong.body, /HTTP Status 405/);
    const login = await send(`${server.url}/hac/j_spring_security_check`, { method: 'POST', ...form({ j_username: 'admin', j_password: 'nimda' }) });
    assert.equal(login.status, 405);
  });

  it('accepts the token as X-CSRF-TOKEN header, _csrf form field, or _csrf query (multipart)', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    const token = browser.token ?? '';
    const viaHeader = await browser.post('/hac/console/echo', { script: 'x' }, { 'X-CSRF-TOKEN': token, 'X-Requested-With': 'XMLHttpRequest' });
    assert.equal(viaHeader.status, 200);
    assert.equal(JSON.parse(viaHeader.body).form.script, 'x');
    assert.equal(JSON.parse(viaHeader.body).username, 'admin');
    assert.equal((await browser.post('/hac/console/echo', { script: 'y', _csrf: token })).status, 200);

    const boundary = '----hacboundary';
    const multipart =
      `--${boundary}\r\nContent-Disposition: form-data; name="validationEnum"\r\n\r\nIMPORT_STRICT\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.impex"\r\nContent-Type: text/plain\r\n\r\nINSERT Product;code\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}--\r\n`;
    const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const viaQuery = await browser.request(`/hac/console/echo?_csrf=${token}`, { method: 'POST', headers, body: multipart });
    assert.equal(viaQuery.status, 200);
    const echoed = JSON.parse(viaQuery.body);
    assert.equal(echoed.form.validationEnum, 'IMPORT_STRICT');
    assert.deepEqual(echoed.files, [{ field: 'file', filename: 'a.impex', content: 'INSERT Product;code' }]);
    // A multipart field is not a request parameter when Spring Security checks the token.
    assert.equal((await browser.request('/hac/console/echo', { method: 'POST', headers, body: multipart })).status, 405);
  });

  it('answers 404 for a trailing slash, unknown paths and paths outside the context; 405 for a wrong method', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    assert.equal((await browser.request('/hac/console/echo')).status, 200);
    const slash = await browser.request('/hac/console/echo/');
    assert.equal(slash.status, 404);
    assert.match(slash.body, /HTTP Status 404 – Not Found/);
    assert.equal((await browser.post('/hac/console/echo/', {}, { 'X-CSRF-TOKEN': browser.token ?? '' })).status, 404);
    assert.equal((await browser.request('/hac/nothing')).status, 404);
    assert.equal((await browser.request('/other')).status, 404);
    assert.equal((await browser.request('/__emulator/counts')).status, 404);
    // Repeated slashes are merged as Tomcat does; they are not a host name.
    assert.equal((await browser.request('//hac//console/echo')).status, 200);
    const wrongMethod = await browser.request('/hac/console/boom');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'POST');
    // The dashboard is a GET route like any other: a POST with a valid session and token is a wrong method.
    const postHome = await browser.post('/hac/', {}, { 'X-CSRF-TOKEN': browser.token ?? '' });
    assert.equal(postHome.status, 405);
    assert.equal(postHome.headers.allow, 'GET');
  });

  it('answers a failing route with a 500 HTML page', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    const answer = await browser.post('/hac/console/boom', {}, { 'X-CSRF-TOKEN': browser.token ?? '' });
    assert.equal(answer.status, 500);
    assert.match(answer.body, /HTTP Status 500/);
  });

  it('logs out with the token: the session is dead, 302 to the login page', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    const token = browser.token ?? '';
    assert.equal((await browser.post('/hac/j_spring_security_logout', {})).status, 405);
    const logout = await browser.post('/hac/j_spring_security_logout', { _csrf: token });
    assert.equal(logout.status, 302);
    assert.equal(logout.headers.location, '/hac/login');
    assert.equal((await browser.request('/hac/')).status, 302);
    assert.equal((await browser.post('/hac/console/echo', {}, { 'X-CSRF-TOKEN': token })).status, 405);
  });

  it('finds the session among extra cookies, in any order, with names matched case-sensitively', async () => {
    const browser = new Browser(server.url);
    await browser.login();
    const id = browser.cookies.get('JSESSIONID') ?? '';
    const ok = await send(`${server.url}/hac/console/echo`, { headers: { Cookie: `foo=bar; JSESSIONID=DEADBEEF; other="x"; JSESSIONID=${id}` } });
    assert.equal(ok.status, 200);
    const lower = await send(`${server.url}/hac/console/echo`, { headers: { Cookie: `jsessionid=${id}` } });
    assert.equal(lower.status, 302);
  });
});
