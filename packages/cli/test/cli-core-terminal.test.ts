/**
 * Prompts on a real terminal: `script` (util-linux) runs hac on a pseudo-terminal, so stdin and
 * stderr are TTYs. The answer is typed ahead; the terminal buffers it until the prompt reads it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { adminEnv, startTestEmulator, type Emulator } from './helpers/emulator.js';
import { createSandbox, runProcess, type HacResult, type HacSandbox } from './helpers/hac-process.js';
import { ansiColor, hasScript, onTerminal as runOnTerminal, terminalLine } from './helpers/terminal.js';

describe('prompts on a terminal', { skip: !hasScript() && 'needs util-linux script' }, () => {
  let emu: Emulator;
  let box: HacSandbox;
  const onTerminal = (args: string[], typed: string, env: Record<string, string | undefined> = {}): Promise<HacResult> =>
    runOnTerminal(box, args, typed, env);

  before(async () => {
    emu = await startTestEmulator();
    box = await createSandbox(adminEnv());
    await box.writeConfig(`[environments.prod]\nprotected = true\n[environments.prod.endpoints.hac]\nurl = "${emu.url}"\n`);
  });
  beforeEach(() => emu.resetRequests());
  after(async () => {
    await box.cleanup();
    await emu.close();
  });

  it('a protected environment asks before --commit: "y" runs the script', async () => {
    const result = await onTerminal(['-e', 'prod', 'groovy', 'return 7', '--commit'], 'y\r');
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Protected environment! Commit changes on prod\/hac/);
    assert.match(result.stdout, /\D7\r?\n$/);
    assert.equal(emu.count('POST', '/hac/console/scripting/execute'), 1);
  });

  it('a protected environment asks before --commit: "n" refuses with exit 2 and sends nothing', async () => {
    const result = await onTerminal(['-e', 'prod', 'groovy', 'return 7', '--commit'], 'n\r');
    assert.equal(result.code, 2);
    assert.match(result.stdout, /hac: not confirmed: nothing was done/);
    assert.equal(emu.count('POST', '/hac/console/scripting/execute'), 0);
  });

  it('--drop-tables on a protected environment asks twice, the first time as the protected question', async () => {
    // Each answer is typed when its question shows: a prompt's reader would swallow typed-ahead answers.
    const line = terminalLine(['-e', 'prod', 'update', 'run', '--drop-tables', '--no-follow']);
    const result = await runProcess('script', ['-qfec', line, '/dev/null'], { ...box.env, HAC_UPDATE_POLL_MS: '40' }, {
      onSpawn: (child) => {
        let seen = '';
        const answered = new Set<string>();
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          for (const question of ['Protected environment!', 'Really drop all tables']) {
            if (seen.includes(question) && !answered.has(question)) {
              answered.add(question);
              child.stdin?.write('y\r');
            }
          }
          if (answered.size === 2) child.stdin?.end();
        });
      },
      keepStdinOpen: true,
    });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Protected environment! Run a system update with --drop-tables[^]*on prod\/hac/);
    assert.match(result.stdout, /Really drop all tables on prod\/hac/);
    assert.equal(emu.count('POST', '/hac/platform/init/execute'), 1);
  });

  it('--drop-tables with one --yes on a terminal still asks the second question; "n" sends nothing', async () => {
    const result = await onTerminal(['-e', 'prod', 'update', 'run', '--drop-tables', '--no-follow', '--yes'], 'n\r');
    assert.equal(result.code, 2, result.stdout);
    assert.doesNotMatch(result.stdout, /Protected environment!/);
    assert.match(result.stdout, /Really drop all tables on prod\/hac/);
    assert.match(result.stdout, /hac: not confirmed: nothing was done/);
    assert.equal(emu.count('POST', '/hac/platform/init/execute'), 0);
  });

  it('colors tables on a terminal, unless --no-color or NO_COLOR', async () => {
    const colored = await onTerminal(['env', 'list'], '', { NO_COLOR: undefined, TERM: 'xterm-256color' });
    assert.equal(colored.code, 0, colored.stdout);
    assert.match(colored.stdout, ansiColor);
    for (const [args, env] of [[['env', 'list', '--no-color'], { NO_COLOR: undefined }], [['env', 'list'], { NO_COLOR: '1' }]] as const) {
      const plain = await onTerminal([...args], '', { ...env, TERM: 'xterm-256color' });
      assert.equal(plain.code, 0, plain.stdout);
      assert.doesNotMatch(plain.stdout, ansiColor);
    }
  });

  it('asks for the username when no source has one', async () => {
    await box.run(['session', 'clear-all', '--force']); // a cached session's user would be used
    const result = await onTerminal(['-e', 'prod', 'login', '--force'], 'admin\r', { HAC_USERNAME: undefined });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Username for prod\/hac:/);
    assert.match(result.stdout, /logged in: prod\/hac .* as admin/);
  });

  it('asks for the password with a hidden prompt', async () => {
    const result = await onTerminal(['-e', 'prod', 'login', '--force'], 'nimda\r', { HAC_PASSWORD: undefined });
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Password for admin on prod\/hac/);
    // The terminal echoes what was typed ahead before the prompt started; the prompt itself must not.
    const afterPrompt = result.stdout.slice(result.stdout.indexOf('Password for'));
    assert.ok(!afterPrompt.includes('nimda'), 'the prompt does not echo the password');
    assert.match(afterPrompt, /logged in: prod\/hac/);
  });
});
