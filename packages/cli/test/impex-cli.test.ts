import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { languageExists, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { type HacSandbox } from './helpers/hac-process.js';

const language = (isocode: string): string => `INSERT_UPDATE Language;isocode[unique=true];active\n;${isocode};true\n`;
const BROKEN = 'INSERT_UPDATE Language;isocode[unique=true];nosuchattribute\n;zz;x\n';

// The tests are independent (each imports its own language): run them concurrently.
describe('hac impex', { concurrency: true }, () => {
  let emu: Emulator;
  let box: HacSandbox;

  before(async () => ({ emu, box } = await startEmulatorSandbox({ config: { guarded: true } })));
  after(() => stopEmulatorSandbox(emu, box));

  it('validate checks a script without importing it', async () => {
    const file = join(box.dir, 'v1.impex');
    await writeFile(file, language('v1'));
    const result = await box.run(['impex', 'validate', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Import script is valid/);
    assert.equal(await languageExists(box, 'v1'), false);
  });

  it('import FILE imports; the data is there afterwards', async () => {
    const file = join(box.dir, 'i1.impex');
    await writeFile(file, language('i1'));
    const result = await box.run(['impex', 'import', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Import finished successfully/);
    assert.equal(await languageExists(box, 'i1'), true);
  });

  it('imports a file through the upload form, bytes unchanged, decoded with --encoding', async () => {
    const file = join(box.dir, 'latin1.impex');
    await writeFile(file, Buffer.from('INSERT_UPDATE Language;isocode[unique=true];name[lang=en]\n;l1;Fran\u00e7ais\n', 'latin1'));
    const validated = await box.run(['impex', 'validate', file, '--encoding', 'ISO-8859-1']);
    assert.equal(validated.code, 0, validated.stderr);
    const result = await box.run(['impex', 'import', file, '--encoding', 'ISO-8859-1']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(emu.requests.some((r) => r.method === 'POST' && r.path === '/hac/console/impex/import/upload'), 'upload form used');
    const name = await box.run(['fs', "SELECT {name[en]} FROM {Language} WHERE {isocode} = 'l1'", '--csv']);
    assert.equal(name.stdout, 'P_NAME\nFrançais\n');
    const unknown = await box.run(['impex', 'validate', file, '--encoding', 'klingon']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown encoding 'klingon'/);
  });

  it('a failed import exits 1 and shows the unresolved lines on stderr', async () => {
    const result = await box.run(['impex', 'import', '-'], { input: BROKEN });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /import failed: .*nosuchattribute/);
    assert.match(result.stderr, /^ {2}.*nosuchattribute/m);
    const validation = await box.run(['impex', 'validate', '-'], { input: BROKEN });
    assert.equal(validation.code, 1);
    assert.match(validation.stderr, /validation failed/);
  });

  it('accepts the Python CLI form: hac impex --file F [--validation MODE] [--json]', async () => {
    const file = join(box.dir, 'p1.impex');
    await writeFile(file, language('p1'));
    const result = await box.run(['impex', '--file', file, '--validation', 'relaxed', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.success, true);
    assert.equal(doc.level, 'notice');
    assert.deepEqual(doc.validation_errors, []);
    assert.equal(await languageExists(box, 'p1'), true);
    const failed = await box.run(['impex', '-f', '-', '--json'], { input: BROKEN });
    assert.equal(failed.code, 1);
    const failure = JSON.parse(failed.stdout);
    assert.equal(failure.success, false);
    assert.ok(failure.validation_errors.length > 0);
  });

  it('reads piped stdin and passes the import options', async () => {
    const result = await box.run(['impex', 'import', '--max-threads', '2', '--legacy-mode', '--sld', '--encoding', 'UTF-8'], { input: language('s1') });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await languageExists(box, 's1'), true);
  });

  it('import needs --yes on a protected environment and is refused on a read-only one; validate is not', async () => {
    const unconfirmed = await box.run(['-e', 'prot', 'impex', 'import', '-'], { input: language('g1') });
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /--yes/);
    const readOnly = await box.run(['-e', 'ro', 'impex', 'import', '-', '--yes'], { input: language('g1') });
    assert.equal(readOnly.code, 2);
    assert.match(readOnly.stderr, /read-only/);
    assert.equal(await languageExists(box, 'g1'), false);
    const validate = await box.run(['-e', 'ro', 'impex', 'validate', '-'], { input: language('g1') });
    assert.equal(validate.code, 0, validate.stderr);
    const confirmed = await box.run(['-e', 'prot', 'impex', 'import', '-', '--yes'], { input: language('g1') });
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.equal(await languageExists(box, 'g1'), true);
  });

  it('rejects an unknown action or validation mode (exit 2)', async () => {
    const action = await box.run(['impex', 'upload', 'x.impex']);
    assert.equal(action.code, 2);
    assert.match(action.stderr, /unknown impex action 'upload': expected import, validate or export/);
    const mode = await box.run(['impex', '--validation', 'lenient', '-'], { input: language('m1') });
    assert.equal(mode.code, 2);
  });
});
