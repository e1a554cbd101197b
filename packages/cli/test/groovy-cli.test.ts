import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { type HacSandbox } from './helpers/hac-process.js';

describe('hac groovy', () => {
  let emu: Emulator;
  let box: HacSandbox;
  const seen: { script: string; commit: boolean; scriptType: string }[] = [];

  before(async () => {
    ({ emu, box } = await startEmulatorSandbox({ config: { guarded: true } }));
    emu.registerScript((invocation) => {
      seen.push({ script: invocation.script, commit: invocation.commit, scriptType: invocation.scriptType });
      return undefined;
    });
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('prints the return value on stdout and the script output on stderr', async () => {
    const result = await box.run(['groovy', 'println "hello from the script"; return 6 * 7']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '42\n');
    assert.match(result.stderr, /hello from the script/);
    assert.equal(seen.at(-1)?.commit, false, 'rolled back by default');
    assert.equal(seen.at(-1)?.scriptType, 'groovy');
  });

  it('--json prints one document with result and output', async () => {
    const result = await box.run(['groovy', '--json', 'println "out"; return "res"']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.success, true);
    assert.equal(doc.execution_result, 'res');
    assert.match(doc.output_text, /out/);
    assert.equal(doc.stacktrace_text, '');
    assert.equal(doc.commit_mode, false);
    assert.equal(typeof doc.execution_time_ms, 'number');
  });

  it('a script error exits 1 with the stack trace on stderr', async () => {
    const result = await box.run(['groovy', 'throw new IllegalStateException("kaputt")']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /script failed:\n.*IllegalStateException: kaputt/);
    const json = await box.run(['groovy', '--json', 'throw new IllegalStateException("kaputt")']);
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.stdout).success, false);
  });

  it('reads the script from -f FILE, a positional file, - and piped stdin', async () => {
    const file = join(box.dir, 'answer.groovy');
    await writeFile(file, 'return 40 + 2\n');
    for (const args of [['groovy', '-f', file], ['groovy', file], ['groovy', file, '-f']]) {
      const result = await box.run(args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '42\n', args.join(' '));
    }
    const dash = await box.run(['groovy', '-'], { input: 'return "from stdin"' });
    assert.equal(dash.stdout, 'from stdin\n');
    const piped = await box.run(['groovy'], { input: 'return "piped"' });
    assert.equal(piped.stdout, 'piped\n');
  });

  it('a missing script file or no script at all is a usage error (exit 2)', async () => {
    const missing = await box.run(['groovy', join(box.dir, 'nope.groovy')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read script .*nope\.groovy: no such file/);
    const empty = await box.run(['groovy'], { input: '' });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /empty/);
  });

  it('--type and --commit reach HAC', async () => {
    const result = await box.run(['groovy', '--commit', '--type', 'beanshell', 'return 1']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(seen.at(-1), { script: 'return 1', commit: true, scriptType: 'beanshell' });
  });

  it('--commit on a protected environment needs --yes; a read-only one refuses it', async () => {
    const before = seen.length;
    const refused = await box.run(['-e', 'prot', 'groovy', '--commit', 'return 1']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /protected.*--yes/);
    const readOnly = await box.run(['-e', 'ro', 'groovy', '--commit', '--yes', 'return 1']);
    assert.equal(readOnly.code, 2);
    assert.match(readOnly.stderr, /read-only/);
    assert.equal(seen.length, before, 'nothing ran');
    const confirmed = await box.run(['-e', 'prot', 'groovy', '--commit', '--yes', 'return 1']);
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.equal(seen.at(-1)?.commit, true);
    const rollback = await box.run(['-e', 'ro', 'groovy', 'return 2']);
    assert.equal(rollback.code, 0, 'a rolled-back script runs on a read-only environment');
  });
});
