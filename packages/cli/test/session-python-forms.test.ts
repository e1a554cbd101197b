/**
 * The Python CLI's session command lines: a session is found again by ENV/ENDPOINT alone, `session
 * start ENV --username`, `session import ENV` from flags, variables or JSON on stdin, `session clear
 * ENV/EP`, `session clear-all -f`. (Every documented line also runs in python-docs.test.ts.)
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, beforeEach, describe, it } from 'node:test';
import { browserLogin, emulatorConfig, startTestEmulator, type Emulator } from './helpers/emulator.js';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

const LOGIN = '/hac/j_spring_security_check';
const EXECUTE = '/hac/console/scripting/execute';

describe('session commands in the Python CLI forms', () => {
  let emu: Emulator;
  let box: HacSandbox;

  before(async () => {
    emu = await startTestEmulator({ users: [{ username: 'admin', password: 'nimda' }, { username: 'bob', password: 'bobpw' }] });
    box = await createSandbox(); // no HAC_USERNAME / HAC_PASSWORD: every user comes from the command line or the cache
    await box.writeConfig(
      `${emulatorConfig(emu, { environment: 'local' })}\n[environments.local.endpoints.node2]\nurl = "${emu.url}"\n\n[environments.other]\n[environments.other.endpoints.hac]\nurl = "http://127.0.0.1:1"\n`,
    );
  });
  beforeEach(async () => {
    await box.run(['session', 'clear-all', '-f']);
    emu.resetRequests();
  });
  after(async () => {
    await box.cleanup();
    await emu.close();
  });

  it('start ENV --username with the password on stdin; later commands find the session by ENV/ENDPOINT alone', async () => {
    const started = await box.run(['session', 'start', 'local', '--username', 'admin'], { input: 'nimda\n' });
    assert.equal(started.code, 0, started.stderr);
    const call = await box.run(['groovy', "return 'Hello World'", '-e', 'local']);
    assert.equal(call.code, 0, call.stderr);
    assert.equal(call.stdout, 'Hello World\n');
    assert.equal(emu.count('POST', LOGIN), 1, 'the second command reused the session');
    assert.equal(emu.count('POST', EXECUTE), 1);

    // Another endpoint of the environment has no session: nothing is borrowed across URLs or endpoints.
    const other = await box.run(['groovy', 'return 1', '-e', 'local', '-n', 'node2']);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /no username for local\/node2 and no cached session: start one \(hac session start local -n node2 --username USER\)/);
  });

  it('a piped password is read even when the cached session needs none, so that its writer never finds the pipe closed', async () => {
    const started = await box.run(['session', 'start', 'local', '--username', 'admin'], { input: 'nimda\n' });
    assert.equal(started.code, 0, started.stderr);
    // `echo "$PW" | hac session start …` where hac starts before echo writes: the writer is late.
    let exitedBeforeWrite = false;
    let wrote!: Promise<Error | null>;
    const again = await box.run(['session', 'start', 'local', '--username', 'admin'], {
      keepStdinOpen: true,
      onSpawn: (child) => {
        let exited = false;
        child.once('exit', () => (exited = true));
        wrote = new Promise((resolve) =>
          setTimeout(() => {
            exitedBeforeWrite = exited;
            child.stdin?.once('error', resolve);
            child.stdin?.end('nimda\n', () => resolve(null));
          }, 400),
        );
      },
    });
    const writeError = await wrote;
    assert.equal(exitedBeforeWrite, false, 'hac exited without reading the piped password');
    assert.equal(writeError, null, 'the late write reached hac');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /cached session still valid/);
    assert.equal(emu.count('POST', LOGIN), 1, 'the cached session was used, not the password');
  });

  it('a stdin left open and silent does not hold a run that needs no password', async () => {
    const started = await box.run(['session', 'start', 'local', '--username', 'admin'], { input: 'nimda\n' });
    assert.equal(started.code, 0, started.stderr);
    let child: ChildProcess | undefined;
    const again = await box.run(['session', 'start', 'local', '--username', 'admin'], { keepStdinOpen: true, onSpawn: (c) => (child = c), timeoutMs: 10_000 });
    child?.stdin?.destroy();
    assert.equal(again.signal, null, 'hac was killed: it waited for stdin');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /cached session still valid/);
  });

  it('the most recently used session of the target wins when several users have one; -u still picks its own', async () => {
    for (const [user, password] of [['bob', 'bobpw'], ['admin', 'nimda']]) {
      const started = await box.run(['session', 'start', 'local', '-u', user as string, '-p', password as string]);
      assert.equal(started.code, 0, started.stderr);
    }
    const latest = await box.run(['groovy', 'return 1', '--debug']);
    assert.match(latest.stderr, /as admin \(username from session cache\)/);
    const bob = await box.run(['groovy', 'return 1', '-u', 'bob', '--debug']);
    assert.match(bob.stderr, /as bob \(username from --user\)/);
    assert.equal(emu.count('POST', LOGIN), 2, 'no command logged in again');
  });

  it('import ENV: flags, HAC_SESSION_ID_<ENV>_<EP> variables, or JSON on stdin; then clear ENV/EP', async () => {
    const browser = await browserLogin(emu);
    const viaJson = await box.run(['session', 'import', 'local', '--endpoint', 'hac'], {
      input: JSON.stringify({ username: 'admin', session_id: browser.sessionId, csrf_token: browser.csrfToken }),
    });
    assert.equal(viaJson.code, 0, viaJson.stderr);
    emu.resetRequests();
    const used = await box.run(['groovy', 'return 2', '-e', 'local']);
    assert.equal(used.stdout, '2\n', used.stderr);
    assert.deepEqual(emu.requests.map((r) => `${r.method} ${r.path}`), [`POST ${EXECUTE}`], 'the imported session was used as it is');

    const viaEnv = await box.run(['session', 'import', 'local', '-n', 'node2'], {
      env: { HAC_USERNAME: 'bob', HAC_SESSION_ID_LOCAL_NODE2: 'S-node2', HAC_SESSION_ID: 'S-generic', HAC_CSRF_TOKEN_LOCAL: 'T-local', HAC_ROUTE_COOKIE: '.pod-a' },
    });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    const node2 = (await box.sessionFiles()).find((f) => f['environment'] === 'local/node2');
    assert.deepEqual([node2?.['username'], node2?.['session_id'], node2?.['csrf_token'], node2?.['route_cookie']], ['bob', 'S-node2', 'T-local', 'ROUTE=.pod-a']);

    const cleared = await box.run(['session', 'clear', 'local/node2']);
    assert.match(cleared.stderr, /cleared 1 session\(s\) for local\/node2/);
    assert.deepEqual((await box.sessionFiles()).map((f) => f['environment']), ['local/hac']);
  });

  it('import refuses a session id, token or ROUTE a cookie or header cannot carry, and stores nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--session-id', 'abc\r\nX-Evil: 1', '--csrf-token', 't'], /the session id holds a carriage return/],
      [['--session-id', 'abc', '--csrf-token', 'to ken'], /the CSRF token holds a space/],
      [['--session-id', 'abc', '--csrf-token', 't', '--route-cookie', '.a;b=c'], /the ROUTE cookie holds ";"/],
    ];
    for (const [flags, expected] of cases) {
      const result = await box.run(['session', 'import', 'local', '--username', 'admin', ...flags]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, expected);
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
      assert.ok(!result.stderr.includes('X-Evil') && !result.stderr.includes('to ken'), 'the value is not echoed');
    }
    assert.deepEqual(await box.sessionFiles(), []);
  });

  it('clear-all asks without -f/--force: refused without a terminal, nothing removed', async () => {
    await box.run(['session', 'import', 'local', '--username', 'admin', '--session-id', 'S1', '--csrf-token', 'T1']);
    const refused = await box.run(['session', 'clear-all']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /Clear all sessions: not confirmed \(no terminal to ask on\); pass -f\/--force to confirm/);
    assert.equal((await box.sessionFiles()).length, 1);
    const forced = await box.run(['session', 'clear-all', '--force']);
    assert.match(forced.stderr, /cleared 1 session\(s\)/);
  });
});
