/**
 * `hac fs … --format csv|tsv|ndjson > file` of N generated products (issue 8: rows written as they
 * arrive, peak ≤ 120 MiB for 100k rows), whole process: wall and CPU time and peak RSS from GNU
 * time (`/usr/bin/time`), next to the floors: a process POSTing the same query with hac's session
 * through bare `node:http` and writing the answer (the emulator's own time and the payload), and
 * the same with one `JSON.parse` of the body (what a reader holds that takes the answer whole).
 * The emulator runs in a process of its own; each round runs every case once (interleaved), the
 * table shows medians.
 *
 *   npm run build && node --conditions=source --import tsx bench/cli-fs.ts [--rows 100000] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, hacCommand, repoRoot } from '../packages/cli/test/helpers/hac-process.js';
import { requireGnuTime, timed, type Sample } from './timed-process.js';
import { flag, median } from './emulator-helpers.js';
import { startEmulator, stop } from './emulator-process.js';

const rows = flag('--rows', 100_000);
const runs = flag('--runs', 3);
requireGnuTime('cli-fs.ts');
const QUERY = 'SELECT {pk}, {code}, {name[en]}, {creationtime}, {modifiedtime} FROM {Product}';

const scratch = await mkdtemp(join(tmpdir(), 'hac-bench-cli-fs-'));
const emu = await startEmulator('--generate', `Product=${rows}`);
const box = await createSandbox({ HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' });
try {
  const target = ['--url', emu.url];
  const login = await box.run([...target, 'login']);
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  const [session] = await box.sessionFiles();
  if (!session) throw new Error('no session file after login');
  const hac = hacCommand(false);
  // The floor: a process that POSTs the same query with hac's session and reads the answer (bare node:http).
  const floorScript = `
    import { floorPost } from ${JSON.stringify(join(repoRoot, 'bench', 'floor-post.mjs'))};
    const [baseUrl, sessionId, csrfToken, query, rows] = process.argv.slice(1);
    const form = new URLSearchParams({ flexibleSearchQuery: query, sqlQuery: '', maxCount: rows, locale: 'en', dataSource: 'master', commit: 'false' }).toString();
    const { status, body } = await floorPost({ baseUrl, sessionId, csrfToken, path: '/console/flexsearch/execute', form });
    if (status !== 200) throw new Error('HTTP ' + status);
    if (process.env.HAC_BENCH_PARSE === '1') {
      // The least a reader holds that takes the answer whole: the body, its text, the parsed rows.
      const answer = JSON.parse(body.toString('utf8'));
      process.stdout.write(String(answer.resultList.length));
    } else {
      process.stdout.write(body);
    }`;
  const cases = [
    {
      label: `floor: node:http reads the ${rows} rows' JSON`,
      command: process.execPath,
      args: ['--input-type=module', '-e', floorScript, emu.url, String(session['session_id']), String(session['csrf_token']), QUERY, String(rows)],
    },
    {
      label: `floor: node:http read + one JSON.parse`,
      command: process.execPath,
      args: ['--input-type=module', '-e', floorScript, emu.url, String(session['session_id']), String(session['csrf_token']), QUERY, String(rows)],
      env: { HAC_BENCH_PARSE: '1' },
    },
    ...(['csv', 'tsv', 'ndjson', 'json'] as const).map((format) => ({
      label: `hac fs … -m ${rows} --format ${format} > file`,
      command: hac.command,
      args: [...hac.args, ...target, 'fs', QUERY, '-m', String(rows), '--format', format],
    })),
    // Issue 8's row: every row of the table (pages by PK where hac fs --all pages, else one request).
    { label: 'hac fs … --all --format csv > file', command: hac.command, args: [...hac.args, ...target, 'fs', QUERY, '--all', '--format', 'csv'] },
  ];
  const samples = new Map<string, Sample[]>(cases.map((c) => [c.label, []]));
  for (let round = 0; round < runs; round++) {
    for (const c of cases) samples.get(c.label)!.push(await timed(c.command, c.args, { ...box.env, ...('env' in c ? c.env : {}) }, join(scratch, 'out'), join(scratch, 'time.txt')));
  }
  const figure = (label: string, key: keyof Sample): number => median(samples.get(label)!.map((s) => s[key]));
  const floorLabel = cases[0]!.label;
  const floorMs = figure(floorLabel, 'wallMs');
  console.log(`hac fs of ${rows} generated products to a file: emulator in its own process, ${runs} interleaved rounds, medians (CPU and peak RSS from GNU time)\n`);
  const width = Math.max(...cases.map((c) => c.label.length));
  console.log(`${'case'.padEnd(width)}  wall ms  ×floor  cpu ms  peak MiB  output MiB  target`);
  for (const c of cases) {
    const peak = figure(c.label, 'peakMiB');
    // The target is for the formats written row by row; a JSON document is one piece.
    const streamed = /--format (csv|tsv|ndjson) /.test(c.label);
    // The output of every case is the same rows: a short file means a failed run.
    if (!c.label.startsWith('floor') && figure(c.label, 'bytes') < rows * 20) throw new Error(`${c.label}: only ${figure(c.label, 'bytes')} bytes of output`);
    const verdict = streamed ? `≤ 120 MiB: ${peak <= 120 ? 'met' : 'NOT met'}` : '';
    console.log(
      `${c.label.padEnd(width)}  ${figure(c.label, 'wallMs').toFixed(0).padStart(7)}  ${(figure(c.label, 'wallMs') / floorMs).toFixed(2).padStart(6)}  ${figure(c.label, 'cpuMs').toFixed(0).padStart(6)}  ${peak.toFixed(1).padStart(8)}  ${(figure(c.label, 'bytes') / 2 ** 20).toFixed(1).padStart(10)}  ${verdict}`,
    );
  }
  console.log('\nPython peer (hac-client-core), as published in issue 8: `hac fs … --all --csv > file`, 100k rows: 1.82 s, 98 MiB.');
} finally {
  await stop(emu);
  await box.cleanup();
  await rm(scratch, { recursive: true, force: true });
}
