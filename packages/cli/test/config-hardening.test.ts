/**
 * The config file as an attack surface and a secret store: `config show` prints no secret in any
 * form, and `config validate` flags names that are unsafe as shell words.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redactConfig } from '../src/config/redact.js';
import { unsafeShellWordReason } from '../src/config/shell-words.js';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

const secrets = ['S3ssionIdValue', 'dXNlcjpodW50ZXIy', 'pw-in-url', 'tok-in-query', 'ABCDEF0123456789ABCDEF0123456789', 'hunter22', 'nested-secret'];

const hostile = `[environments.dev]
session_id = "S3ssionIdValue"
proxy = "http://proxyuser:pw-in-url@proxy.example:3128"
note = "pasted from the browser: JSESSIONID=ABCDEF0123456789ABCDEF0123456789.node0"
[environments.dev.headers]
Authorization = "Basic dXNlcjpodW50ZXIy"
[environments.dev.credentials]
items = ["hunter22", { deep = "nested-secret" }]
[environments.dev.endpoints.hac]
url = "https://dev.example.com:9002"
monitor = "https://mon.example/?user=me&access_token=tok-in-query"
`;

describe('config show redacts secrets', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox();
    await box.writeConfig(hostile);
  });
  after(() => box.cleanup());

  for (const format of [[], ['--json'], ['--format', 'ndjson']]) {
    it(`in ${format[format.length - 1] ?? 'TOML'} form`, async () => {
      const result = await box.run(['config', 'show', ...format]);
      assert.equal(result.code, 0, result.stderr);
      for (const secret of secrets) assert.ok(!(result.stdout + result.stderr).includes(secret), `${secret} shown:\n${result.stdout}`);
      // What identifies the values stays readable.
      assert.match(result.stdout, /http:\/\/proxyuser:\[REDACTED\]@proxy\.example:3128/);
      assert.match(result.stdout, /user=me&access_token=\[REDACTED\]/);
      assert.match(result.stdout, /https:\/\/dev\.example\.com:9002/);
    });
  }

  it('redactConfig keeps ordinary values and hides secret-named keys at any depth', () => {
    const out = redactConfig({ a: { url: 'http://h:9002', timeout: 30, password: 'x', list: [{ api_key: 'k' }], cookie: { jar: 'c' } } });
    assert.deepEqual(out, { a: { url: 'http://h:9002', timeout: 30, password: '[REDACTED]', list: [{ api_key: '[REDACTED]' }], cookie: { jar: '[REDACTED]' } } });
  });
});

describe('config validate flags names that are unsafe as shell words', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox();
  });
  after(() => box.cleanup());

  it('names each unsafe environment and endpoint name and says why (exit 0: the file is usable)', async () => {
    await box.writeConfig(
      '[environments."x$(touch pwned)".endpoints.hac]\nurl = "http://a.example"\n' +
        '[environments.ok.endpoints."-n"]\nurl = "http://b.example"\n' +
        '[environments."prod-eu_1.2".endpoints.hac]\nurl = "http://c.example"\n',
    );
    const result = await box.run(['config', 'validate']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /environment "x\$\(touch pwned\)" is unsafe as a shell word: it contains \$ \( space \)/);
    assert.match(result.stderr, /endpoint "-n" of environment "ok" is unsafe as a shell word: it starts with "-"/);
    assert.doesNotMatch(result.stderr, /prod-eu_1\.2/);
  });

  it('env add and endpoint add refuse such a name (exit 2, nothing written); names already in the file keep working', async () => {
    await box.writeConfig('[environments.ok.endpoints.hac]\nurl = "http://a.example"\n');
    const before = await box.readConfig();
    for (const args of [
      ['env', 'add', 'x$(touch pwned)', '--url', 'http://b.example'],
      ['env', 'add', 'fine', '--url', 'http://b.example', '-n', 'a b'],
      ['env', 'add', '--url', 'http://b.example', '--', '-x'],
      ['endpoint', 'add', 'ok', 'a;b', '--url', 'http://b.example'],
    ]) {
      const result = await box.run(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^hac: (environment|endpoint) name ".*" is unsafe as a shell word: it (contains|starts with) .*; use letters, digits, "\.", "_" and "-"\n/);
    }
    assert.equal(await box.readConfig(), before);
    assert.equal((await box.run(['endpoint', 'add', 'ok', 'node-2.eu_1', '--url', 'http://c.example'])).code, 0);
  });

  it('unsafeShellWordReason: letters (any script), digits, . _ - are safe', () => {
    for (const safe of ['prod', 'prod-eu_1.2', 'prüfung', '本番']) assert.equal(unsafeShellWordReason(safe), undefined, safe);
    for (const unsafe of ['', 'a b', 'a;b', "a'b", 'a`b`', 'a*', '~x', 'a\nb', '-x', 'a\u001b]52;c;x\u0007']) {
      assert.ok(unsafeShellWordReason(unsafe), JSON.stringify(unsafe));
    }
    assert.match(unsafeShellWordReason('a\u001bb') ?? '', /\\u001b/);
  });
});
