import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findSetCookie, LoginCookieJar, secureCookieWithheld } from '../src/internal/cookies.js';

const HAC = 'http://commerce-server:9002';

describe('Set-Cookie lines', () => {
  it('reads attributes in any case and order, keeps quoted values verbatim and matches names case-insensitively', () => {
    const url = 'https://commerce-server:9002/hac/login';
    assert.deepEqual(findSetCookie(['JSESSIONID="A B"; sEcUrE; hTtPoNlY; pAtH=/hac'], 'JSESSIONID', url), {
      name: 'JSESSIONID',
      value: '"A B"',
      deleted: false,
    });
    assert.deepEqual(findSetCookie(['max-age=60; Path=/'], 'max-age', url), { name: 'max-age', value: '60', deleted: false });
    const lines = ['other=1', 'JSESSIONID=old; Path=/hac', 'jsessionid=new; MAX-AGE=3600; Path=/hac'];
    assert.equal(findSetCookie(lines, 'JSESSIONID', url)?.value, 'new');
    assert.equal(findSetCookie(lines, 'jSessionId', url)?.name, 'jsessionid');
    assert.equal(findSetCookie(['garbage', '=x'], 'JSESSIONID', url), undefined);
  });

  it('sees deletions: Max-Age=0 or an Expires in the past', () => {
    const url = `${HAC}/hac/`;
    assert.equal(findSetCookie(['ROUTE=; Max-Age=0; Path=/'], 'ROUTE', url)?.deleted, true);
    assert.equal(findSetCookie(['route=x; path=/; max-age=0'], 'ROUTE', url)?.deleted, true);
    assert.equal(findSetCookie(['ROUTE=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT'], 'ROUTE', url)?.deleted, true);
    assert.equal(findSetCookie(['ROUTE=x; Expires=Fri, 01 Jan 2100 00:00:00 GMT'], 'ROUTE', url)?.deleted, false);
  });

  it('ignores a cookie a browser would refuse: Domain of another host, Secure over plain HTTP', () => {
    assert.equal(findSetCookie(['JSESSIONID=evil; Domain=other.example; Path=/'], 'JSESSIONID', `${HAC}/hac/`), undefined);
    assert.equal(findSetCookie(['JSESSIONID=s; Secure'], 'JSESSIONID', `${HAC}/hac/`), undefined);
    assert.equal(findSetCookie(['JSESSIONID=ok; Domain=commerce-server'], 'JSESSIONID', `${HAC}/hac/`)?.value, 'ok');
  });
});

describe('a Secure session cookie over plain HTTP', () => {
  // HAC's web.xml marks JSESSIONID Secure on every connection.
  const line = 'JSESSIONID=0A1B2C; Path=/hac; Secure; HttpOnly';

  it('is withheld from a non-loopback host over http://, so it could never be sent back', () => {
    assert.equal(secureCookieWithheld([line], 'JSESSIONID', `${HAC}/hac/login`), true);
    assert.equal(secureCookieWithheld(['jsessionid=x; secure'], 'JSESSIONID', 'http://192.0.2.7:9001/hac/login'), true);
  });

  it('is kept over https:// and on loopback over http://, as browsers treat localhost as secure', () => {
    for (const origin of ['https://commerce-server:9002', 'http://localhost:9001', 'http://127.0.0.1:9001', 'http://[::1]:9001']) {
      assert.equal(secureCookieWithheld([line], 'JSESSIONID', `${origin}/hac/login`), false, origin);
      const jar = new LoginCookieJar(origin);
      jar.update([line], `${origin}/hac/login`);
      assert.equal(jar.get('JSESSIONID', `${origin}/hac/`), '0A1B2C', origin);
    }
  });

  it('ignores other cookies and cookies without Secure', () => {
    assert.equal(secureCookieWithheld(['ROUTE=.n1; Path=/; Secure'], 'JSESSIONID', `${HAC}/hac/login`), false);
    assert.equal(secureCookieWithheld(['JSESSIONID=x; Path=/hac; HttpOnly'], 'JSESSIONID', `${HAC}/hac/login`), false);
  });
});

