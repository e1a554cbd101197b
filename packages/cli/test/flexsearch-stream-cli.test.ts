import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BasicAuthHandler, HacClient } from 'hac-client';
import { formatResultSet } from '../src/output/index.js';
import { ADMIN, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { hacCommand, runProcess, type HacSandbox } from './helpers/hac-process.js';

const FS_PATH = '/hac/console/flexsearch/execute';
const FORMATS = ['csv', 'tsv', 'ndjson'] as const;

/**
 * CSV, TSV and NDJSON of one request are written as the answer streams in (`query-stream.ts`); the
 * output must be byte for byte what the whole result printed (`formatResultSet`), which the library's
 * one-shot call gives here.
 */
describe('hac fs / hac sql --format csv|tsv|ndjson, written as the answer arrives', () => {
  let emu: Emulator;
  let box: HacSandbox;
  let client: HacClient;

  before(async () => {
    ({ emu, box } = await startEmulatorSandbox({ emulator: { generate: { Product: 3000 } } }));
    client = new HacClient({ baseUrl: emu.url, authHandler: new BasicAuthHandler(ADMIN.username, ADMIN.password), sessionPersistence: false });
  });
  after(async () => {
    await client.close();
    await stopEmulatorSandbox(emu, box);
  });

  const cases: { name: string; command: 'fs' | 'sql'; query: string }[] = [
    { name: '3000 generated products plus the sample ones (several network chunks)', command: 'fs', query: 'SELECT {pk}, {code}, {name[en]}, {creationtime} FROM {Product} ORDER BY {pk}' },
    { name: 'escaped cells, quotes and NULLs', command: 'fs', query: 'SELECT {code}, {name}, {description} FROM {Product} WHERE {code} NOT LIKE \'GEN-%\' ORDER BY {code}' },
    { name: 'an empty result (the header line alone)', command: 'fs', query: "SELECT {code}, {name} FROM {Product} WHERE {code} = 'none'" },
    {
      name: 'commas, quotes, line breaks, tabs, backslashes, non-ASCII and repeated headers',
      command: 'sql',
      query: `SELECT 'a,b' AS v, 'say "hi"' AS v, 'l1' || char(10) || 'l2' AS n, 'Grüße 日本 😀' AS u, 't' || char(9) || 'x\\y' AS t, NULL AS z`,
    },
  ];

  for (const { name, command, query } of cases) {
    it(`${command}: ${name}: the same bytes as the whole result gives, in one request`, async () => {
      const whole = command === 'fs' ? await client.executeFlexibleSearch(query, { maxCount: -1 }) : await client.executeSql(query, { maxCount: -1 });
      assert.equal(whole.success, true, whole.exception ?? '');
      for (const format of FORMATS) {
        emu.resetRequests();
        const result = await box.run([command, query, '-m', '-1', '--format', format]);
        assert.equal(result.code, 0, `${format}: ${result.stderr}`);
        assert.equal(result.stdout, formatResultSet(whole, format), `${format} differs`);
        assert.match(result.stderr, new RegExp(`^${whole.resultCount} rows? \\(`, 'm'));
        assert.equal(emu.count('POST', FS_PATH), 1, 'one request');
      }
    });
  }

  it('piped with -q and no format: tab-separated rows without the header line, as before', async () => {
    const query = 'SELECT {code} FROM {Product} ORDER BY {code}';
    const whole = await client.executeFlexibleSearch(query, { maxCount: 5 });
    const result = await box.run(['fs', query, '-m', '5', '-q']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, formatResultSet(whole, 'tsv', { header: false }));
    assert.match(result.stderr, /5 rows shown; there may be more/);
  });

  it('piped into head -3: three lines, exit 0, nothing on stderr (the reader that is gone ends the read)', async () => {
    const query = 'SELECT {pk}, {code} FROM {Product} ORDER BY {pk}';
    const whole = formatResultSet(await client.executeFlexibleSearch(query, { maxCount: -1 }), 'csv');
    const { command, args } = hacCommand();
    const script = '"$@" fs "$QUERY" -m -1 --format csv | head -3';
    const result = await runProcess('bash', ['-c', script, 'bash', command, ...args], { ...box.env, QUERY: query });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, whole.split('\n').slice(0, 3).join('\n') + '\n');
    assert.equal(result.stderr, '');
  });

  it('a query exception writes no rows, says why on stderr and exits 1', async () => {
    for (const format of FORMATS) {
      const result = await box.run(['fs', 'SELECT {pk} FROM {NoSuchType}', '--format', format]);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /query failed: .*NoSuchType/);
    }
  });

  it('sql without --commit streams and still says what a modifying statement rolled back', async () => {
    const result = await box.run(['sql', "UPDATE products SET p_ean = '1' WHERE p_code LIKE 'GEN-000%'", '--format', 'csv']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^RESULT\n\d+ row\(s\) affected\.\n$/);
    assert.match(result.stderr, /rolled back: the statement changed \d+ rows/);
  });

  it('-o FILE gets the streamed rows whole on success; Ctrl-C while the answer streams leaves FILE as it was', async () => {
    const query = 'SELECT {pk}, {code} FROM {Product} ORDER BY {pk}';
    const whole = await client.executeFlexibleSearch(query, { maxCount: -1 });
    const file = join(box.dir, 'streamed.csv');
    const written = await box.run(['fs', query, '-m', '-1', '--format', 'csv', '-o', file]);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(await readFile(file, 'utf8'), formatResultSet(whole, 'csv'));

    await writeFile(file, 'before\n');
    // Half the answer is sent at once, the rest only after 5 s: hac is interrupted while it reads.
    emu.injectFault({ path: FS_PATH, kind: 'slow-body', delayMs: 5_000 });
    try {
      const stopped = await box.run(['--debug', 'fs', query, '-m', '-1', '--format', 'csv', '-o', file], {
        onSpawn: (child) => {
          let seen = '';
          child.stderr?.on('data', (chunk: Buffer) => {
            seen += chunk.toString();
            if (seen.includes('(answer streamed)')) {
              seen = '';
              child.kill('SIGINT');
            }
          });
        },
      });
      assert.equal(stopped.code, 130, stopped.stderr);
    } finally {
      emu.clearFaults();
    }
    assert.equal(await readFile(file, 'utf8'), 'before\n');
    assert.deepEqual((await readdir(box.dir)).filter((entry) => entry.endsWith('.tmp')), []);
    assert.ok(existsSync(file));
  });
});
