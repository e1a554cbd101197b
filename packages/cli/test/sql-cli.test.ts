import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { type HacSandbox } from './helpers/hac-process.js';

// Two rows (staged and online catalog versions); only the first has an EAN in the sample data.
const EAN = "SELECT p_ean FROM products WHERE p_code = 'HW-1001' ORDER BY pk";

describe('hac sql', () => {
  let emu: Emulator;
  let box: HacSandbox;

  before(async () => ({ emu, box } = await startEmulatorSandbox({ config: { guarded: true } })));
  after(() => stopEmulatorSandbox(emu, box));

  const ean = async (): Promise<string> => (await box.run(['sql', EAN, '--format', 'tsv'])).stdout.split('\n')[1] ?? '';

  it('runs SQL and prints rows in every format', async () => {
    const tsv = await box.run(['sql', EAN]);
    assert.equal(tsv.code, 0, tsv.stderr);
    assert.match(tsv.stdout, /^P_EAN\n\d+\n\n$/, 'NULL is an empty field');
    const json = JSON.parse((await box.run(['sql', EAN, '--json'])).stdout);
    assert.deepEqual(json.headers, ['P_EAN'], 'HSQLDB (the emulator default) labels columns in upper case');
    assert.equal(json.result_count, 2);
    assert.equal(json.rows[1][0], null);
    const csv = await box.run(['sql', EAN, '--csv']);
    assert.match(csv.stdout, /^P_EAN\n\d+\n\n$/);
    const table = await box.run(['sql', EAN, '--format', 'table']);
    assert.match(table.stdout, /│ +NULL │/);
  });

  it('values with commas, quotes, newlines, tabs and non-ASCII survive every format; repeated headers stay apart', async () => {
    const query = `SELECT 'a,b' AS v, 'say "hi"' AS v, 'l1' || char(10) || 'l2' AS n, 'Grüße 日本' AS u, 't' || char(9) || 'x' AS t`;
    const run = async (format: string): Promise<string> => {
      const result = await box.run(['sql', query, '--format', format]);
      assert.equal(result.code, 0, `${format}: ${result.stderr}`);
      return result.stdout;
    };
    assert.equal(await run('csv'), 'V,V,N,U,T\n"a,b","say ""hi""","l1\nl2",Grüße 日本,t\tx\n');
    assert.equal(await run('tsv'), 'V\tV\tN\tU\tT\na,b\tsay "hi"\tl1\\nl2\tGrüße 日本\tt\\tx\n');
    const values = ['a,b', 'say "hi"', 'l1\nl2', 'Grüße 日本', 't\tx'];
    assert.deepEqual(JSON.parse(await run('json')).rows, [values]);
    assert.deepEqual(JSON.parse(await run('ndjson')), { V: 'a,b', V_2: 'say "hi"', N: 'l1\nl2', U: 'Grüße 日本', T: 't\tx' });
    const table = (await run('table')).split('\n');
    assert.equal(table.length, 6, 'one line per row: the newline and tab are shown as symbols');
    assert.match(table[3] ?? '', /│ a,b │ say "hi" │ l1⏎l2 │ Grüße 日本 │ t→x │/);
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
    assert.match(result.stdout, /^P_EAN\n/);
  });
});
