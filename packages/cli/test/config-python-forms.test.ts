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

    const asked = await box.run(['env', 'remove', 'staging']);
    assert.equal(asked.code, 2);
    assert.match(asked.stderr, /Remove environment 'staging': not confirmed \(no terminal to ask on\); pass -f\/--force to confirm/);
    const forced = await box.run(['env', 'remove', 'staging', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal((await box.run(['env', 'list', '-q'])).stdout, 'local\nproduction\n');
  });
});
