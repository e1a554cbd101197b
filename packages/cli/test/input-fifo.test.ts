import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { languageExists, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { fifoWith } from './helpers/fifo.js';
import { hacCommand, runProcess, type HacResult, type HacSandbox } from './helpers/hac-process.js';

// Named pipes stand for `hac impex import <(cat x.impex)`: they report size 0 and can be read once.
describe('files that are pipes: <(…), mkfifo, /dev/stdin', { concurrency: true }, () => {
  let emu: Emulator;
  let box: HacSandbox;
  let n = 0;

  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  after(() => stopEmulatorSandbox(emu, box));

  /** Run `hac` with a fresh FIFO fed `content`; `{fifo}` in `args` is replaced by its path. */
  const runWithFifo = async (args: string[], content: string): Promise<HacResult> => {
    const fifo = fifoWith(join(box.dir, `pipe-${++n}`), content);
    const result = await box.run(args.map((a) => (a === '{fifo}' ? fifo.path : a)));
    await fifo.settle();
    return result;
  };

  it('hac impex import FIFO uploads what the pipe gave', async () => {
    const result = await runWithFifo(['impex', 'import', '{fifo}'], 'INSERT_UPDATE Language;isocode[unique=true];active\n;p1;true\n');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Import finished successfully/);
    assert.equal(await languageExists(box, 'p1'), true);
  });

  it('hac impex --file FIFO and hac impex validate FIFO', async () => {
    const imported = await runWithFifo(['impex', '--file', '{fifo}'], 'INSERT_UPDATE Language;isocode[unique=true];active\n;p2;true\n');
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(await languageExists(box, 'p2'), true);
    const validated = await runWithFifo(['impex', 'validate', '{fifo}'], 'INSERT_UPDATE Language;isocode[unique=true];active\n;p3;true\n');
    assert.equal(validated.code, 0, validated.stderr);
    assert.match(validated.stderr, /Import script is valid/);
  });

  it('an empty pipe is reported by its path', async () => {
    const result = await runWithFifo(['impex', 'import', '{fifo}'], '');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /the ImpEx script from .*pipe-\d+ is empty/);
  });

  // Through a shell, as typed: Node gives a child a socket as stdin, which /dev/stdin cannot reopen.
  const viaShell = (shell: string, line: string, hacArgs: string[], input: string): Promise<HacResult> => {
    const { command, args } = hacCommand();
    return runProcess(shell, ['-c', line, shell, command, ...args, ...hacArgs], box.env, { input });
  };

  it('hac impex import /dev/stdin (a pipe)', async () => {
    const result = await viaShell('sh', 'cat | "$@" /dev/stdin', ['impex', 'import'], 'INSERT_UPDATE Language;isocode[unique=true];active\n;p4;true\n');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await languageExists(box, 'p4'), true);
  });

  it('hac impex import <(cat) in bash', async () => {
    const result = await viaShell('bash', '"$@" <(cat)', ['impex', 'import'], 'INSERT_UPDATE Language;isocode[unique=true];active\n;p5;true\n');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await languageExists(box, 'p5'), true);
  });

  it('hac groovy -f FIFO, and a FIFO as the positional script', async () => {
    const flagged = await runWithFifo(['groovy', '-f', '{fifo}'], 'return 6 * 7');
    assert.equal(flagged.code, 0, flagged.stderr);
    assert.equal(flagged.stdout, '42\n');
    const positional = await runWithFifo(['groovy', '{fifo}'], 'return 1 + 1');
    assert.equal(positional.code, 0, positional.stderr);
    assert.equal(positional.stdout, '2\n');
  });

  it('hac fs -f FIFO', async () => {
    const result = await runWithFifo(['fs', '-f', '{fifo}', '--format', 'tsv'], "SELECT {isocode} FROM {Language} WHERE {isocode} = 'de'\n");
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'P_ISOCODE\nde\n');
  });
});
