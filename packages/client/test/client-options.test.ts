import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { BasicAuthHandler, HacClient, HacClientError } from 'hac-client';
import { defaultCacheDir } from '../src/options.js';

const auth = new BasicAuthHandler('admin', 'nimda');

describe('HacClient options', () => {
  it('applies the documented defaults', () => {
    const client = new HacClient({ baseUrl: 'https://localhost:9002/', authHandler: auth });
    const o = client.options;
    assert.equal(o.baseUrl, 'https://localhost:9002');
    assert.equal(o.environment, 'local');
    assert.equal(o.sessionPersistence, true);
    assert.equal(o.hacPath, '/hac');
    assert.equal(o.timeoutMs, 30_000);
    assert.equal(o.ignoreSsl, false);
    assert.equal(o.quiet, false);
    assert.equal(o.maxRetries, 2);
    assert.equal(o.maxConnections, 10);
    assert.equal(o.maxResponseBytes, 256 * 1024 * 1024);
    assert.equal(o.sessionCookieName, 'JSESSIONID');
    assert.equal(o.cacheDir, defaultCacheDir());
    assert.equal(client.hacUrl, 'https://localhost:9002/hac');
  });

  it('keeps a timeout at the top of the timer range, and rounds a fraction up to a whole millisecond', () => {
    assert.equal(new HacClient({ baseUrl: 'http://h', authHandler: auth, timeoutMs: 2 ** 31 - 1 }).options.timeoutMs, 2 ** 31 - 1);
    assert.equal(new HacClient({ baseUrl: 'http://h', authHandler: auth, timeoutMs: 1500.2 }).options.timeoutMs, 1501);
  });

  // The Python tool keeps sessions in Path.home()/.cache/hac-client and never reads XDG_CACHE_HOME:
  // following it would split the sessions of the two tools whenever it is set.
  it('caches in ~/.cache/hac-client like the Python tool, whatever XDG_CACHE_HOME says', () => {
    assert.equal(defaultCacheDir({ HOME: '/home/u', XDG_CACHE_HOME: '/x/cache' }), '/home/u/.cache/hac-client');
    assert.equal(defaultCacheDir({}), join(homedir(), '.cache', 'hac-client'));
    const saved = { HOME: process.env['HOME'], XDG_CACHE_HOME: process.env['XDG_CACHE_HOME'] };
    try {
      process.env['HOME'] = '/home/someone';
      process.env['XDG_CACHE_HOME'] = '/elsewhere';
      assert.equal(new HacClient({ baseUrl: 'http://h', authHandler: auth }).options.cacheDir, '/home/someone/.cache/hac-client');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  // os.homedir() answers HOME="" as "" and HOME=x as x: the sessions would go into the working directory.
  it('takes an empty or relative HOME as none: the account\'s home, else a clear error', () => {
    // The module object the library reads (an ES namespace could not be mocked).
    const os = process.getBuiltinModule('node:os');
    const account = join(os.userInfo().homedir, '.cache', 'hac-client');
    assert.equal(defaultCacheDir({ HOME: '' }), account);
    assert.equal(defaultCacheDir({ HOME: 'relative/home' }), account);
    const noAccount = mock.method(os, 'userInfo', () => {
      throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
    });
    try {
      assert.throws(() => defaultCacheDir({ HOME: '' }), (error: Error) => error instanceof HacClientError && /HOME is "", not an absolute path.*set HOME or pass cacheDir/.test(error.message));
      assert.equal(defaultCacheDir({ HOME: '/home/u' }), '/home/u/.cache/hac-client', 'an absolute HOME needs no account');
      const savedHome = process.env['HOME'];
      process.env['HOME'] = '';
      try {
        assert.throws(() => new HacClient({ baseUrl: 'http://h', authHandler: auth }), HacClientError, 'a client that caches sessions needs a home');
        assert.equal(new HacClient({ baseUrl: 'http://h', authHandler: auth, sessionPersistence: false }).options.cacheDir, '', 'one that never caches does not');
      } finally {
        if (savedHome === undefined) delete process.env['HOME'];
        else process.env['HOME'] = savedHome;
      }
    } finally {
      noAccount.mock.restore();
    }
  });

  it('accepts the root context path as "" or "/"', () => {
    assert.equal(new HacClient({ baseUrl: 'http://h', authHandler: auth, hacPath: '' }).hacUrl, 'http://h');
    assert.equal(new HacClient({ baseUrl: 'http://h', authHandler: auth, hacPath: '/' }).options.hacPath, '');
  });

  it('takes the context path from a baseUrl that ends in it when hacPath is not given (the URL the emulator prints)', () => {
    const client = new HacClient({ baseUrl: 'http://127.0.0.1:9002/hac', authHandler: auth });
    assert.equal(client.options.baseUrl, 'http://127.0.0.1:9002');
    assert.equal(client.options.hacPath, '/hac');
    assert.equal(new HacClient({ baseUrl: 'https://h/hac_admin/', authHandler: auth }).hacUrl, 'https://h/hac_admin');
    assert.equal(new HacClient({ baseUrl: 'https://h/hac', authHandler: auth, hacPath: '/hac' }).hacUrl, 'https://h/hac', 'the same path twice agrees');
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['missing baseUrl', { baseUrl: '' }, /baseUrl is required/],
    ['not a URL', { baseUrl: 'localhost:9002' }, /http or https|not a valid URL/],
    ['ftp', { baseUrl: 'ftp://h' }, /http or https/],
    ['a path in baseUrl and another hacPath', { baseUrl: 'https://h:9002/hac', hacPath: '/admin' }, /baseUrl ends in a path \("\/hac"\) and hacPath is "\/admin"/],
    ['credentials in URL', { baseUrl: 'https://u:p@h' }, /credentials/],
    ['hacPath without slash', { hacPath: 'hac' }, /hacPath must start with "\/"/],
    ['hacPath trailing slash', { hacPath: '/hac/' }, /must not end with/],
    ['negative timeout', { timeoutMs: -1 }, /timeoutMs must be a number of milliseconds from 1 to 2147483647 .*got -1$/],
    ['zero timeout', { timeoutMs: 0 }, /timeoutMs must be .*got 0$/],
    // Node keeps timers up to 2^31-1 ms and fires longer ones after 1 ms: every request timed out at once.
    ['timeout past the timer range', { timeoutMs: 99_999_999_999 }, /timeoutMs must be .*got 99999999999$/],
    ['timeout 1e300', { timeoutMs: 1e300 }, /timeoutMs must be .*got 1e\+300$/],
    ['infinite timeout', { timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs must be .*got Infinity$/],
    ['NaN timeout', { timeoutMs: Number.NaN }, /timeoutMs must be .*got NaN$/],
    ['a tiny fraction of a millisecond', { timeoutMs: 1e-7 }, /timeoutMs must be .*got 1e-7$/],
    ['timeout as a string', { timeoutMs: '30000' }, /timeoutMs must be .*got "30000"$/],
    ['NaN retries', { maxRetries: Number.NaN }, /maxRetries/],
    ['fractional retries', { maxRetries: 1.5 }, /maxRetries must be a whole number from 0 to 10, got 1.5$/],
    ['too many retries', { maxRetries: 60 }, /maxRetries must be a whole number from 0 to 10, got 60$/],
    ['no connections', { maxConnections: 0 }, /maxConnections must be a whole number from 1 to 256, got 0$/],
    ['unbounded connections', { maxConnections: Number.POSITIVE_INFINITY }, /maxConnections must be .*got Infinity$/],
    ['a response cap below 1 KiB', { maxResponseBytes: 10 }, /maxResponseBytes must be a whole number from 1024 to/],
    ['empty environment', { environment: '' }, /environment/],
    ['no auth handler', { authHandler: undefined }, /authHandler is required/],
    ['bad cookie name', { sessionCookieName: 'a b' }, /sessionCookieName/],
  ];
  for (const [name, override, message] of bad) {
    it(`rejects ${name} at construction with a one-line message`, () => {
      assert.throws(
        () => new HacClient({ baseUrl: 'https://h:9002', authHandler: auth, ...override } as never),
        (error: unknown) => error instanceof HacClientError && message.test(error.message) && !error.message.includes('\n'),
      );
    });
  }

  it('never shows the password when the handler is logged or serialised', () => {
    const handler = new BasicAuthHandler('admin', 's3cret-pw');
    assert.ok(!JSON.stringify(handler).includes('s3cret-pw'));
    assert.ok(!JSON.stringify(new HacClient({ baseUrl: 'http://h', authHandler: handler }).options).includes('s3cret-pw'));
    assert.equal(handler.username, 'admin');
  });
});
