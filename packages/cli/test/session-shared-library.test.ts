/**
 * The session cache is shared: a session the library (`hac-client`, as any script or the Python
 * tool would) stored under `ENV/ENDPOINT` is listed and used by `hac`, and the other way round,
 * without a second login.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HacClient } from 'hac-client';
import { ADMIN, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { type HacSandbox } from './helpers/hac-process.js';

const LOGIN = '/hac/j_spring_security_check';

describe('sessions shared between hac and the library', () => {
  let emu: Emulator;
  let box: HacSandbox;
  const libraryClient = (): HacClient =>
    new HacClient({
      baseUrl: emu.url,
      authHandler: { username: ADMIN.username, getCredentials: async () => ADMIN },
      environment: 'test/hac',
      cacheDir: box.cacheDir,
      quiet: true,
    });

  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  beforeEach(async () => {
    await box.run(['session', 'clear-all', '--force']);
    emu.resetRequests();
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('a session the library logged in is listed and used by hac (no second login)', async () => {
    const client = libraryClient();
    await client.login();
    await client.close();
    assert.equal(emu.count('POST', LOGIN), 1);

    const list = await box.run(['session', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const sessions = JSON.parse(list.stdout) as Array<{ environment: string; url: string; username: string }>;
    assert.deepEqual(sessions.map((s) => [s.environment, s.url, s.username]), [['test/hac', emu.url, 'admin']]);

    const query = await box.run(['groovy', 'return 5'], { env: { HAC_PASSWORD: undefined } });
    assert.equal(query.code, 0, query.stderr);
    assert.equal(query.stdout, '5\n');
    assert.equal(emu.count('POST', LOGIN), 1, 'hac used the library’s session (and needed no password)');
  });

  it('a session hac logged in is used by the library (no second login)', async () => {
    const login = await box.run(['login']);
    assert.equal(login.code, 0, login.stderr);
    assert.equal(emu.count('POST', LOGIN), 1);

    const client = libraryClient();
    const result = await client.executeGroovy('return 6');
    await client.close();
    assert.equal(result.executionResult, '6');
    assert.equal(emu.count('POST', LOGIN), 1, 'the library used hac’s session');
  });
});
