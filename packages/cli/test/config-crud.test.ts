import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

const withUnknownKeys = `# hand-written
default_environment = "dev"
team = "commerce"          # unknown top-level key

[environments.dev]
default_endpoint = "hac"
color = "green"            # unknown environment key

[environments.dev.endpoints.hac]
url = "https://dev.example.com:9002"
ignore_ssl = true
timeout = 60
note = "keep me"           # unknown endpoint key

[environments.dev.endpoints.hac.extra]
nested = [1, 2, 3]
`;

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('hac env / hac endpoint edit the config file', () => {
  let box: HacSandbox;
  // smol-toml builds null-prototype objects; JSON makes them plain for deepEqual.
  const doc = async (): Promise<Doc> => JSON.parse(JSON.stringify(parse(await box.readConfig()))) as Doc;
  const ok = async (args: string[]): Promise<string> => {
    const result = await box.run(args);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };

  before(async () => {
    box = await createSandbox();
  });
  beforeEach(() => box.writeConfig(withUnknownKeys));
  after(() => box.cleanup());

  it('round-trips env add/update/set-default/remove keeping unknown keys, file mode 0600', async () => {
    await ok(['env', 'add', 'prod', '--url', 'https://hac.prod.example.com', '-n', 'node1', '-u', 'deployer', '--protected', '--timeout', '120']);
    let d = await doc();
    assert.equal(d['team'], 'commerce');
    assert.equal(d['environments'].dev.color, 'green');
    assert.equal(d['environments'].dev.endpoints.hac.note, 'keep me');
    assert.deepEqual(d['environments'].dev.endpoints.hac.extra, { nested: [1, 2, 3] });
    assert.deepEqual(d['environments'].prod, {
      default_endpoint: 'node1',
      username: 'deployer',
      protected: true,
      endpoints: { node1: { url: 'https://hac.prod.example.com', timeout: 120 } },
    });
    assert.equal((await stat(box.configPath)).mode & 0o777, 0o600);

    await ok(['env', 'update', 'prod', '--read-only', '--no-protected']);
    await ok(['env', 'set-default', 'prod']);
    d = await doc();
    assert.equal(d['default_environment'], 'prod');
    assert.equal(d['environments'].prod.read_only, true);
    assert.equal(d['environments'].prod.protected, false);

    // The Python CLI's JSON shape: endpoints keyed by name, default_endpoint, is_default.
    const list = JSON.parse(await ok(['env', 'list', '--json'])) as Array<{ name: string; is_default: boolean; default_endpoint: string; endpoints: Record<string, { url: string }> }>;
    assert.deepEqual(
      list.map((e) => [e.name, e.is_default, e.endpoints[e.default_endpoint]?.url]),
      [
        ['dev', false, 'https://dev.example.com:9002'],
        ['prod', true, 'https://hac.prod.example.com'],
      ],
    );

    const refused = await box.run(['env', 'remove', 'prod', '--force']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^hac: "prod" is the default environment: choose another one first/);
    await ok(['env', 'set-default', 'dev']);
    await ok(['env', 'remove', 'prod', '-f']);
    d = await doc();
    assert.equal(d['environments'].prod, undefined);
    assert.equal(d['team'], 'commerce');
  });

  it('round-trips endpoint add/update/set-default/remove, with ENV positional or -e', async () => {
    await ok(['endpoint', 'add', 'dev', 'node2', '--url', 'http://10.0.0.2:9001/hac_admin', '--read-only']);
    await ok(['endpoint', 'update', 'node2', '-e', 'dev', '--timeout', '5', '-k']);
    let d = await doc();
    assert.deepEqual(d['environments'].dev.endpoints.node2, {
      url: 'http://10.0.0.2:9001',
      hac_path: '/hac_admin',
      read_only: true,
      timeout: 5,
      ignore_ssl: true,
    });
    const names = await ok(['endpoint', 'list', 'dev', '--names']);
    assert.deepEqual(names.trim().split('\n'), ['hac', 'node2']);

    const refused = await box.run(['endpoint', 'remove', 'dev', 'hac']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /default endpoint/);
    await ok(['endpoint', 'set-default', 'dev', 'node2']);
    await ok(['endpoint', 'remove', 'dev', 'hac']);
    d = await doc();
    assert.equal(d['environments'].dev.default_endpoint, 'node2');
    assert.equal(d['environments'].dev.endpoints.hac, undefined);
    assert.equal(d['environments'].dev.color, 'green');

    const shown = JSON.parse(await ok(['endpoint', 'show', 'dev', 'node2', '--json'])) as Record<string, unknown>;
    assert.equal(shown['hac_path'], '/hac_admin');
    assert.equal(shown['read_only'], true);
  });

  it('refuses edits that would break the file, with exit 2', async () => {
    for (const args of [
      ['env', 'add', 'dev', '--url', 'https://x.example'], // exists
      ['env', 'add', 'nourl', '--timeout', '5'], // an endpoint setting without --url
      ['env', 'add', 'bad', '--url', 'ftp://x.example'],
      ['env', 'add', 'creds', '--url', 'https://admin:s3cret-pw@x.example'], // the password must not be echoed
      ['endpoint', 'add', 'nope', 'x', '--url', 'https://x.example'], // unknown environment
      ['endpoint', 'update', 'dev', 'hac'], // nothing to update
      ['env', 'set-default', 'nope'],
    ]) {
      const result = await box.run(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^hac: /);
      assert.ok(!result.stderr.includes('s3cret-pw'), result.stderr);
    }
    assert.equal(await box.readConfig(), withUnknownKeys, 'the file is untouched');
  });

  it('concurrent edits from several processes are all kept', async () => {
    const names = ['qa1', 'qa2', 'qa3', 'qa4'];
    const results = await Promise.all(names.map((name) => box.run(['env', 'add', name, '--url', `https://${name}.example.com`])));
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    const d = await doc();
    for (const name of names) assert.ok(d['environments'][name], `${name} kept`);
    assert.equal(d['team'], 'commerce');
  });

  it('writes through a symlinked config file', async () => {
    const { lstat, rename, rm, symlink, readFile } = await import('node:fs/promises');
    const real = `${box.dir}/dotfiles-config.toml`;
    await rename(box.configPath, real);
    await symlink(real, box.configPath);
    await ok(['env', 'set-default', 'dev']);
    assert.ok((await lstat(box.configPath)).isSymbolicLink(), 'still a link');
    assert.match(await readFile(real, 'utf8'), /team = "commerce"/);
    await rm(box.configPath);
  });

  it('creates the file from the defaults on first edit (local is kept)', async () => {
    const { rm } = await import('node:fs/promises');
    await rm(box.configPath);
    await ok(['env', 'add', 'dev', '--url', 'https://dev.example.com']);
    const d = await doc();
    assert.equal(d['default_environment'], 'local');
    assert.deepEqual(Object.keys(d['environments']), ['local', 'dev']);
    assert.equal(d['environments'].local.endpoints.hac.ignore_ssl, true);
  });
});

