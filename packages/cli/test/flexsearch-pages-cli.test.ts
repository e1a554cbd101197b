import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { hacCommand, runProcess, type HacResult, type HacSandbox } from './helpers/hac-process.js';
import { hasScript, onTerminal, plain } from './helpers/terminal.js';

const FS_PATH = '/hac/console/flexsearch/execute';
const PRODUCTS = 6000;
// 6000 generated products (GEN-0000001 …), a line of about 37 bytes each: a page of 2500 is ~90 KiB,
// more than a pipe holds.
const QUERY = "SELECT {code}, {name[en]} FROM {Product} WHERE {code} LIKE 'GEN-%'";
const PAGE = '2500';

const lines = (text: string): string[] => text.trimEnd().split('\n');

/** Wait until the emulator has answered `n` FlexibleSearch requests (the next one may be under way). */
async function whenPagesServed(emu: Emulator, n: number): Promise<void> {
  while (emu.count('POST', FS_PATH) < n) await delay(10);
}

describe('hac fs --all', () => {
  let emu: Emulator;
  let box: HacSandbox;
  /** Every generated product, as `hac fs` prints it without paging (CSV, in PK order). */
  let whole: string[];

  /** `hac fs QUERY --all --page-size 2500 ARGS` whose second page HAC answers with a 500 (it waits at the emulator meanwhile). */
  const failingSecondPage = async (args: string[]): Promise<HacResult> => {
    emu.setLatency(400);
    try {
      emu.resetRequests();
      return await box.run(['fs', QUERY, '--all', '--page-size', PAGE, ...args], {
        onSpawn: () => void whenPagesServed(emu, 1).then(() => emu.injectFault({ path: FS_PATH, kind: 'html-error', status: 500 })),
      });
    } finally {
      emu.setLatency(0);
      emu.clearFaults();
    }
  };

  before(async () => {
    ({ emu, box } = await startEmulatorSandbox({ emulator: { generate: { Product: PRODUCTS } } }));
    const unpaged = await box.run(['fs', `${QUERY} ORDER BY {pk}`, '--max-count', '-1', '--format', 'csv']);
    assert.equal(unpaged.code, 0, unpaged.stderr);
    whole = lines(unpaged.stdout);
    assert.equal(whole.length, PRODUCTS + 1);
  });
  after(() => stopEmulatorSandbox(emu, box));

  it('streams every row once in pages of --page-size, one header, the same rows as one unlimited request', async () => {
    emu.resetRequests();
    const result = await box.run(['fs', QUERY, '--all', '--page-size', PAGE, '--format', 'csv']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(lines(result.stdout), whole);
    // 2500 + 2500 + 1000: the short third page ends the run.
    assert.equal(emu.count('POST', FS_PATH), 3);
    assert.match(result.stderr, /^6,000 rows in 3 pages \(\d+\.\d s\)\n$/);
  });

  it('writes the rows of a page while the rest of its answer is still on the wire', async () => {
    // The second page's answer comes in two halves, a second apart (the first page's rows wait for
    // its columns, which HAC sends after the rows; every later page's rows flow).
    let page2RowsAt: number | undefined;
    emu.setLatency(200);
    try {
      emu.resetRequests();
      const result = await box.run(['fs', QUERY, '--all', '--page-size', PAGE, '--format', 'csv'], {
        onSpawn: (child) => {
          let seen = 0;
          child.stdout?.on('data', (chunk: string) => {
            seen += chunk.split('\n').length - 1;
            if (seen > 2501) page2RowsAt ??= Date.now();
          });
          void whenPagesServed(emu, 1).then(() => emu.injectFault({ path: FS_PATH, kind: 'slow-body', delayMs: 1000 }));
        },
      });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(lines(result.stdout), whole);
    } finally {
      emu.setLatency(0);
      emu.clearFaults();
    }
    const page2 = emu.requests.filter((request) => request.path === FS_PATH)[1];
    assert.ok(page2 && page2RowsAt !== undefined);
    // The emulator records a request once its answer is sent whole.
    assert.ok(page2RowsAt < page2.at.getTime() - 500, `rows of page 2 at ${page2RowsAt}, its answer's end at ${page2.at.getTime()}`);
  });

  it('--format json is one valid document as it grows; ndjson one object per row', async () => {
    const json = await box.run(['fs', 'SELECT {isocode}, {name} FROM {Language}', '--all', '--page-size', '2', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { headers: string[]; rows: string[][]; result_count: number; pages: number; last_pk: string; max_count_reached: boolean };
    assert.deepEqual(doc.headers, ['P_ISOCODE', 'P_NAME']);
    assert.deepEqual(doc.rows.map((row) => row[0]).sort(), ['de', 'en', 'fr', 'ja']);
    assert.equal(doc.result_count, 4);
    // Two full pages, then the empty one that says there is no more.
    assert.equal(doc.pages, 3);
    assert.match(doc.last_pk, /^\d+$/);
    assert.equal(doc.max_count_reached, false);
    const nd = await box.run(['fs', QUERY, '--all', '--page-size', PAGE, '--format', 'ndjson']);
    const rows = lines(nd.stdout).map((line) => JSON.parse(line) as Record<string, string>);
    assert.equal(rows.length, PRODUCTS);
    assert.deepEqual(rows[0], { P_CODE: 'GEN-0000001', P_NAME: 'Generated product 0000001' });
  });

  it('refuses a query it cannot page, before any request, saying why and how to rewrite it', async () => {
    emu.resetRequests();
    // Each: why, and how to rewrite it.
    const cases: [string, RegExp][] = [
      ['SELECT COUNT({pk}) FROM {Product}', /aggregate.*without --all/i],
      ['SELECT {unit}, {code} FROM {Product} GROUP BY {unit}, {code}', /GROUP BY.*without --all/],
      ['SELECT {code} FROM {Product} ORDER BY {code}', /ORDER BY.*leave out ORDER BY and sort the output afterwards/],
      ['SELECT {code} FROM {Product} UNION SELECT {isocode} FROM {Language}', /UNION.*/],
    ];
    for (const [query, why] of cases) {
      const result = await box.run(['fs', query, '--all']);
      assert.equal(result.code, 2, `${query}: ${result.stderr}`);
      assert.match(result.stderr, /^hac: --all cannot page this query: /, query);
      assert.match(result.stderr, why, query);
      assert.equal(result.stdout, '');
    }
    assert.equal(emu.requests.length, 0);
    const value = await box.run(['fs', QUERY, '--all', '--value']);
    assert.equal(value.code, 2);
    const pk = await box.run(['fs', QUERY, '--all', '--after-pk', 'last']);
    assert.equal(pk.code, 2);
    assert.match(pk.stderr, /--after-pk.*expected a PK/);
  });

  it('--after-pk goes on after that PK', async () => {
    const pks = await box.run(['fs', `SELECT {pk} FROM {Product} WHERE {code} LIKE 'GEN-%' ORDER BY {pk}`, '-m', '100', '--format', 'tsv']);
    const hundredth = lines(pks.stdout)[100] ?? '';
    const rest = await box.run(['fs', QUERY, '--all', '--page-size', PAGE, '--after-pk', hundredth, '--format', 'csv']);
    assert.equal(rest.code, 0, rest.stderr);
    assert.deepEqual(lines(rest.stdout), [whole[0], ...whole.slice(101)]);
  });

  it('piped into head -5: five lines, and no page after the first', async () => {
    emu.resetRequests();
    const { command, args } = hacCommand();
    const script = '"$@" fs "$QUERY" --all --page-size 5000 --format csv | head -5';
    const result = await runProcess('bash', ['-c', script, 'bash', command, ...args], { ...box.env, QUERY });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(lines(result.stdout), whole.slice(0, 5));
    assert.equal(result.stderr, '');
    assert.equal(emu.count('POST', FS_PATH), 1);
  });

  it('--output FILE gets the rows; a run whose page fails leaves no FILE and no temporary file', async () => {
    const file = join(box.dir, 'all.csv');
    const written = await box.run(['fs', QUERY, '--all', '--page-size', PAGE, '--format', 'csv', '--output', file]);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.deepEqual(lines(await readFile(file, 'utf8')), whole);

    const failed = join(box.dir, 'failed.csv');
    const failure = await failingSecondPage(['--format', 'csv', '-o', failed]);
    assert.equal(failure.code, 1, failure.stderr);
    assert.match(failure.stderr, /^hac: page 2 failed after 2,500 rows \(go on with --after-pk \d+\): /);
    assert.equal(existsSync(failed), false);
    assert.deepEqual((await readdir(box.dir)).filter((name) => name.endsWith('.tmp')), []);
  });

  it('a page that fails names the PK to go on from: the rows before it and the rows after it are every row once; JSON stays one document', async () => {
    const failure = await failingSecondPage(['--format', 'csv']);
    assert.equal(failure.code, 1, failure.stderr);
    const resumeAt = /--after-pk (\d+)/.exec(failure.stderr)?.[1] ?? '';
    assert.deepEqual(lines(failure.stdout), whole.slice(0, 2501), failure.stderr);
    const rest = await box.run(['fs', QUERY, '--all', '--page-size', PAGE, '--after-pk', resumeAt, '--format', 'csv']);
    assert.equal(rest.code, 0, rest.stderr);
    assert.deepEqual([...lines(failure.stdout), ...lines(rest.stdout).slice(1)], whole);

    const json = await failingSecondPage(['--json']);
    assert.equal(json.code, 1, json.stderr);
    const doc = JSON.parse(json.stdout) as { success: boolean; rows: string[][]; result_count: number; exception: string; pages: number; last_pk: string };
    assert.equal(doc.success, false);
    assert.equal(doc.rows.length, 2500);
    assert.equal(doc.result_count, 2500);
    assert.equal(doc.pages, 2);
    assert.match(doc.exception, /page 2 failed after 2,500 rows \(go on with --after-pk \d+\)/);
    assert.match(json.stderr, new RegExp(`--after-pk ${doc.last_pk}\\)`));
  });

  it('on a terminal: a progress line (rows, pages, rate, elapsed) while the rows go to a file; rows to the terminal as a table per page', { skip: !hasScript() && 'needs util-linux script' }, async () => {
    const file = join(box.dir, 'progress.csv');
    emu.setLatency(300);
    try {
      const result = await onTerminal(box, ['fs', QUERY, '--all', '--page-size', '1000', '--format', 'csv', '-o', file]);
      assert.equal(result.code, 0, result.stdout);
      const text = plain(result.stdout);
      assert.match(text, /[\d,]+ rows, \d+ pages?, [\d,]+ rows\/s… \ds/);
      assert.match(text, /6,000 rows in 7 pages \(\d+\.\d s\)\n$/);
    } finally {
      emu.setLatency(0);
    }
    assert.deepEqual(lines(await readFile(file, 'utf8')), whole);
    // Rows to the terminal itself: a table per page (two full pages, then an empty one adds none), no progress line.
    const tables = await onTerminal(box, ['fs', 'SELECT {isocode} FROM {Language}', '--all', '--page-size', '2']);
    assert.equal(tables.code, 0, tables.stdout);
    const shown = plain(tables.stdout);
    assert.equal(shown.match(/┌/g)?.length, 2, shown);
    assert.equal(shown.match(/P_ISOCODE/g)?.length, 2, shown);
    assert.doesNotMatch(shown, /rows\/s/);
  });

  // Last: the second page it leaves behind is still on its way to the emulator when the run ends.
  it('Ctrl-C while paging into --output FILE leaves no FILE and no temporary file', async () => {
    const interrupted = join(box.dir, 'interrupted.csv');
    emu.setLatency(400);
    try {
      emu.resetRequests();
      const stopped = await box.run(['fs', QUERY, '--all', '--page-size', PAGE, '--format', 'csv', '-o', interrupted], {
        onSpawn: (child) => void whenPagesServed(emu, 1).then(() => child.kill('SIGINT')),
      });
      assert.equal(stopped.code, 130, stopped.stderr);
    } finally {
      emu.setLatency(0);
    }
    assert.equal(existsSync(interrupted), false);
    assert.deepEqual((await readdir(box.dir)).filter((name) => name.endsWith('.tmp')), []);
  });
});
