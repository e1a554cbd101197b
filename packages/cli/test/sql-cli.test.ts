import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminEnv, emulatorConfig, startTestEmulator, type Emulator } from './helpers/emulator.js';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';
import { guardedEnvironments } from './groovy-guarded-envs.js';

// Two rows (staged and online catalog versions); only the first has an EAN in the sample data.
const EAN = "SELECT p_ean FROM products WHERE p_code = 'HW-1001' ORDER BY pk";

describe('hac sql', () => {
  let emu: Emulator;
  let box: HacSandbox;

  before(async () => {
    emu = await startTestEmulator();
    box = await createSandbox(adminEnv());
    await box.writeConfig(emulatorConfig(emu, { extra: guardedEnvironments(emu) }));
  });
  after(async () => {
    await box.cleanup();
    await emu.close();
  });

  const ean = async (): Promise<string> => (await box.run(['sql', EAN, '--format', 'tsv'])).stdout.split('\n')[1] ?? '';

  it('runs SQL and prints rows in every format', async () => {
    const tsv = await box.run(['sql', EAN]);
    assert.equal(tsv.code, 0, tsv.stderr);
    assert.match(tsv.stdout, /^p_ean\n\d+\n\n$/, 'NULL is an empty field');
    const json = JSON.parse((await box.run(['sql', EAN, '--json'])).stdout);
    assert.deepEqual(json.headers, ['p_ean']);
    assert.equal(json.resultCount, 2);
    assert.equal(json.rows[1][0], null);
    const csv = await box.run(['sql', EAN, '--csv']);
    assert.match(csv.stdout, /^p_ean\n\d+\n\n$/);
    const table = await box.run(['sql', EAN, '--format', 'table']);
    assert.match(table.stdout, /│ +NULL │/);
  });

  it('rolls back by default and commits with --commit', async () => {
    const original = await ean();
    const update = "UPDATE products SET p_ean = '1234567890123' WHERE p_code = 'HW-1001'";
    const rolledBack = await box.run(['sql', update]);
    assert.equal(rolledBack.code, 0, rolledBack.stderr);
    assert.equal(await ean(), original, 'rolled back');
    const committed = await box.run(['sql', update, '--commit']);
    assert.equal(committed.code, 0, committed.stderr);
    assert.equal(await ean(), '1234567890123', 'committed');
  });

  it('--commit needs --yes on a protected environment and is refused on a read-only one', async () => {
    const update = "UPDATE products SET p_ean = '999' WHERE p_code = 'HW-1001'";
    const before = await ean();
    const unconfirmed = await box.run(['-e', 'prot', 'sql', update, '--commit']);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /--yes/);
    const readOnly = await box.run(['-e', 'ro', 'sql', update, '--commit', '-y']);
    assert.equal(readOnly.code, 2);
    assert.match(readOnly.stderr, /read-only/);
    assert.equal(await ean(), before, 'nothing was committed');
    const select = await box.run(['-e', 'ro', 'sql', EAN]);
    assert.equal(select.code, 0, 'queries still run on a read-only environment');
  });

  it('an SQL error exits 1 with the cause on stderr', async () => {
    const result = await box.run(['sql', 'SELECT nope FROM nowhere']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /query failed: .*nowhere/i);
  });

  it('reads the statement from stdin', async () => {
    const result = await box.run(['sql', '-f', '-'], { input: EAN });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^p_ean\n/);
  });
});
