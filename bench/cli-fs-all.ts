/**
 * `hac fs QUERY --all --format csv > FILE` over N generated products (issues 8 and 13): wall time,
 * CPU time, rows/s and peak RSS of the `hac` process for each `--page-size`, next to the same rows
 * as one request (`-m N --format csv`), the rate at which the emulator serves the query as one page
 * of N rows (bare `node:http`, `client-probe.mjs fs-floor`), and `node -e 0`'s peak RSS. With the
 * Python peer set up (HAC_BENCH_PYTHON_CORE…, bench/README.md "The Python peer, live") a Python
 * process writing the same rows through hac-client-core runs beside them, over https (`--tls`,
 * hac with `-k`). Each size gets an emulator of its own (`--data empty --generate Product=N`, in its
 * own process, as HAC would be); each round runs every case once (interleaved), the table shows
 * medians, so that the machine's load weighs on every case alike. Prints numbers and the targets;
 * asserts nothing. Needs `npm run build` first.
 *
 *   node --conditions=source --import tsx bench/cli-fs-all.ts [--rows 100000,1000000] [--page-size 10000[,25000,…]] [--runs 1]
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, median } from './emulator-helpers.js';
import { startEmulator, stop } from './emulator-process.js';
import { checkPythonPeer, pythonFsCsvCommand, pythonPeerFromEnv, pythonProbe } from './python-peer.js';
import { requireGnuTime, timed, type Sample } from './timed-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HAC = join(ROOT, 'packages', 'cli', 'bin', 'hac.cjs');
const PROBE = join(ROOT, 'bench', 'client-probe.mjs');
/** The query of client-probe.mjs's fs-floor (five columns), so that both sides read the same rows. */
const QUERY = 'SELECT {pk}, {code}, {name[en]}, {creationtime}, {modifiedtime} FROM {Product}';

