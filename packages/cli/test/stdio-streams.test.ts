/**
 * Node builds `process.stdout`/`process.stderr` on first access, loading its stream modules (a few
 * milliseconds of every run): `hac` builds one only for something to write, and tells a pipe, a
 * file or `/dev/null` from a terminal without building it (`src/stdio.ts`, `src/cli-output.ts`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import type { HacSandbox } from './helpers/hac-process.js';

// Preloaded into a run: notes in a file each standard stream the run builds.
const TRAP = `const { appendFileSync } = require('node:fs');
for (const name of ['stdout', 'stderr']) {
  const own = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, { ...own, get() {
    appendFileSync(process.env.HAC_TEST_STDIO_TRAP, name + '\\n');
    Object.defineProperty(process, name, own);
    return process[name];
  } });
}`;

describe('standard streams', () => {
  let emu: Emulator;
  let box: HacSandbox;
  before(async () => {
    ({ emu, box } = await startEmulatorSandbox());
    assert.equal((await box.run(['login'])).code, 0);
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('a warm hac groovy into pipes builds stdout for its result and no stderr (nothing to say there)', async () => {
    const trap = join(box.home, 'trap.cjs');
    const built = join(box.home, 'built.txt');
    await writeFile(trap, TRAP);
    await writeFile(built, '');
    const result = await box.run(['groovy', 'return 1'], { env: { NODE_OPTIONS: `--require ${trap}`, HAC_TEST_STDIO_TRAP: built } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '1\n');
    // A name may be noted twice: hac's own watcher (stdio.ts) puts the trap's getter back after use.
    assert.deepEqual([...new Set((await readFile(built, 'utf8')).split('\n').filter(Boolean))], ['stdout']);
  });

  it('/dev/null, a file and a pipe are no terminal; told without building the stream', () => {
    const stdio = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'stdio.js')).href;
    const script = `import { mayBeTerminal } from ${JSON.stringify(stdio)};
      const answer = mayBeTerminal('stderr');
      const built = Object.getOwnPropertyDescriptor(process, 'stderr').get === undefined;
      process.stdout.write(JSON.stringify({ answer, built }));`;
    const devNull = openSync('/dev/null', 'w');
    const file = openSync(join(box.home, 'stderr.txt'), 'w');
    try {
      for (const [what, stderr] of [['/dev/null', devNull], ['a file', file], ['a pipe', 'pipe']] as const) {
        const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', stderr], encoding: 'utf8' });
        assert.deepEqual(JSON.parse(run.stdout), { answer: false, built: false }, what);
      }
    } finally {
      closeSync(devNull);
      closeSync(file);
    }
  });
});
