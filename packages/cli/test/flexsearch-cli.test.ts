import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { type HacSandbox } from './helpers/hac-process.js';

const LANGUAGES = 'SELECT {isocode}, {name} FROM {Language} ORDER BY {isocode}';
const USERS = "SELECT {uid}, {name} FROM {User} WHERE {uid} IN ('former.employee', 'david.obrien@example.com') ORDER BY {uid}";

// The tests are independent and each spawns `hac` a few times: run them concurrently.
describe('hac flexsearch', { concurrency: true }, () => {
  let emu: Emulator;
  let box: HacSandbox;

  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  after(() => stopEmulatorSandbox(emu, box));

  it('prints tab-separated rows with a header when piped (the Python CLI format)', async () => {
    const result = await box.run(['flexsearch', LANGUAGES]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'P_ISOCODE\tP_NAME\nde\tGerman\nen\tEnglish\nfr\tFrench\nja\tJapanese\n');
    assert.match(result.stderr, /4 rows/);
    assert.doesNotMatch(result.stderr, /max-count/);
  });

  it('--csv quotes commas and quotes (RFC 4180); cells arrive unescaped', async () => {
    const result = await box.run(['fs', USERS, '--csv']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "P_UID,P_NAME\ndavid.obrien@example.com,David O'Brien\nformer.employee,\"Former Employee, retired\"\n");
  });

  it('--json is one document with the Python CLI field names; ndjson is one object per row', async () => {
    const json = await box.run(['fs', LANGUAGES, '--json', '--max-count', '2']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout);
    assert.deepEqual(doc.headers, ['P_ISOCODE', 'P_NAME']);
    assert.deepEqual(doc.rows, [['de', 'German'], ['en', 'English']]);
    assert.equal(doc.result_count, 2);
    assert.equal(doc.max_count_reached, true);
    assert.equal(typeof doc.execution_time_ms, 'number');
    assert.match(doc.query, /SELECT/i);
    const nd = await box.run(['fs', LANGUAGES, '--format', 'ndjson']);
    const rows = nd.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(rows[0], { P_ISOCODE: 'de', P_NAME: 'German' });
    assert.equal(rows.length, 4);
  });

  it('--format table draws a box no wider than the terminal', async () => {
    const result = await box.run(['fs', 'SELECT {code}, {description} FROM {Product}', '--format', 'table', '-m', '3']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^┌─+┬─+┐$/);
    assert.match(lines[1] ?? '', /│ P_CODE +│ P_DESCRIPTION +│/);
    assert.equal(lines.length, 3 + 3 + 1);
    for (const line of lines) assert.ok([...line].length <= 80, `too wide: ${line}`);
  });

  it('says on stderr when the result hit --max-count', async () => {
    const result = await box.run(['fs', LANGUAGES, '-m', '3']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trimEnd().split('\n').length, 4);
    assert.match(result.stderr, /3 rows shown; there may be more: raise --max-count or pass --all/);
  });

  it('-q hides the row count but not the max-count notice; piped, the header line too (COUNT=$(hac fs … -q))', async () => {
    const quiet = await box.run(['fs', LANGUAGES, '-q']);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stderr, '');
    assert.equal(quiet.stdout, 'de\tGerman\nen\tEnglish\nfr\tFrench\nja\tJapanese\n');
    const count = await box.run(['fs', 'SELECT COUNT({pk}) FROM {Language}', '-q']);
    assert.equal(count.stdout, '4\n');
    const chosen = await box.run(['fs', LANGUAGES, '-q', '--format', 'tsv']);
    assert.match(chosen.stdout, /^p_isocode\tp_name\n/i, 'a chosen format keeps its header');
    const cut = await box.run(['fs', LANGUAGES, '-q', '-m', '1']);
    assert.equal(cut.stderr, '1 row shown; there may be more: raise --max-count or pass --all\n');
  });

  it('a query exception exits 1 with the root cause on stderr', async () => {
    const result = await box.run(['fs', 'SELECT {nosuchfield} FROM {Product}']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /query failed: .*nosuchfield/);
    const json = await box.run(['fs', 'SELECT {nosuchfield} FROM {Product}', '--json']);
    assert.equal(json.code, 1);
    const doc = JSON.parse(json.stdout);
    assert.equal(doc.success, false);
    assert.match(doc.exception, /nosuchfield/);
  });

  it('reads the query from -f FILE, - and piped stdin', async () => {
    const file = join(box.dir, 'languages.fxs');
    await writeFile(file, LANGUAGES);
    const fromFile = await box.run(['fs', '-f', file]);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.match(fromFile.stdout, /^P_ISOCODE\tP_NAME\nde\tGerman\n/);
    const dash = await box.run(['fs', '-'], { input: LANGUAGES });
    assert.equal(dash.stdout, fromFile.stdout);
    const piped = await box.run(['fs', '--csv'], { input: LANGUAGES });
    assert.match(piped.stdout, /^P_ISOCODE,P_NAME\nde,German\n/);
  });

  it('applies --locale and accepts --as-user and --data-source', async () => {
    const result = await box.run(['fs', 'SELECT {code}, {name} FROM {Product}', '-m', '1', '-l', 'de']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\(DE\)/);
    const asUser = await box.run(['fs', LANGUAGES, '--as-user', 'anonymous', '--data-source', 'master']);
    assert.equal(asUser.code, 0, asUser.stderr);
    assert.match(asUser.stdout, /^P_ISOCODE\tP_NAME\n/);
  });

  it('--user after fs is the login user: a failed login points to --as-user', async () => {
    const result = await box.run(['fs', LANGUAGES, '--user', 'bob']);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^hac: Login failed for user 'bob' .* \(-u\/--user is the login user; to run the query as another user, use --as-user\)\n$/);
    const elsewhere = await box.run(['-u', 'bob', 'groovy', 'return 1']);
    assert.equal(elsewhere.code, 3);
    assert.doesNotMatch(elsewhere.stderr, /--as-user/);
  });

  it('--max-count -1 and --all return every row, with no max-count notice', async () => {
    const items = 'SELECT {pk} FROM {Item}';
    const count = await box.run(['fs', 'SELECT COUNT({pk}) FROM {Item}', '--format', 'tsv']);
    const total = Number(count.stdout.trim().split('\n')[1]);
    assert.ok(total > 200, count.stdout);
    const capped = await box.run(['fs', items, '--json']);
    assert.equal(JSON.parse(capped.stdout).rows.length, 200);
    for (const args of [['--max-count', '-1'], ['-m', '-1'], ['--max-count=-1'], ['--all']]) {
      const result = await box.run(['fs', items, '--json', ...args]);
      assert.equal(result.code, 0, result.stderr);
      const doc = JSON.parse(result.stdout);
      assert.equal(doc.rows.length, total, args.join(' '));
      assert.equal(doc.max_count_reached, false);
      assert.doesNotMatch(result.stderr, /max-count/);
    }
    const sql = await box.run(['sql', 'SELECT p_code FROM products', '--all', '--format', 'tsv']);
    assert.equal(sql.code, 0, sql.stderr);
    assert.ok(sql.stdout.trimEnd().split('\n').length > 50);
  });

  it('refuses --max-count 0 (HAC would return no rows), below -1, and --all with --max-count', async () => {
    const zero = await box.run(['fs', LANGUAGES, '--max-count', '0']);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /0 would return no rows: give at least 1, or -1 \(--all\) for every row/);
    const negative = await box.run(['fs', LANGUAGES, '-m', '-2']);
    assert.equal(negative.code, 2);
    assert.match(negative.stderr, /or -1 for every row, got '-2'/);
    const both = await box.run(['fs', LANGUAGES, '--all', '--max-count', '5']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--all.*cannot be used with.*--max-count/);
  });

  it('--help shows -1 (one unlimited request) and --all (pages)', async () => {
    const help = await box.run(['fs', '--help']);
    assert.match(help.stdout, /-1 for every row in one request/);
    assert.match(help.stdout, /--all +every row, fetched in pages keyed by PK/);
    assert.match(help.stdout, /--page-size <n> +rows per page with --all/);
    assert.match(help.stdout, /--after-pk <pk> +with --all: only rows above this PK/);
    assert.match(help.stdout, /\$ hac fs .* --all /);
  });

  it('rejects a bad --max-count as usage (exit 2)', async () => {
    const result = await box.run(['fs', LANGUAGES, '--max-count', 'lots']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /max-count/);
  });
});