const listFlag = (name: string, fallback: number[]): number[] => {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const values = (process.argv[index + 1] ?? '').split(',').map(Number);
  if (values.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} takes whole numbers, e.g. ${fallback.join(',')}`);
  return values;
};
const sizes = listFlag('--rows', [100_000, 1_000_000]);
const pageSizes = listFlag('--page-size', [10_000]);
const runs = flag('--runs', 1);
const peer = pythonPeerFromEnv();
requireGnuTime('cli-fs-all.ts');
if (peer) await checkPythonPeer(peer);

interface Case {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  samples: Sample[];
}

/** The emulator's time for the query as one page of `rows` rows, read with bare node:http (median of 3). */
async function singlePageMs(url: string, rows: number): Promise<{ ms: number; bytes: number }> {
  const samples: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const child = spawn(process.execPath, [PROBE, 'fs-floor', url, String(rows)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise((resolve) => child.once('close', resolve));
    samples.push(JSON.parse(stdout) as { ms: number; bytes: number });
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[1] as { ms: number; bytes: number };
}

const work = await mkdtemp(join(tmpdir(), 'hac-bench-fs-all-'));
const env: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'],
  HOME: join(work, 'home'),
  XDG_CONFIG_HOME: join(work, 'config'),
  XDG_CACHE_HOME: join(work, 'cache'),
  HAC_NO_KEYCHAIN: '1',
  HAC_USERNAME: 'admin',
  HAC_PASSWORD: 'nimda',
  NO_COLOR: '1',
};
await Promise.all([env['HOME'], env['XDG_CONFIG_HOME'], env['XDG_CACHE_HOME']].map((dir) => mkdir(dir ?? '', { recursive: true })));

const report = join(work, 'time.txt');
const run = (c: Pick<Case, 'command' | 'args' | 'env'>, stdoutFile?: string): Promise<Sample> => timed(c.command, c.args, c.env, stdoutFile, report);
const nodeFloor = await run({ command: process.execPath, args: ['-e', '0'], env });
const f0 = (n: number): string => n.toFixed(0);
const f2 = (n: number): string => n.toFixed(2);
const results: { rows: number; floorMs: number; payloadMiB: number; cases: Case[] }[] = [];
try {
  for (const rows of sizes) {
    // The Python client keeps its session over https only (HAC's cookie is Secure): the emulator
    // speaks TLS when the peer is measured, and hac skips the check of its certificate as the peer does.
    const emu = await startEmulator('--data', 'empty', '--generate', `Product=${rows}`, ...(peer ? ['--tls'] : []));
    try {
      const target = ['--url', emu.url, ...(peer ? ['-k'] : [])];
      const hac = (label: string, ...args: string[]): Case => ({ label, command: process.execPath, args: [HAC, ...target, ...args], env, samples: [] });
      const cases: Case[] = pageSizes.map((pageSize) => hac(`hac fs --all --page-size ${pageSize}`, 'fs', QUERY, '--all', '--page-size', String(pageSize), '--format', 'csv'));
      cases.push(hac(`hac fs -m ${rows} (one request)`, 'fs', QUERY, '-m', String(rows), '--format', 'csv'));
      if (peer) {
        const home = join(work, `python-${rows}`);
        await pythonProbe<number>(peer, home, 'call', emu.url); // logs in and caches the session
        cases.push({ label: 'Python hac-client-core (one request)', ...pythonFsCsvCommand(peer, emu.url, rows, home), samples: [] });
      }
      // A login and a small query first, so that every case finds a cached session (as the Python
      // case does) and the code cache of `hac fs` written.
      await run(hac('login', 'login'));
      await run(hac('warm', 'fs', QUERY, '-m', '1', '--format', 'csv'));
      const floor = peer ? { ms: Number.NaN, bytes: Number.NaN } : await singlePageMs(emu.url, rows);
      const file = join(work, `products-${rows}.csv`);
      for (let round = 0; round < runs; round++) {
        for (const c of cases) {
          c.samples.push(await run(c, file));
          const lines = (await readFile(file, 'utf8')).split('\n').length - 2; // the header and the last newline
          if (lines !== rows) throw new Error(`${c.label}: expected ${rows} rows in the file, got ${lines}`);
          await rm(file);
        }
      }
      results.push({ rows, floorMs: floor.ms, payloadMiB: floor.bytes / 2 ** 20, cases });
    } finally {
      await stop(emu);
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

console.log(`hac fs QUERY --all --page-size P --format csv > FILE   (QUERY: ${QUERY})`);
console.log(`${runs} interleaved round(s), medians (CPU and peak RSS from GNU time)${peer ? '; over https (the Python peer is measured)' : ''}; node -e 0 peak RSS: ${f0(nodeFloor.peakMiB)} MiB\n`);
for (const r of results) {
  const figure = (c: Case | undefined, key: keyof Sample): number => median(c?.samples.map((sample) => sample[key]) ?? []);
  const python = r.cases.find((c) => c.label.startsWith('Python'));
  console.log(`${r.rows} rows${Number.isNaN(r.floorMs) ? '' : `; one page of N rows from the emulator (bare node:http): ${(r.floorMs / 1000).toFixed(2)} s, ${f0((r.rows * 1000) / r.floorMs)} rows/s, ${f0(r.payloadMiB)} MiB JSON`}`);
  console.table(
    r.cases.map((c) => {
      const ms = figure(c, 'wallMs');
      const pageSize = Number(/--page-size (\d+)/.exec(c.label)?.[1]);
      return {
        case: c.label,
        // The last page is the one that comes back short (possibly empty).
        pages: Number.isNaN(pageSize) ? 1 : Math.floor(r.rows / pageSize) + 1,
        wall: `${(ms / 1000).toFixed(2)} s`,
        cpu: `${(figure(c, 'cpuMs') / 1000).toFixed(2)} s`,
        'rows/s': f0((r.rows * 1000) / ms),
        ...(Number.isNaN(r.floorMs) ? {} : { 'rate ÷ emulator (≥ 0.50)': f2(r.floorMs / ms) }),
        ...(python ? { '÷ Python': f2(ms / figure(python, 'wallMs')) } : {}),
        'peak RSS (≤ 120 MiB at 100k, ≤ 150 at 1M)': `${f0(figure(c, 'peakMiB'))} MiB`,
        'CSV MiB': f0(figure(c, 'bytes') / 2 ** 20),
      };
    }),
  );
}
const first = `--page-size ${pageSizes[0] ?? ''}`;
const peakOf = (r: (typeof results)[number] | undefined): number => median(r?.cases.find((c) => c.label.endsWith(first))?.samples.map((sample) => sample.peakMiB) ?? []);
const smallest = results[0];
const largest = results.at(-1);
if (smallest && largest && largest !== smallest) {
  console.log(`peak RSS at ${largest.rows} rows / at ${smallest.rows} rows (${first}): ${f2(peakOf(largest) / peakOf(smallest))}× (target ≤ 1.2×)`);
}
