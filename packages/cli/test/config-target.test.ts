import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { parseConfig, defaultRawConfig, type RawTable } from '../src/config/schema.js';
import { selectTarget } from '../src/config/target.js';

const config = (toml: string) => parseConfig(parse(toml) as RawTable, '/x/config.toml', true);

const cfg = config(`
default_environment = "dev"
[environments.dev]
username = "dev-admin"
[environments.dev.endpoints.hac]
url = "https://dev.example.com:9002/"
ignore_ssl = true
[environments.prod]
default_endpoint = "node1"
protected = true
hac_path = "/hac_admin"
[environments.prod.endpoints.node1]
url = "https://prod.example.com"
timeout = 120
username = "deployer"
[environments.prod.endpoints.node2]
url = "https://node2.prod.example.com"
read_only = true
hac_path = ""
`);

describe('selectTarget', () => {
  it('uses the default environment and its default endpoint', () => {
    const t = selectTarget(cfg, {});
    assert.equal(t.sessionEnvironment, 'dev/hac');
    assert.equal(t.url, 'https://dev.example.com:9002');
    assert.equal(t.hacPath, '/hac');
    assert.equal(t.ignoreSsl, true);
    assert.equal(t.timeoutSeconds, 30);
    assert.equal(t.configUsername, 'dev-admin');
    assert.equal(t.protected, false);
  });

  it('merges environment settings into endpoints (the endpoint wins); flags win over both', () => {
    const node1 = selectTarget(cfg, { env: 'prod' });
    assert.deepEqual(
      [node1.endpoint, node1.hacPath, node1.protected, node1.readOnly, node1.timeoutSeconds, node1.configUsername],
      ['node1', '/hac_admin', true, false, 120, 'deployer'],
    );
    const node2 = selectTarget(cfg, { env: 'prod', endpoint: 'node2', insecure: true, timeoutSeconds: 5 });
    assert.deepEqual([node2.hacPath, node2.readOnly, node2.ignoreSsl, node2.timeoutSeconds, node2.sessionEnvironment], ['', true, true, 5, 'prod/node2']);
  });

  it('names what is defined when the environment or endpoint is unknown', () => {
    assert.throws(() => selectTarget(cfg, { env: 'qa' }), /environment "qa" is not defined in \/x\/config\.toml \(defined: dev, prod\)/);
    assert.throws(() => selectTarget(cfg, { env: 'prod', endpoint: 'node9' }), /endpoint "node9" is not defined in environment "prod" \(defined: node1, node2\); add it with: hac endpoint add prod node9 --url URL$/);
    assert.throws(
      () => selectTarget(parseConfig(defaultRawConfig(), '/none/config.toml', false), { env: 'qa' }),
      /^CliUsageError: environment "qa" is not defined \(no config file yet at \/none\/config\.toml; built in: local\); add it with: hac env add qa --url URL, or pass --url URL$/,
    );
  });

  it('--url of a configured endpoint keeps its guard rails', () => {
    const t = selectTarget(cfg, { url: 'https://prod.example.com/' });
    assert.equal(t.sessionEnvironment, 'prod/node1');
    assert.equal(t.protected, true);
    assert.equal(t.inConfig, true);
  });

  it('--url elsewhere is ad hoc: environment host:port, endpoint hac, context path from the URL', () => {
    const t = selectTarget(cfg, { url: 'http://127.0.0.1:4567/hac_x' });
    assert.deepEqual([t.environment, t.endpoint, t.sessionEnvironment, t.url, t.hacPath, t.protected, t.inConfig], ['127.0.0.1:4567', 'hac', '127.0.0.1:4567/hac', 'http://127.0.0.1:4567', '/hac_x', false, false]);
    assert.equal(selectTarget(cfg, { url: 'http://127.0.0.1:4567' }).hacPath, '/hac');
  });

  it('--url with -e uses that environment’s settings for the given URL', () => {
    const t = selectTarget(cfg, { url: 'https://10.0.0.9', env: 'prod' });
    assert.deepEqual([t.sessionEnvironment, t.url, t.protected, t.hacPath], ['prod/node1', 'https://10.0.0.9', true, '/hac_admin']);
  });

  it('--url of a guarded endpoint stays guarded whatever -e or -n says (a typo must not lift protection)', () => {
    for (const flags of [{ env: 'prdo' }, { env: 'dev' }, { endpoint: 'other' }]) {
      const t = selectTarget(cfg, { url: 'https://prod.example.com', ...flags });
      assert.equal(t.protected, true, JSON.stringify(flags));
    }
    assert.equal(selectTarget(cfg, { url: 'https://node2.prod.example.com', env: 'adhoc' }).readOnly, true);
    assert.equal(selectTarget(cfg, { url: 'https://elsewhere.example.com', env: 'adhoc' }).protected, false);
  });

  it('rejects URLs with credentials or other schemes', () => {
    assert.throws(
      () => selectTarget(cfg, { url: 'https://admin:nimda@x.example' }),
      (error: Error) => /^--url must not contain credentials \(https:\/\/\*\*\*@x\.example…\): pass the user with -u/.test(error.message) && !error.message.includes('nimda'),
    );
    assert.throws(() => selectTarget(cfg, { url: 'ftp://x.example' }), /--url must be/);
  });

  it('refuses a ;jsessionid, query or fragment in --url without repeating it (it may hold a session id or token)', () => {
    for (const url of ['https://x.example/hac;jsessionid=S3SS10N', 'https://x.example/hac?_csrf=S3SS10N', 'https://x.example/hac#S3SS10N']) {
      assert.throws(
        () => selectTarget(cfg, { url }),
        (error: Error) => /^--url must be an http\(s\) URL .*, got "https:\/\/x\.example\/hac[;?#]…"$/.test(error.message) && !error.message.includes('S3SS10N'),
        url,
      );
    }
  });

  it('the defaults without a file match the Python CLI', () => {
    const t = selectTarget(parseConfig(defaultRawConfig(), '/none', false), {});
    assert.deepEqual([t.sessionEnvironment, t.url, t.ignoreSsl, t.timeoutSeconds, t.hacPath], ['local/hac', 'https://localhost:9002', true, 30, '/hac']);
  });
});

describe('parseConfig', () => {
  it('picks `hac` or the first endpoint when default_endpoint is missing, `local` or the first environment likewise', () => {
    const c = config('[environments.b.endpoints.x]\nurl = "http://x"\n[environments.b.endpoints.y]\nurl = "http://y"\n');
    assert.equal(c.defaultEnvironment, 'b');
    assert.equal(c.environments.get('b')?.defaultEndpoint, 'x');
  });

  it('rejects a URL with a path and names the key', () => {
    assert.throws(() => config('[environments.a.endpoints.hac]\nurl = "https://x/hac"\n'), /"environments\.a\.endpoints\.hac\.url" must be an http\(s\) URL without a path \(put the context path in hac_path\)/);
  });

  it('rejects a URL with credentials without echoing the password', () => {
    assert.throws(
      () => config('[environments.a.endpoints.hac]\nurl = "https://admin:s3cret@x.example:9002"\n'),
      (error: Error) =>
        /"environments\.a\.endpoints\.hac\.url" must not contain credentials \(https:\/\/\*\*\*@x\.example:9002…\): set username/.test(error.message) && !error.message.includes('s3cret'),
    );
  });
});
