import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { emulatorConfig, startTestEmulator, type Emulator } from './helpers/emulator.js';
import { createSandbox, type HacResult, type HacSandbox } from './helpers/hac-process.js';

/**
 * Each case logs in afresh (`login --force`): exit 0 proves the right password was used, exit 3 that
 * a wrong one was, exit 2 that none was found.
 */
describe('credential sources, first found wins', () => {
  let emu: Emulator;
  let box: HacSandbox;
  const login = (args: string[] = [], options: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<HacResult> =>
    box.run(['login', '--force', ...args], options);
  const noSecrets = (result: HacResult): void => assert.ok(!`${result.stdout}${result.stderr}`.includes('nimda'), 'the password is never printed');

  before(async () => {
    emu = await startTestEmulator({ users: [{ username: 'admin', password: 'nimda' }, { username: 'dev-user', password: 'devpass' }] });
    box = await createSandbox();
    await box.writeConfig(emulatorConfig(emu, { environment: 'my-env.eu' }));
  });
  beforeEach(() => box.run(['session', 'clear-all', '--force']));
  after(async () => {
    await box.cleanup();
    await emu.close();
  });

  it('-u flag with HAC_PASSWORD', async () => {
    const result = await login(['-u', 'admin'], { env: { HAC_PASSWORD: 'nimda' } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /as admin/);
    noSecrets(result);
  });

  it('HAC_*_<ENV>_<ENDPOINT> beats HAC_*_<ENV> beats HAC_* (names upper-cased, non-alphanumerics as _)', async () => {
    const specific = await login([], {
      env: { HAC_USERNAME_MY_ENV_EU_HAC: 'admin', HAC_USERNAME_MY_ENV_EU: 'nobody', HAC_USERNAME: 'nobody', HAC_PASSWORD_MY_ENV_EU_HAC: 'nimda', HAC_PASSWORD_MY_ENV_EU: 'wrong', HAC_PASSWORD: 'wrong' },
    });
    assert.equal(specific.code, 0, specific.stderr);
    const perEnv = await login([], { env: { HAC_USERNAME_MY_ENV_EU: 'admin', HAC_USERNAME: 'nobody', HAC_PASSWORD_MY_ENV_EU: 'nimda', HAC_PASSWORD: 'wrong' } });
    assert.equal(perEnv.code, 0, perEnv.stderr);
    const global = await login([], { env: { HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' } });
    assert.equal(global.code, 0, global.stderr);
    const wrongSpecific = await login([], { env: { HAC_USERNAME: 'admin', HAC_PASSWORD_MY_ENV_EU_HAC: 'wrong', HAC_PASSWORD: 'nimda' } });
    assert.equal(wrongSpecific.code, 3, 'the most specific variable is used even when it is wrong');
    assert.match(wrongSpecific.stderr, /^hac: Login failed/m);
    noSecrets(wrongSpecific);
  });

  it('username from the config; an env var still beats it', async () => {
    await box.writeConfig(emulatorConfig(emu, { environment: 'my-env.eu', settings: 'username = "dev-user"\n' }));
    try {
      const fromConfig = await login([], { env: { HAC_PASSWORD: 'devpass' } });
      assert.equal(fromConfig.code, 0, fromConfig.stderr);
      assert.match(fromConfig.stderr, /as dev-user/);
      const envWins = await login([], { env: { HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' } });
      assert.equal(envWins.code, 0, envWins.stderr);
      assert.match(envWins.stderr, /as admin/);
    } finally {
      await box.writeConfig(emulatorConfig(emu, { environment: 'my-env.eu' }));
    }
  });

  it('--password-stdin reads the first line; a piped password works without it (Python CLI)', async () => {
    const explicit = await login(['-u', 'admin', '--password-stdin'], { input: 'nimda\n' });
    assert.equal(explicit.code, 0, explicit.stderr);
    const implicit = await login(['-u', 'admin'], { input: 'nimda\n' });
    assert.equal(implicit.code, 0, implicit.stderr);
    const empty = await login(['-u', 'admin', '--password-stdin'], { input: '' });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /--password-stdin was given but stdin held no password/);
  });

  it('no username or no password without a terminal: exit 2 naming the variables', async () => {
    const noUser = await login();
    assert.equal(noUser.code, 2);
    assert.match(noUser.stderr, /^hac: no username for my-env\.eu\/hac and no cached session: start one \(hac session start my-env\.eu -n hac --username USER\), pass -u USER, set HAC_USERNAME_MY_ENV_EU_HAC or HAC_USERNAME_MY_ENV_EU or HAC_USERNAME/);
    const noPassword = await login(['-u', 'admin']);
    assert.equal(noPassword.code, 2);
    assert.match(noPassword.stderr, /^hac: no password for admin on my-env\.eu\/hac: set HAC_PASSWORD.*, or store it in the keychain once, on a terminal: hac login --save-password\n$/);
  });

  it('login --save-password without a keychain says what is missing, before logging in, and never sends the user in a circle', async () => {
    emu.resetRequests();
    // HAC_NO_KEYCHAIN with HAC_PASSWORD set: the variable already serves; no advice to set it.
    const off = await box.run(['login', '-u', 'admin', '--save-password'], { env: { HAC_NO_KEYCHAIN: '1', HAC_PASSWORD: 'nimda' } });
    assert.equal(off.code, 2);
    assert.match(off.stderr, /^hac: --save-password cannot store the password: HAC_NO_KEYCHAIN turns the keychain off \(unset it to use the keychain\); HAC_PASSWORD is set and already gives the password: plain "hac login" \(or any command\) logs in with it\n$/);
    // No keychain tool on PATH: named, with how to get it (Linux: secret-tool).
    if (process.platform !== 'linux') return;
    const noTool = await box.run(['login', '-u', 'admin', '--save-password'], { env: { HAC_NO_KEYCHAIN: undefined, PATH: box.binDir } });
    assert.equal(noTool.code, 2);
    assert.match(noTool.stderr, /^hac: --save-password cannot store the password: secret-tool is not installed \(Debian\/Ubuntu: sudo apt install libsecret-tools; Fedora: sudo dnf install libsecret\).*; without a keychain, give the password with HAC_PASSWORD \(or HAC_PASSWORD_MY_ENV_EU_HAC\) or --password-stdin\n$/);
    assert.equal(emu.requests.length, 0, 'nothing was sent');
  });

  it('a missing keychain tool is not an error', async () => {
    const result = await login(['-u', 'admin'], { env: { HAC_NO_KEYCHAIN: undefined, PATH: `${box.binDir}:${process.env['PATH']}` } });
    assert.equal(result.code, 2, 'falls through to "no password"');
    assert.match(result.stderr, /no password for admin/);
  });

  it('reads the password from the keychain (secret-tool) and stores it with login --save-password', { skip: process.platform !== 'linux' }, async () => {
    const store = join(box.dir, 'keychain.txt');
    // A stand-in for libsecret's secret-tool: `store` saves stdin with the attributes, `lookup` prints it back.
    await box.addExecutable(
      'secret-tool',
      `cmd="$1"; shift
case "$cmd" in
  store) shift 2; printf '%s\\n' "$*" > "${store}.attrs"; cat > "${store}" ;;
  lookup) [ -f "${store}" ] && [ "$*" = "$(cat "${store}.attrs")" ] && cat "${store}" || exit 1 ;;
  clear) rm -f "${store}" "${store}.attrs" ;;
esac
`,
    );
    const env = { HAC_NO_KEYCHAIN: undefined };
    const none = await login(['-u', 'admin'], { env });
    assert.equal(none.code, 2, 'no entry yet: not an error, next source');

    const save = await box.run(['login', '-u', 'admin', '--save-password'], { env: { ...env, HAC_PASSWORD: 'nimda' } });
    assert.equal(save.code, 0, save.stderr);
    assert.match(save.stderr, /stored in the keychain/);
    assert.equal(await readFile(store, 'utf8'), 'nimda');
    assert.equal((await readFile(`${store}.attrs`, 'utf8')).trim(), 'service hac-client target my-env.eu/hac username admin');
    noSecrets(save);

    // Without a terminal and a password, the advice is where to give it, not to run itself again.
    const nothing = await box.run(['login', '-u', 'admin', '--save-password'], { env });
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /^hac: --save-password needs the password to store for admin on my-env\.eu\/hac: type it at the prompt on a terminal, or give it with --password-stdin or HAC_PASSWORD/);

    const fromKeychain = await login(['-u', 'admin'], { env });
    assert.equal(fromKeychain.code, 0, fromKeychain.stderr);

    // A stale password in the keychain is named as the refused one, with the way to replace it…
    await writeFile(store, 'stale-password');
    const stale = await box.run(['session', 'start', '-u', 'admin', '--force'], { env });
    assert.equal(stale.code, 3);
    assert.match(stale.stderr, /: wrong username or password \(the password came from the keychain; hac login --save-password replaces it\)\n$/);
    // …and is not used to store a new one.
    const replace = await box.run(['login', '-u', 'admin', '--save-password'], { env, input: 'nimda\n' });
    assert.equal(replace.code, 0, replace.stderr);
    assert.equal(await readFile(store, 'utf8'), 'nimda');

    const forget = await box.run(['logout', '-u', 'admin', '--forget-password'], { env });
    assert.equal(forget.code, 0, forget.stderr);
    const gone = await login(['-u', 'admin'], { env });
    assert.equal(gone.code, 2);
  });
});
