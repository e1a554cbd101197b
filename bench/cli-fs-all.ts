/**
 * `hac fs QUERY --all --format csv > FILE` over N generated products (issue 13): wall time, rows/s
 * and peak RSS of the `hac` process, next to the rate at which the emulator serves the same query
 * as one page of N rows (bare `node:http`, `client-probe.mjs fs-floor`), and `node -e 0`'s peak RSS.
 * Each size gets an emulator of its own (`--data empty --generate Product=N`, in its own process, as
 * HAC would be). The ratios are taken within this run, so that the machine's load weighs on both
 * sides. Prints numbers and the targets; asserts nothing. Needs `npm run build` first.
 *
 *   node --conditions=source --import tsx bench/cli-fs-all.ts [--rows 100000,1000000] [--page-size 10000]
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, stop } from './emulator-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HAC = join(ROOT, 'packages', 'cli', 'bin', 'hac.cjs');
const PROBE = join(ROOT, 'bench', 'client-probe.mjs');
const PEAK = join(ROOT, 'bench', 'peak-rss.cjs');
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
const [pageSize = 10_000] = listFlag('--page-size', [10_000]);

interface Run {
  ms: number;
  peakKiB: number;
  stderr: string;
}

/** Run `node --require peak-rss.cjs ARGS` with stdout to `stdoutFile` (or ignored): wall time and peak RSS. */
async function measured(args: string[], env: NodeJS.ProcessEnv, stdoutFile?: string): Promise<Run> {
  const peakFile = join(env['HOME'] ?? tmpdir(), `peak-${process.hrtime.bigint()}`);
  const out = stdoutFile === undefined ? 'ignore' : openSync(stdoutFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', PEAK, ...args], { env: { ...env, HAC_BENCH_PEAK_RSS_FILE: peakFile }, stdio: ['ignore', out, 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const ms = performance.now() - started;
  if (typeof out === 'number') closeSync(out);
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${String(code)}): ${stderr.trim().slice(-2000)}`);
  return { ms, peakKiB: Number(await readFile(peakFile, 'utf8')), stderr };
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

const nodeFloor = await measured(['-e', '0'], env);
const mib = (kib: number): number => kib / 1024;
const f0 = (n: number): string => n.toFixed(0);
const f2 = (n: number): string => n.toFixed(2);
const results: { rows: number; hacMs: number; hacPeakMiB: number; floorMs: number; payloadMiB: number; pages: string }[] = [];
try {
  for (const rows of sizes) {
    const emu = await startEmulator('--data', 'empty', '--generate', `Product=${rows}`);
    try {
      const floor = await singlePageMs(emu.url, rows);
      const file = join(work, `products-${rows}.csv`);
      const hac = await measured([HAC, '--url', emu.url, 'fs', QUERY, '--all', '--page-size', String(pageSize), '--format', 'csv'], env, file);
      const lines = (await readFile(file, 'utf8')).split('\n').length - 2; // the header and the last newline
      if (lines !== rows) throw new Error(`expected ${rows} rows in the file, got ${lines}`);
      const size = (await stat(file)).size;
      await rm(file);
      results.push({ rows, hacMs: hac.ms, hacPeakMiB: mib(hac.peakKiB), floorMs: floor.ms, payloadMiB: floor.bytes / 2 ** 20, pages: `${hac.stderr.trim()}; CSV ${f0(size / 2 ** 20)} MiB` });
    } finally {
      await stop(emu);
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

console.log(`hac fs QUERY --all --page-size ${pageSize} --format csv > FILE   (QUERY: ${QUERY})`);
console.log(`node -e 0 peak RSS: ${f0(mib(nodeFloor.peakKiB))} MiB\n`);
console.table(
  results.map((r) => ({
    rows: r.rows,
    'hac wall': `${(r.hacMs / 1000).toFixed(1)} s`,
    'hac rows/s': f0((r.rows * 1000) / r.hacMs),
    'one page of N rows (emulator)': `${(r.floorMs / 1000).toFixed(1)} s, ${f0((r.rows * 1000) / r.floorMs)} rows/s, ${f0(r.payloadMiB)} MiB JSON`,
    'rate ratio (≥ 0.50)': f2(r.floorMs / r.hacMs),
    'hac peak RSS (≤ 150 MiB)': `${f0(r.hacPeakMiB)} MiB`,
    'hac said': r.pages,
  })),
);
const smallest = results[0];
const largest = results.at(-1);
if (smallest && largest && largest !== smallest) {
  console.log(`peak RSS at ${largest.rows} rows / at ${smallest.rows} rows: ${f2(largest.hacPeakMiB / smallest.hacPeakMiB)}× (target ≤ 1.2×)`);
}
