/** Which `--url` is "the same endpoint" as a configured one (pure: selectTarget and its helpers). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { canonicalContextPath, canonicalHost, isLoopbackHost } from '../src/config/same-endpoint.js';
import { parseConfig, type RawTable } from '../src/config/schema.js';
import { selectTarget } from '../src/config/target.js';

const cfg = parseConfig(
  parse(`
[environments.prod]
protected = true
hac_path = "/hac_admin"
[environments.prod.endpoints.hac]
url = "https://prod.example.com"
[environments.tunnel]
read_only = true
[environments.tunnel.endpoints.hac]
url = "http://localhost:9443"
[environments.local.endpoints.hac]
url = "http://127.0.0.1:8080"
[environments.localprod]
protected = true
[environments.localprod.endpoints.hac]
url = "http://127.0.0.1:8081"
`) as RawTable,
  '/x/config.toml',
  true,
);

describe('--url is compared as a normalised origin and context path', () => {
  it('case, default ports, trailing dots and context path spellings name the configured endpoint', () => {
    for (const url of [
      'HTTPS://PROD.Example.COM',
      'https://prod.example.com:443',
      'https://prod.example.com.',
      'https://prod.example.com..:443/',
      'https://prod.example.com/hac_admin/',
      'https://prod.example.com//hac_admin//',
      'https://prod.example.com/%68ac_admin',
      'https://prod.example.com/x/../hac_admin',
    ]) {
      const t = selectTarget(cfg, { url });
      assert.deepEqual([t.sessionEnvironment, t.protected, t.inConfig], ['prod/hac', true, true], url);
    }
  });

  it('an IPv4-mapped IPv6 address is the IPv4 address, and so are numeric spellings of it', () => {
    for (const url of ['http://127.1:8081', 'http://2130706433:8081', 'http://[::ffff:127.0.0.1]:8081', 'http://[::FFFF:7f00:1]:8081', 'http://[0:0:0:0:0:ffff:127.0.0.1]:8081/']) {
      const t = selectTarget(cfg, { url });
      assert.deepEqual([t.sessionEnvironment, t.protected], ['localprod/hac', true], url);
    }
  });

  it('another scheme, port, host or context path is another endpoint', () => {
    for (const url of ['http://prod.example.com', 'https://prod.example.com:8443', 'https://prod2.example.com', 'https://prod.example.com/HAC_ADMIN', 'https://prod.example.com/hac']) {
      const t = selectTarget(cfg, { url });
      assert.equal(t.inConfig, false, url);
      assert.equal(t.protected, false, url);
    }
  });

  it('localhost, 127.x and ::1 are one machine for the guard rails, not for choosing the endpoint', () => {
    for (const url of ['http://127.0.0.1:9443', 'http://[::1]:9443', 'http://127.1:9443', 'http://app.localhost:9443']) {
      const t = selectTarget(cfg, { url });
      assert.equal(t.readOnly, true, url);
      assert.equal(t.inConfig, false, `${url}: ad hoc target, the tunnel's read_only still applies`);
    }
    assert.equal(selectTarget(cfg, { url: 'http://localhost:8081' }).protected, true);
    assert.equal(selectTarget(cfg, { url: 'http://localhost:8080' }).protected, false);
  });

  it('helpers', () => {
    assert.equal(canonicalHost('[::ffff:a00:1]'), '10.0.0.1');
    assert.equal(canonicalHost('Example.COM.'), 'example.com');
    assert.equal(canonicalContextPath('/a/%2Fb/'), '/a/%2Fb', 'an encoded slash is not a separator');
    assert.equal(canonicalContextPath(''), '');
    assert.ok(isLoopbackHost('[::ffff:127.0.0.2]'));
    assert.ok(!isLoopbackHost('128.0.0.1'));
  });
});
