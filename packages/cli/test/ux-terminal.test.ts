/**
 * What `hac` shows a person at a terminal (a pseudo-terminal through `script`): tables that never
 * cut what the user types next, vertical records on narrow terminals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import type { HacSandbox } from './helpers/hac-process.js';
import { hasScript, onTerminal, plain } from './helpers/terminal.js';

describe('hac on a terminal', { skip: !hasScript() && 'needs util-linux script' }, () => {
  let emu: Emulator;
  let box: HacSandbox;
  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  after(() => stopEmulatorSandbox(emu, box));

  it('update patches never cuts a patch name: a table when it fits, vertical records when it does not', async () => {
    const wide = plain((await onTerminal(box, ['update', 'patches'], '', { COLUMNS: '160' })).stdout);
    assert.match(wide, /│ acmepatches │ Patch_2211_01_TaxRows +│ [0-9a-f]{32} │/);
    const narrow = await onTerminal(box, ['update', 'patches'], '', { COLUMNS: '80' });
    assert.equal(narrow.code, 0, narrow.stdout);
    const text = plain(narrow.stdout);
    assert.doesNotMatch(text, /…/);
    assert.match(text, /── row 1 ─+\nextension +acmepatches\nname +Patch_2211_01_TaxRows\nhash +[0-9a-f]{32}\n/);
  });
});