describe('the login exchange jar', () => {
  it('follows RFC 6265: Max-Age before Expires, the default path, Domain with a leading dot or of a parent', () => {
    const jar = new LoginCookieJar('https://hac.example.com');
    jar.update(
      [
        'A=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        'B=2; Max-Age=0; Expires=Fri, 01 Jan 2100 00:00:00 GMT',
        'C=3; Path=relative',
        'D=4; Domain=.hac.example.com; Path=/',
        'E=5; Domain=example.com; Path=/hac/console',
        'F=6; Domain=com.example',
      ],
      'https://hac.example.com/hac/login',
    );
    // Longest path first; C and A have the default path /hac (the login URL's directory).
    assert.equal(jar.header('https://hac.example.com/hac/console/x'), 'E=5; A=1; C=3; D=4');
    assert.equal(jar.header('https://hac.example.com/hacker'), 'D=4');
    assert.equal(jar.get('B', 'https://hac.example.com/hac/'), undefined);
  });


  it('keeps host-only cookies for bare host names, localhost and IP addresses', () => {
    for (const origin of [HAC, 'http://localhost:9002', 'http://127.0.0.1:9002', 'http://[::1]:9002', 'https://hac.example.com']) {
      const jar = new LoginCookieJar(origin);
      jar.update(['JSESSIONID=pre; Path=/hac; HttpOnly', 'ROUTE=.n1; Path=/'], `${origin}/hac/login`);
      assert.equal(jar.header(`${origin}/hac/j_spring_security_check`), 'JSESSIONID=pre; ROUTE=.n1', origin);
      jar.update(['JSESSIONID=post; Path=/hac; HttpOnly'], `${origin}/hac/j_spring_security_check`);
      assert.equal(jar.get('jsessionid', `${origin}/hac/`), 'post', origin);
      assert.equal(jar.get('ROUTE', `${origin}/hac/`), '.n1', origin);
    }
  });

  it('honours paths: JSESSIONID (Path=/hac) only under /hac, ROUTE (Path=/) everywhere', () => {
    const jar = new LoginCookieJar(HAC);
    jar.update(['JSESSIONID=abc; Path=/hac', 'ROUTE=.n1; Path=/'], `${HAC}/hac/login`);
    assert.equal(jar.header(`${HAC}/hac/`), 'JSESSIONID=abc; ROUTE=.n1');
    assert.equal(jar.header(`${HAC}/backoffice/`), 'ROUTE=.n1');
    assert.equal(jar.get('JSESSIONID', `${HAC}/backoffice/`), undefined);
  });

  it('forgets a deleted cookie', () => {
    const jar = new LoginCookieJar(HAC);
    jar.update(['JSESSIONID=abc; Path=/hac', 'ROUTE=.n1; Path=/'], `${HAC}/hac/login`);
    jar.update(['ROUTE=; Max-Age=0; Path=/'], `${HAC}/hac/j_spring_security_check`);
    assert.equal(jar.header(`${HAC}/hac/`), 'JSESSIONID=abc');
    assert.equal(jar.get('ROUTE', `${HAC}/hac/`), undefined);
  });

  it('never sends a cookie set for another domain, nor any cookie outside the HAC origin', () => {
    const jar = new LoginCookieJar(HAC);
    jar.update(['tracker=1; Domain=other.example; Path=/', 'JSESSIONID=abc; Path=/hac'], `${HAC}/hac/login`);
    assert.equal(jar.header(`${HAC}/hac/`), 'JSESSIONID=abc');
    // Cookies ignore ports and schemes; the jar does not: another port or scheme is another origin.
    assert.equal(jar.header('http://commerce-server:8080/hac/'), undefined);
    assert.equal(jar.header('https://commerce-server:9002/hac/'), undefined);
    assert.equal(jar.get('JSESSIONID', 'http://commerce-server:8080/hac/'), undefined);
    // Set-Cookie from another origin is not taken either.
    jar.update(['JSESSIONID=foreign; Path=/hac'], 'http://commerce-server:8080/hac/login');
    assert.equal(jar.get('JSESSIONID', `${HAC}/hac/`), 'abc');
  });

  it('treats JSESSIONID and jsessionid as one cookie: the newest spelling replaces the other', () => {
    const jar = new LoginCookieJar(HAC);
    jar.update(['JSESSIONID=pre; Path=/hac'], `${HAC}/hac/login`);
    jar.update(['jsessionid=post; Path=/hac'], `${HAC}/hac/j_spring_security_check`);
    assert.equal(jar.header(`${HAC}/hac/`), 'jsessionid=post');
    assert.equal(jar.get('JSESSIONID', `${HAC}/hac/`), 'post');
  });
});
