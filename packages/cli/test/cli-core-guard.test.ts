import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { adminEnv, startTestEmulator, type Emulator } from './helpers/emulator.js';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

const EXECUTE = '/hac/console/scripting/execute';

describe('guard rails: protected, read_only, --drop-tables', () => {
  let emu: Emulator;
  let box: HacSandbox;

  before(async () => {
    emu = await startTestEmulator();
    box = await createSandbox(adminEnv());
    await box.writeConfig(`default_environment = "dev"
[environments.dev.endpoints.hac]
url = "${emu.url}"
[environments.prod]
protected = true
[environments.prod.endpoints.hac]
url = "${emu.url}"
[environments.audit]
read_only = true
[environments.audit.endpoints.hac]
url = "${emu.url}"
[environments.typo]
protectd = true
[environments.typo.endpoints.hac]
url = "${emu.url}"
Read-Only = true
`);
  });
  beforeEach(() => emu.resetRequests());
  after(async () => {
    await box.cleanup();
    await emu.close();
  });

  it('a protected environment refuses --commit without --yes when there is no terminal (exit 2, nothing sent)', async () => {
    const refused = await box.run(['-e', 'prod', 'groovy', 'return 1', '--commit']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^hac: prod is protected: refusing to commit changes on prod\/hac \(http:\/\/127\.0\.0\.1:\d+\) without confirmation; pass --yes to confirm\n$/);
    assert.equal(emu.count('POST', EXECUTE), 0);
  });

  it('a protected environment runs with --yes (before or after the subcommand) and without --commit', async () => {
    for (const args of [['-e', 'prod', 'groovy', 'return 1', '--commit', '--yes'], ['-y', 'groovy', 'return 1', '-c', '-e', 'prod'], ['-e', 'prod', 'groovy', 'return 1']]) {
      const result = await box.run(args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    }
    assert.equal(emu.count('POST', EXECUTE), 3);
  });

  it('a read-only environment refuses commit, import and update even with --yes (exit 2, clear message)', async () => {
    for (const args of [
      ['groovy', 'return 1', '--commit', '-yy'],
      ['impex', 'import', '-', '--yes'],
      ['update', 'run', '--yes'],
    ]) {
      const result = await box.run(['-e', 'audit', ...args], { input: 'INSERT_UPDATE Language;isocode[unique=true]\n;xx\n' });
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^hac: audit is read-only \(read_only = true in the config\): refusing to /);
    }
    const reading = await box.run(['-e', 'audit', 'groovy', 'return 1']);
    assert.equal(reading.code, 0, 'reading is allowed');
    assert.equal(emu.count('POST', EXECUTE), 1);
  });

  it('--url spelt differently (IPv4-mapped IPv6, localhost, trailing dot, context path) keeps the guard rails of the configured endpoint', async () => {
    const port = new URL(emu.url).port;
    // dev, prod and audit share this URL: the stricter settings win, so audit's read_only refuses.
    for (const url of [`http://[::ffff:127.0.0.1]:${port}`, `HTTP://[0:0:0:0:0:ffff:7f00:1]:${port}/hac/`, `http://localhost.:${port}//hac`]) {
      const result = await box.run(['--url', url, 'groovy', 'return 1', '--commit', '-yy']);
      assert.equal(result.code, 2, `${url}: ${result.stderr}`);
      assert.match(result.stderr, /read-only \(read_only = true in the config\): refusing to commit changes/);
    }
    assert.equal(emu.count('POST', EXECUTE), 0);
  });

  it('a misspelt protected/read_only key refuses destructive commands (exit 2) and validate names the key meant', async () => {
    const refused = await box.run(['-e', 'typo', 'groovy', 'return 1', '--commit', '-yy']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^hac: "environments\.typo\.protectd" in .*config\.toml looks like a misspelt protected: fix the config before anything is changed \(see: hac config validate\)\n$/);
    assert.equal(emu.count('POST', EXECUTE), 0);
    const reading = await box.run(['-e', 'typo', 'groovy', 'return 1']);
    assert.equal(reading.code, 0, reading.stderr);
    const validate = await box.run(['config', 'validate']);
    assert.equal(validate.code, 0, validate.stderr);
    assert.match(validate.stderr, /unknown key "environments\.typo\.protectd" \(kept, but not used; did you mean protected\?\)/);
    assert.match(validate.stderr, /unknown key "environments\.typo\.endpoints\.hac\.Read-Only" \(kept, but not used; did you mean read_only\?\)/);
  });

  it('--drop-tables needs two confirmations, also on an unprotected environment', async () => {
    const once = await box.run(['update', 'run', '--drop-tables', '--yes', '--no-follow']);
    assert.equal(once.code, 2);
    assert.match(once.stderr, /--drop-tables needs two confirmations: .* pass --yes twice \(-yy\) to confirm/);
    assert.equal(emu.requests.filter((r) => r.method === 'POST').length, 0);
    const twice = await box.run(['update', 'run', '--drop-tables', '-yy', '--no-follow']);
    assert.notEqual(twice.code, 2, twice.stderr);
  });

  it('--drop-tables on a protected environment: one --yes is not enough, -yy (or --yes --yes) runs it', async () => {
    for (const yes of [[], ['--yes'], ['-y']]) {
      const refused = await box.run(['-e', 'prod', 'update', 'run', '--drop-tables', '--no-follow', ...yes]);
      assert.equal(refused.code, 2, yes.join(' '));
      assert.match(refused.stderr, /^hac: --drop-tables needs two confirmations: refusing to .* on prod\/hac .* pass --yes twice \(-yy\) to confirm\n$/);
    }
    assert.equal(emu.requests.filter((r) => r.method === 'POST').length, 0, 'nothing was sent');
    for (const yes of [['-yy'], ['--yes', '--yes'], ['-y', 'update', '-y']]) {
      const args = yes.includes('update') ? ['-e', 'prod', ...yes, 'run', '--drop-tables', '--no-follow'] : ['-e', 'prod', 'update', 'run', '--drop-tables', '--no-follow', ...yes];
      const confirmed = await box.run(args, { env: { HAC_UPDATE_POLL_MS: '40' } });
      assert.equal(confirmed.code, 0, `${args.join(' ')}: ${confirmed.stderr}`);
    }
    assert.equal(emu.count('POST', '/hac/platform/init/execute'), 3);
  });
});
