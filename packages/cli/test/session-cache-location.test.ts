/**
 * Where `hac` keeps sessions (issue 7: where the Python tool looks, `~/.cache/hac-client`, whatever
 * XDG_CACHE_HOME says) and how it says that it cannot use the cache (issue 10 item 1: one warning
 * line, the command still works).
 */
import assert from 'node:assert/strict';
import { chmod, readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { type HacSandbox } from './helpers/hac-process.js';

describe('the session cache of hac', () => {
  let emu: Emulator;
  let box: HacSandbox;
  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  after(() => stopEmulatorSandbox(emu, box));

  it('is ~/.cache/hac-client, as for the Python tool, even with XDG_CACHE_HOME set', async () => {
    assert.ok(box.env['XDG_CACHE_HOME'], 'the sandbox sets XDG_CACHE_HOME');
    const run = await box.run(['groovy', 'return 1']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(box.cacheDir, `${box.home}/.cache/hac-client`);
    assert.equal((await box.sessionFiles()).length, 1);
    assert.deepEqual(await readdir(box.cacheHome), [], 'nothing under XDG_CACHE_HOME');
  });

  it('one that other users can write to is not used: one warning line, the command works; -q silences it', async () => {
    const dotCache = dirname(box.cacheDir);
    await chmod(dotCache, 0o777);
    try {
      const run = await box.run(['groovy', 'return 2']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trim(), '2');
      assert.deepEqual(run.stderr.trim().split('\n'), [
        `warning: session cache not used: ${box.cacheDir} is inside ${dotCache}, which other users can write to; ` +
          `run chmod go-w ${dotCache}; calls go on without it (each process logs in)`,
      ]);
      const quiet = await box.run(['groovy', 'return 3', '-q']);
      assert.equal(quiet.code, 0, quiet.stderr);
      assert.equal(quiet.stderr, '');
    } finally {
      await chmod(dotCache, 0o755);
    }
  });
});
