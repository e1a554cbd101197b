/**
 * Server and config text never drives the terminal: on a terminal (a pseudo-terminal from `script`)
 * control characters show as visible symbols; piped, the exact text comes through.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { escapeForTerminal } from '../src/terminal-text.js';
import { formatJson } from '../src/output/json.js';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import type { HacSandbox } from './helpers/hac-process.js';
import { hasScript, onTerminal } from './helpers/terminal.js';

const ESC = '\u001b';
const BEL = '\u0007';
const OSC52 = `${ESC}]52;c;aGFja2Vk${BEL}`; // "write 'hacked' to the clipboard"
const CLEAR = `${ESC}[2J`;
const C1_CSI = '\u009b2J';
const SHOWN_OSC52 = '␛]52;c;aGFja2Vk␇';

/** No escape sequence of the server's reached the terminal (ours, bold/dim, are not used here: NO_COLOR). */
function assertInert(output: string): void {
  assert.ok(!output.includes(ESC), `raw ESC in ${JSON.stringify(output)}`);
  assert.ok(!output.includes(BEL), `raw BEL in ${JSON.stringify(output)}`);
  assert.ok(!output.includes('\u009b'), `raw CSI in ${JSON.stringify(output)}`);
}

describe('control characters from a server or the config on a terminal', { skip: !hasScript() && 'needs util-linux script' }, () => {
  let emu: Emulator;
  let box: HacSandbox;
  const script = `println "${OSC52}printed"; return "${OSC52}result\t${CLEAR}${C1_CSI}end"`;

  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  after(() => stopEmulatorSandbox(emu, box));

  it('a Groovy result and printed output are shown escaped (tabs kept)', async () => {
    const result = await onTerminal(box, ['groovy', script]);
    assert.equal(result.code, 0, result.stdout);
    assertInert(result.stdout);
    assert.ok(result.stdout.includes(`${SHOWN_OSC52}printed`), result.stdout);
    assert.ok(result.stdout.includes(`${SHOWN_OSC52}result\t␛[2J\uFFFD2Jend`), result.stdout);
  });

  it('piped, the exact text comes through (stdout and stderr)', async () => {
    const result = await box.run(['groovy', script]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${OSC52}result\t${CLEAR}${C1_CSI}end\n`);
    assert.equal(result.stderr, `${OSC52}printed\n`);
  });

  it('--json on a terminal is valid JSON whose escapes say exactly what the server sent', async () => {
    const result = await onTerminal(box, ['groovy', script, '--json']);
    assert.equal(result.code, 0, result.stdout);
    assertInert(result.stdout);
    const doc = JSON.parse(result.stdout.replace(/\r\n/g, '\n')) as { execution_result: string; output_text: string };
    assert.equal(doc.execution_result, `${OSC52}result\t${CLEAR}${C1_CSI}end`);
    assert.equal(doc.output_text, `${OSC52}printed\n`);
  });

  it('a script error, an error message and a usage error are escaped too', async () => {
    const failed = await onTerminal(box, ['groovy', `throw new Exception("${OSC52}boom")`]);
    assert.equal(failed.code, 1, failed.stdout);
    assertInert(failed.stdout);
    assert.match(failed.stdout, /␛\]52;c;aGFja2Vk␇boom/);
    const unknownEnv = await onTerminal(box, ['-e', `x${OSC52}`, 'groovy', 'return 1']);
    assert.equal(unknownEnv.code, 2, unknownEnv.stdout);
    assertInert(unknownEnv.stdout);
    assert.match(unknownEnv.stdout, /hac: environment "x␛\]52;c;aGFja2Vk␇" is not defined/);
    const usage = await onTerminal(box, [`grovy${CLEAR}`]);
    assert.equal(usage.code, 2, usage.stdout);
    assertInert(usage.stdout);
    assert.match(usage.stdout, /unknown command 'grovy␛\[2J'/);
  });

  it('escapeForTerminal keeps newlines, tabs, CRLF and text styles only (no conceal, reverse, background or black)', () => {
    assert.equal(escapeForTerminal(`a\tb\r\nc\nd\re`), 'a\tb\r\nc\nd␍e');
    assert.equal(escapeForTerminal(`${ESC}[1mhead${ESC}[22m ${ESC}[2mNULL${ESC}[22m`), `${ESC}[1mhead${ESC}[22m ${ESC}[2mNULL${ESC}[22m`);
    assert.equal(escapeForTerminal(`${ESC}[1;31merror${ESC}[39m`), `${ESC}[1;31merror${ESC}[39m`, 'foreground colours are kept');
    assert.equal(escapeForTerminal(`${ESC}[8mhidden${ESC}[30;40mblack${ESC}[7m\u007f\u0085`), '␛[8mhidden␛[30;40mblack␛[7m␡\uFFFD');
    assert.equal(formatJson('\u007f\u009b\u001b'), '"\\u007f\\u009b\\u001b"\n');
  });
});
