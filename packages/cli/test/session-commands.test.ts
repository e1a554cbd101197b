import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { browserLogin, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { type HacSandbox } from './helpers/hac-process.js';

const LOGIN = '/hac/j_spring_security_check';

describe('hac session …', () => {
  let emu: Emulator;
  let box: HacSandbox;

  before(async () => ({ emu, box } = await startEmulatorSandbox({ config: { extra: '\n[environments.other.endpoints.hac]\nurl = "http://127.0.0.1:1"\n' } })));
  beforeEach(async () => {
    await box.run(['session', 'clear-all', '--force']);
    emu.resetRequests();
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('start logs in once, caches a 0600 file under ENV/ENDPOINT, and a second process reuses it', async () => {
    const first = await box.run(['session', 'start']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /logged in: test\/hac \(http:\/\/127\.0\.0\.1:\d+\/hac\) as admin/);
    const files = await box.sessionFiles();
    assert.equal(files.length, 1);
    assert.equal(files[0]?.['environment'], 'test/hac');
    assert.equal(files[0]?.['base_url'], emu.url);
    assert.equal(files[0]?.['username'], 'admin');
    const [name = ''] = await readdir(box.cacheDir);
    assert.equal((await stat(join(box.cacheDir, name))).mode & 0o777, 0o600);

    const second = await box.run(['session', 'start']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /cached session still valid/);
    assert.equal(emu.count('POST', LOGIN), 1, 'the second process did not log in again');

    const forced = await box.run(['login', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(emu.count('POST', LOGIN), 2);
  });

  it('two processes starting at once share one login', async () => {
    const [a, b] = await Promise.all([box.run(['session', 'start']), box.run(['session', 'start'])]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(emu.count('POST', LOGIN), 1);
    assert.equal((await box.sessionFiles()).length, 1);
  });

  it('list and show describe sessions without secrets', async () => {
    await box.run(['session', 'start']);
    const [file] = await box.sessionFiles();
    const secrets = [String(file?.['session_id']), String(file?.['csrf_token']), 'nimda'];

    const list = await box.run(['session', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const sessions = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0]?.['environment'], 'test/hac');
    assert.equal(sessions[0]?.['username'], 'admin');

    const table = await box.run(['session', 'list']);
    assert.match(table.stdout, /test\/hac/);

    const show = await box.run(['session', 'show']);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /environment\s+test\/hac/);
    assert.match(show.stdout, /idle\s+\d+s/);
    for (const out of [list.stdout, table.stdout, show.stdout, list.stderr, show.stderr]) {
      for (const secret of secrets) assert.ok(!out.includes(secret), 'no secret in the output');
    }

    const showJson = await box.run(['session', 'show', '--json']);
    const shown = JSON.parse(showJson.stdout) as Record<string, unknown>;
    assert.deepEqual([shown['environment'], shown['username'], shown['session_id'], shown['csrf_token']], ['test/hac', 'admin', '[REDACTED]', '[REDACTED]']);
    assert.ok(!secrets.some((secret) => showJson.stdout.includes(secret)));

    const none = await box.run(['session', 'show', 'other']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no cached session for other\/hac/);
  });

  it('clear removes the target’s session (Python syntax: session clear ENV -n EP); clear-all counts', async () => {
    await box.run(['session', 'start']);
    const otherEnv = await box.run(['session', 'clear', 'other', '-n', 'hac']);
    assert.equal(otherEnv.code, 0);
    assert.match(otherEnv.stderr, /no cached session for other\/hac/);
    assert.equal((await box.sessionFiles()).length, 1);

    const cleared = await box.run(['session', 'clear', 'test', '-n', 'hac']);
    assert.equal(cleared.code, 0, cleared.stderr);
    assert.match(cleared.stderr, /cleared 1 session\(s\) for test\/hac/);
    assert.equal((await box.sessionFiles()).length, 0);

    await box.run(['session', 'start']);
    await box.run(['session', 'start', '--url', emu.url, '-e', 'adhoc']);
    const all = await box.run(['session', 'clear-all', '--force']);
    assert.match(all.stderr, /cleared 2 session\(s\)/);
    assert.equal((await box.sessionFiles()).length, 0);
  });

  it('logout ends the session on HAC and removes it from the cache', async () => {
    await box.run(['session', 'start']);
    const out = await box.run(['logout']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stderr, /logged out: test\/hac/);
    assert.equal(emu.count('POST', '/hac/j_spring_security_logout'), 1);
    assert.equal((await box.sessionFiles()).length, 0);
    const again = await box.run(['logout']);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /no session for admin on test\/hac/);
  });

  it('show and clear keep to the username of the config when neither -u nor HAC_USERNAME is given', async () => {
    const added = await box.run(['env', 'add', 'cfguser', '--url', emu.url, '-u', 'admin']);
    assert.equal(added.code, 0, added.stderr);
    for (const user of ['admin', 'bob']) {
      const imported = await box.run(['-e', 'cfguser', '-u', user, 'session', 'import', '--session-id', `id-${user}`, '--csrf-token', `token-${user}`]);
      assert.equal(imported.code, 0, imported.stderr);
    }
    const noUserVar = { env: { HAC_USERNAME: undefined } };
    const shown = await box.run(['session', 'show', 'cfguser', '--json'], noUserVar);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal((JSON.parse(shown.stdout) as { username: string }).username, 'admin');
    const cleared = await box.run(['-e', 'cfguser', 'session', 'clear'], noUserVar);
    assert.match(cleared.stderr, /cleared 1 session\(s\) for cfguser\/hac/);
    assert.deepEqual((await box.sessionFiles()).map((f) => f['username']), ['bob']);
  });

  it('import takes a browser session from flags; the next call uses it with one request', async () => {
    const browser = await browserLogin(emu);
    emu.resetRequests();
    const imported = await box.run(['session', 'import', '--session-id', browser.sessionId, '--csrf-token', browser.csrfToken]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /imported a session for test\/hac/);
    assert.equal(emu.requests.length, 0, 'import itself sends nothing');

    const call = await box.run(['groovy', 'println "hi"'], { env: { HAC_PASSWORD: 'not-needed' } });
    assert.equal(call.code, 0, call.stderr);
    assert.deepEqual(
      emu.requests.map((r) => `${r.method} ${r.path}`),
      ['POST /hac/console/scripting/execute'],
    );
  });

  it('import reads a pasted Cookie header and X-CSRF-TOKEN from stdin', async () => {
    const browser = await browserLogin(emu);
    const pasted = `POST /hac/console/scripting/execute HTTP/1.1\nHost: x\nX-CSRF-TOKEN: ${browser.csrfToken}\nCookie: JSESSIONID=${browser.sessionId}; ROUTE=.node1\n`;
    const imported = await box.run(['session', 'import'], { input: pasted });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /with ROUTE/);
    const [file] = await box.sessionFiles();
    assert.equal(file?.['session_id'], browser.sessionId);
    assert.equal(file?.['csrf_token'], browser.csrfToken);
    assert.equal(file?.['route_cookie'], 'ROUTE=.node1');
    assert.equal(file?.['environment'], 'test/hac');
  });

  it('import without a CSRF token explains where to find it (exit 2)', async () => {
    const result = await box.run(['session', 'import'], { input: 'Cookie: JSESSIONID=ABCDEF0123456789\n' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^hac: no CSRF token: pass --csrf-token/);
    assert.ok(!result.stderr.includes('ABCDEF0123456789'));
  });
});
