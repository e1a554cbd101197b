/**
 * `hac env` / `hac endpoint` in the Python CLI's forms, beyond the documented lines that
 * python-docs.test.ts runs: `-u` is the URL on endpoint commands, an empty environment, the
 * built-in `local`, list options, and removal that asks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

describe('env and endpoint commands in the Python CLI forms', () => {
  let box: HacSandbox;
  before(async () => (box = await createSandbox()));
  after(() => box.cleanup());

  it('env add without --url, then endpoint add -u URL; the built-in local is replaced, not refused', async () => {
    await box.writeConfig('default_environment = "local"\n[environments.local]\ndefault_endpoint = "hac"\n[environments.local.endpoints.hac]\nignore_ssl = true\nurl = "https://localhost:9002"\ntimeout = 30\n');
    for (const args of [
      ['env', 'add', 'local'],
      ['endpoint', 'add', 'local', 'hac', '-u', 'https://localhost:9012', '--ignore-ssl', '--set-default'],
      ['env', 'add', 'production', '-d'],
      ['endpoint', 'add', 'production', 'node1', '--url', 'https://10.0.1.10:9002', '--username', 'svc'],
    ]) {
      const result = await box.run(args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(parse(await box.readConfig()))), {
      default_environment: 'production',
      environments: {
        local: { default_endpoint: 'hac', endpoints: { hac: { url: 'https://localhost:9012', ignore_ssl: true } } },
        production: { default_endpoint: 'node1', endpoints: { node1: { url: 'https://10.0.1.10:9002', username: 'svc' } } },
      },
    });
    const again = await box.run(['env', 'add', 'local']);
    assert.equal(again.code, 2, 'a local of the user’s own is not replaced');
    assert.match(again.stderr, /environment "local" already exists/);

    const notUrl = await box.run(['endpoint', 'update', 'production', 'node1', '-u', 'admin']);
    assert.equal(notUrl.code, 2);
    assert.match(notUrl.stderr, /^hac: -u "admin" is not a URL: on endpoint commands -u is the URL \(as in the Python CLI\); set the username with --username\n$/);
  });

  it('list: -q names only, -f json in the Python shape, --no-headers; remove asks unless -f', async () => {
    const names = await box.run(['endpoint', 'list', 'production', '-q']);
    assert.equal(names.stdout, 'node1\n');
    const json = JSON.parse((await box.run(['endpoint', 'list', 'production', '-f', 'json'])).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(json.map((e) => [e['name'], e['url'], e['ignore_ssl'], e['timeout'], e['is_default']]), [['node1', 'https://10.0.1.10:9002', false, 30, true]]);
    const bare = await box.run(['env', 'list', '--no-headers', '-f', 'tsv']);
    assert.deepEqual(bare.stdout.split('\n').map((line) => line.split('\t')[0]), ['local', 'production', '']);

    const empty = await box.run(['env', 'add', 'staging']);
    assert.equal(empty.code, 0, empty.stderr);
    const unusable = await box.run(['-e', 'staging', 'groovy', 'return 1']);
    assert.equal(unusable.code, 2);
    assert.match(unusable.stderr, /^hac: environment "staging" has no endpoint yet: add one with hac endpoint add staging NAME --url URL\n$/);

    const warned = await box.run(['config', 'validate']);
    assert.equal(warned.code, 0, 'an empty environment is no error');
    assert.match(warned.stderr, /warning: environment "staging" has no endpoint yet: add one with hac endpoint add staging NAME --url URL/);

    const asked = await box.run(['env', 'remove', 'staging']);
    assert.equal(asked.code, 2);
    assert.match(asked.stderr, /Remove environment 'staging': not confirmed \(no terminal to ask on\); pass -f\/--force to confirm/);
    const forced = await box.run(['env', 'remove', 'staging', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal((await box.run(['env', 'list', '-q'])).stdout, 'local\nproduction\n');
  });

  it('hac config with the Python flags: -l, -e NAME --json, -p, -v, -x (an example that validates)', async () => {
    const list = await box.run(['config', '-l']);
    assert.equal(list.stdout, 'Configured environments:\n  - local\n  - production (default)\n');
    const env = JSON.parse((await box.run(['config', '-e', 'production', '--json'])).stdout) as Record<string, unknown>;
    assert.deepEqual([env['name'], env['url'], env['is_default'], env['password_configured']], ['production', 'https://10.0.1.10:9002', true, false]);
    const path = JSON.parse((await box.run(['config', '--path', '--json'])).stdout) as Record<string, unknown>;
    assert.deepEqual(path, { config_path: box.configPath, exists: true });
    const valid = await box.run(['config', '-v']);
    assert.equal(valid.code, 0, valid.stderr);
    assert.match(valid.stdout, /^Configuration is valid\n/);
    const example = await box.run(['config', '-x']);
    const { writeFile } = await import('node:fs/promises');
    const examplePath = `${box.dir}/example.toml`;
    await writeFile(examplePath, example.stdout);
    const checked = await box.run(['config', 'validate'], { env: { HAC_CLIENT_CONFIG_PATH: examplePath } });
    assert.equal(checked.code, 0, checked.stderr);
    assert.equal(checked.stderr, `${examplePath}: valid (2 environment(s), 3 endpoint(s))\n`, 'no warning about the example');
    assert.ok(!/password\s*=/.test(example.stdout), 'no password in the example');
  });

  it('reads the flat form ([environments.NAME] url = …) as one endpoint "hac"; an edit nests it; a password there is not used', async () => {
    await box.writeConfig('default_environment = "dev"\n[environments.dev]\nurl = "https://dev.example.com"\nusername = "admin"\npassword = "s3cret"\nignore_ssl = true\ntimeout = 60\n');
    const shown = JSON.parse((await box.run(['env', 'show', 'dev', '--json'])).stdout) as { default_endpoint: string; username: string; endpoints: Record<string, Record<string, unknown>> };
    assert.deepEqual([shown.default_endpoint, shown.username, shown.endpoints['hac']?.['url'], shown.endpoints['hac']?.['ignore_ssl'], shown.endpoints['hac']?.['timeout']], ['hac', 'admin', 'https://dev.example.com', true, 60]);
    assert.match((await box.run(['env', 'show', 'dev'])).stdout, /^hac path +\/hac$/m, 'the context path in use, HAC\'s default when none is set');
    const validate = await box.run(['config', 'validate']);
    assert.equal(validate.code, 0);
    assert.match(validate.stderr, /warning: "environments\.dev\.password" is not used: hac never reads a password from a file \(set HAC_PASSWORD_DEV/);
    assert.match(validate.stderr, /note: environment "dev" is in the Python CLI's flat form/);
    assert.ok(!validate.stderr.includes('s3cret'));
    assert.equal((await box.run(['endpoint', 'add', 'dev', 'node2', '-u', 'https://dev2.example.com'])).code, 0);
    const nested = JSON.parse(JSON.stringify(parse(await box.readConfig()))) as { environments: { dev: Record<string, unknown> } };
    assert.deepEqual(nested.environments.dev, {
      username: 'admin',
      password: 's3cret', // the user's key, kept as every unknown key is
      default_endpoint: 'hac',
      endpoints: { hac: { url: 'https://dev.example.com', ignore_ssl: true, timeout: 60 }, node2: { url: 'https://dev2.example.com' } },
    });
    await box.writeConfig('[environments.x]\nurl = "https://a.example"\n[environments.x.endpoints.hac]\nurl = "https://b.example"\n');
    const mixed = await box.run(['config', 'validate']);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /"environments\.x" has both url \(the Python CLI's flat form\) and endpoints/);
  });
});