describe('invalid config files', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox();
  });
  after(() => box.cleanup());

  const cases: Array<[string, string, RegExp]> = [
    ['TOML syntax error', 'default_environment = \n', /line 1/],
    ['url missing', '[environments.a.endpoints.hac]\ntimeout = 3\n', /"environments\.a\.endpoints\.hac\.url" is missing/],
    ['url with a bad scheme', '[environments.a.endpoints.hac]\nurl = "ftp://x"\n', /must be an http\(s\) URL/],
    // The password must not reach stderr: only `https://***@host…` is shown.
    ['url with a password', '[environments.a.endpoints.hac]\nurl = "https://admin:s3cret@x"\n', /must not contain credentials \(https:\/\/\*\*\*@x…\)(?!.*s3cret)/],
    ['timeout not a number', '[environments.a.endpoints.hac]\nurl = "http://x"\ntimeout = "30"\n', /timeout" must be a positive number/],
    ['default_environment undefined', 'default_environment = "zz"\n[environments.a.endpoints.hac]\nurl = "http://x"\n', /names environment "zz", which is not defined/],
    ['protected not a boolean', '[environments.a]\nprotected = "yes"\n[environments.a.endpoints.hac]\nurl = "http://x"\n', /protected" must be true or false/],
  ];
  for (const [index, [name, toml, problem]] of cases.entries()) {
    it(`exits 2 with one line naming the file: ${name}`, async () => {
      await box.writeConfig(toml);
      // Every kind of command stops on an invalid file; checking that once keeps the suite fast.
      const commands = index === 0 ? [['config', 'validate'], ['env', 'list'], ['session', 'start']] : [['config', 'validate']];
      for (const args of commands) {
        const result = await box.run(args);
        assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
        const lines = result.stderr.trim().split('\n');
        assert.equal(lines.length, 1, result.stderr);
        assert.ok(lines[0]?.startsWith(`hac: invalid config file ${box.configPath}: `), lines[0]);
        assert.match(lines[0] ?? '', problem);
      }
    });
  }

  it('validate accepts a good file and warns about unknown keys', async () => {
    await box.writeConfig('[environments.a]\nreadonly = true\n[environments.a.endpoints.hac]\nurl = "http://x.example"\n');
    const result = await box.run(['config', 'validate']);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /unknown key "environments\.a\.readonly"/);
    assert.match(result.stderr, /valid \(1 environment\(s\), 1 endpoint\(s\)\)/);
  });

  it('config show redacts secret-looking values', async () => {
    await box.writeConfig('[environments.a]\npassword = "hunter22"\n[environments.a.endpoints.hac]\nurl = "http://x.example"\napi_token = "tok-123456"\n');
    const result = await box.run(['config', 'show']);
    assert.equal(result.code, 0);
    assert.doesNotMatch(result.stdout + result.stderr, /hunter22|tok-123456/);
    assert.match(result.stdout, /password = "\[REDACTED\]"/);
  });
});
