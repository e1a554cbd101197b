/**
 * What `hac` shows a person at a terminal (a pseudo-terminal through `script`): tables that never
 * cut what the user types next, vertical records on narrow terminals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import type { HacSandbox } from './helpers/hac-process.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ansiColor, hasScript, onTerminal, plain } from './helpers/terminal.js';

const red = '\u001b[31m';
const colors = { NO_COLOR: undefined, TERM: 'xterm-256color' };

describe('hac on a terminal', { skip: !hasScript() && 'needs util-linux script' }, () => {
  let emu: Emulator;
  let box: HacSandbox;
  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  after(() => stopEmulatorSandbox(emu, box));

  it('update patches never cuts a patch name: a table when it fits, vertical records when it does not', async () => {
    const wide = plain((await onTerminal(box, ['update', 'patches'], '', { COLUMNS: '160' })).stdout);
    assert.match(wide, /│ Patch_2211_01_TaxRows +│ pending +│ [0-9a-f]{32} │/);
    const narrow = await onTerminal(box, ['update', 'patches'], '', { COLUMNS: '80' });
    assert.equal(narrow.code, 0, narrow.stdout);
    const text = plain(narrow.stdout);
    assert.doesNotMatch(text, /…/);
    assert.match(text, /── row 1 ─+\nname +Patch_2211_01_TaxRows\nstate +pending\nhash +[0-9a-f]{32}\n/);
  });

  it('groovy labels its result (===>) apart from what the script printed; errors are red, unless NO_COLOR or --no-color', async () => {
    const run = await onTerminal(box, ['groovy', 'println "hello"; return 6 * 7'], '', colors);
    assert.equal(run.code, 0, run.stdout);
    assert.match(plain(run.stdout), /^hello\n===> 42\n$/);
    const failed = await onTerminal(box, ['groovy', 'throw new Exception("boom")'], '', colors);
    assert.equal(failed.code, 1);
    assert.ok(failed.stdout.includes(`${red}script failed:`), failed.stdout);
    const usage = await onTerminal(box, ['groovy', 'return 1', '--comit'], '', colors);
    assert.ok(usage.stdout.includes(`${red}hac: unknown option '--comit'`), usage.stdout);
    const refused = await onTerminal(box, ['--url', 'http://127.0.0.1:1', 'login'], '', colors);
    assert.ok(refused.stdout.includes(`${red}hac: Connection refused`), refused.stdout);
    for (const [args, env] of [[['--no-color'], colors], [[], { ...colors, NO_COLOR: '1' }]] as const) {
      const plainRun = await onTerminal(box, ['groovy', 'throw new Exception("boom")', ...args], '', env);
      assert.doesNotMatch(plainRun.stdout, ansiColor);
    }
  });

  it('a spinner with the elapsed time shows while an import takes longer than a second, and is gone afterwards', async () => {
    const file = join(box.dir, 'slow.impex');
    await writeFile(file, 'INSERT_UPDATE Language;isocode[unique=true];active\n;sl;true\n');
    await onTerminal(box, ['login']);
    emu.setLatency(2500);
    try {
      const result = await onTerminal(box, ['impex', 'import', file]);
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stdout, /importing slow\.impex… [12]s/);
      // The spinner is gone before the summary and the log are printed.
      const rest = result.stdout.slice(result.stdout.lastIndexOf('importing slow.impex'));
      assert.match(plain(rest), /Import finished successfully\n1 value line\(s\) imported/);
      assert.doesNotMatch(rest.slice(rest.indexOf('Import finished')), /importing/);
    } finally {
      emu.setLatency(0);
    }
  });
});
