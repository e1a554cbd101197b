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

  it('--drop-tables needs two confirmations, also on an unprotected environment', async () => {
    const once = await box.run(['update', 'run', '--drop-tables', '--yes', '--no-follow']);
    assert.equal(once.code, 2);
    assert.match(once.stderr, /--drop-tables needs two confirmations: .* pass --yes twice \(-yy\) to confirm/);
    assert.equal(emu.requests.filter((r) => r.method === 'POST').length, 0);
    const twice = await box.run(['update', 'run', '--drop-tables', '-yy', '--no-follow']);
    assert.notEqual(twice.code, 2, twice.stderr);
  });
});
