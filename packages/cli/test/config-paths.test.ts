import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { auditLogPath, configPath, sessionCacheDir } from '../src/config/paths.js';
import { builtBin, createSandbox, runProcess, type HacSandbox } from './helpers/hac-process.js';

describe('config file location', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox();
  });
  after(() => box.cleanup());

  it('uses $XDG_CONFIG_HOME/hac-client/config.toml', async () => {
    const result = await box.run(['config', 'path']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trim(), join(box.configHome, 'hac-client', 'config.toml'));
  });

  it('falls back to ~/.config/hac-client/config.toml without XDG_CONFIG_HOME', async () => {
    const result = await box.run(['config', 'path'], { env: { XDG_CONFIG_HOME: undefined } });
    assert.equal(result.stdout.trim(), join(box.home, '.config', 'hac-client', 'config.toml'));
  });

  it("without XDG_CONFIG_HOME, ~ is an absolute $HOME, else the account's home (HOME empty, relative or unset)", async () => {
    const account = process.getBuiltinModule('node:os').userInfo().homedir;
    for (const [home, expected] of [[box.home, box.home], ['', account], ['relative/home', account], [undefined, account]] as const) {
      const env = { XDG_CONFIG_HOME: undefined, HOME: home };
      const result = await runProcess(process.execPath, [builtBin, 'config', 'path'], { ...box.env, ...env }, { cwd: box.dir });
      assert.equal(result.stdout.trim(), join(expected, '.config', 'hac-client', 'config.toml'), `HOME ${JSON.stringify(home)}`);
    }
    // os.homedir() answers HOME="" as "": nothing (config, session cache, code cache) may land in the working directory.
    assert.deepEqual((await readdir(box.dir)).filter((name) => name.startsWith('.') || name === 'relative'), []);
  });

  it('says what to do when HOME is empty and the account has no home either (a bare uid in a container)', () => {
    const os = process.getBuiltinModule('node:os');
    const noAccount = mock.method(os, 'userInfo', () => {
      throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
    });
    try {
      for (const pathOf of [configPath, sessionCacheDir, auditLogPath]) {
        assert.throws(() => pathOf({ HOME: '' }), /^CliUsageError: HOME is "", not an absolute path, and the account has no home directory: set HOME to your home directory$/m, pathOf.name);
        assert.equal(pathOf({ HOME: '/home/u' }).startsWith('/home/u/'), true, `${pathOf.name}: an absolute HOME needs no account`);
      }
    } finally {
      noAccount.mock.restore();
    }
  });

  it('prefers $HAC_CLIENT_CONFIG_PATH over everything', async () => {
    const path = join(box.dir, 'elsewhere.toml');
    await import('node:fs/promises').then((fs) => fs.writeFile(path, 'default_environment = "x"\n[environments.x.endpoints.hac]\nurl = "http://x.example:1"\n'));
    const result = await box.run(['config', 'path'], { env: { HAC_CLIENT_CONFIG_PATH: path } });
    assert.equal(result.stdout.trim(), path);
    const list = await box.run(['env', 'list', '--names'], { env: { HAC_CLIENT_CONFIG_PATH: path } });
    assert.equal(list.stdout.trim(), 'x');
  });

  it('behaves as the Python CLI without a file: local/hac at https://localhost:9002, ignore_ssl, timeout 30', async () => {
    const result = await box.run(['endpoint', 'show', 'local', 'hac', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const shown = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(shown['url'], 'https://localhost:9002');
    assert.equal(shown['ignore_ssl'], true);
    assert.equal(shown['timeout'], 30);
    assert.equal(shown['is_default'], true);
    const show = await box.run(['config', 'show']);
    assert.match(show.stderr, /no config file at .*config\.toml: these are the defaults/);
    assert.match(show.stdout, /default_environment = "local"/);
  });
});
