/**
 * Input text is never changed silently: standard input is decoded with `--encoding` like a file, and
 * bytes that are not valid in the encoding are a usage error naming `--encoding`, before anything is sent.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import type { HacSandbox } from './helpers/hac-process.js';

const latin1 = (isocode: string): Buffer => Buffer.from(`INSERT_UPDATE Language;isocode[unique=true];name[lang=en]\n;${isocode};Fran\u00e7ais \u00e0 l'\u00e9t\u00e9\n`, 'latin1');
const NOT_UTF8 = /is not valid UTF-8: give its encoding with --encoding \(e\.g\. --encoding ISO-8859-1\)/;

describe('standard input and files are decoded with --encoding, never replaced silently', () => {
  let emu: Emulator;
  let box: HacSandbox;
  const nameOf = async (isocode: string): Promise<string> =>
    (await box.run(['fs', `SELECT {name[en]} FROM {Language} WHERE {isocode} = '${isocode}'`, '--format', 'tsv'])).stdout.split('\n')[1] ?? '';
  const posts = (): number => emu.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/hac/console/')).length;

  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  beforeEach(() => emu.resetRequests());
  after(() => stopEmulatorSandbox(emu, box));

  it('a Latin-1 ImpEx piped in with --encoding ISO-8859-1 is stored with its accents (bytes sent unchanged)', async () => {
    const result = await box.run(['impex', 'import', '-', '--encoding', 'ISO-8859-1'], { input: latin1('s8') });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await nameOf('s8'), "Français à l'été");
    const validated = await box.run(['impex', 'validate', '--encoding', 'ISO-8859-1'], { input: latin1('s9') });
    assert.equal(validated.code, 0, validated.stderr);
  });

  it('the password line of --password-stdin is split off the bytes, the rest decoded with --encoding', async () => {
    const input = Buffer.concat([Buffer.from('nimda\n'), latin1('s7')]);
    const result = await box.run(['impex', 'import', '-', '--encoding', 'latin1', '--password-stdin', '-u', 'admin'], { input, env: { HAC_PASSWORD: undefined } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await nameOf('s7'), "Français à l'été");
    const cached = JSON.stringify(await box.sessionFiles());
    assert.match(cached, /admin/, 'the session was cached');
    assert.ok(!cached.includes('nimda'), 'the password is not in the session cache');
  });

  it('Latin-1 without --encoding (stdin or a file) is exit 2 naming --encoding; nothing is sent', async () => {
    const piped = await box.run(['impex', 'import', '-'], { input: latin1('s6') });
    assert.equal(piped.code, 2, piped.stderr);
    assert.match(piped.stderr, /^hac: the ImpEx script from stdin is not valid UTF-8/);
    assert.match(piped.stderr, NOT_UTF8);
    const file = join(box.dir, 'latin1.impex');
    await writeFile(file, latin1('s6'));
    const fromFile = await box.run(['impex', 'validate', file]);
    assert.equal(fromFile.code, 2, fromFile.stderr);
    assert.match(fromFile.stderr, new RegExp(`the ImpEx script from ${file.replace(/[.]/g, '\\.')} is not valid UTF-8`));
    assert.equal(posts(), 0);
  });

  it('a script or query on stdin that is not UTF-8 is exit 2, not a script with U+FFFD in it', async () => {
    for (const args of [['groovy'], ['groovy', '-'], ['fs']]) {
      const result = await box.run(args, { input: Buffer.from("return 'caf\u00e9'", 'latin1') });
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /from stdin is not valid UTF-8: convert it to UTF-8 first/);
    }
    assert.equal(posts(), 0);
  });
});
