/**
 * Whole-process figures of the `hac` binary (issue 8): `hac --version` and `hac --help` (printed
 * from the rendered-help cache, and rendered by commander: its cached help removed before each run)
 * against `node -e 0` (and `node empty.cjs`, the floor of any installed bin: Node loading a CommonJS file); a warm `hac groovy 'return 1'` (session cached) against the floor script
 * (`bench/floor-post.mjs`: one warm POST with bare `node:http` to the same emulator); a cold call
 * (login + call); peak memory. The emulator runs in a process of its own. Each round runs every case once (interleaved), the table shows
 * medians, and every ratio is taken within this run: the machine's load weighs on both sides.
 * CPU time and peak RSS come from GNU time (`/usr/bin/time`) when it is installed.
 *
 * The Python client the CLI replaces (hac-client-core, `requests` + BeautifulSoup): with
 * HAC_BENCH_PYTHON_CORE (and HAC_BENCH_PYTHON; set-up in bench/README.md, "The Python peer, live")
 * its one-call process (`client-python-probe.py call`) runs in the same rounds, next to `hac`
 * against the same https emulator (HAC's JSESSIONID is Secure: requests sends it back over https
 * only); without it the table shows the figures published in issue 8.
 *
 *   npm run build && node --conditions=source --import tsx bench/cli-startup.ts [--runs 21] [--latency 0]
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, hacCommand, repoRoot, runProcess, type HacResult } from '../packages/cli/test/helpers/hac-process.js';
import { flag, median } from './emulator-helpers.js';
import { startEmulator, stop } from './emulator-process.js';
import { checkPythonPeer, pythonCallCommand, pythonPeerFromEnv } from './python-peer.js';

const runs = flag('--runs', 21);
const latencyMs = process.argv.includes('--latency') ? flag('--latency', 0) : 0;
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);
const peer = pythonPeerFromEnv();
if (peer) {
  await checkPythonPeer(peer).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}

interface Sample {
  wallMs: number;
  cpuMs: number | undefined;
  peakMiB: number | undefined;
}

interface Case {
  label: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  /** Untimed, before each run (e.g. forget the session for a cold call). */
  before?: () => Promise<void>;
  samples: Sample[];
}

/** Run once, timed; CPU and peak RSS through GNU time when present. */
async function runTimed(c: Case, scratch: string): Promise<Sample> {
  await c.before?.();
  const report = join(scratch, 'time.txt');
  const [command, args] = hasGnuTime ? [GNU_TIME, ['-o', report, '-f', '%U %S %M', c.command, ...c.args]] : [c.command, c.args];
  const started = performance.now();
  const result: HacResult = await runProcess(command, args, c.env, { timeoutMs: 60_000 });
  const wallMs = performance.now() - started;
  if (result.code !== 0) throw new Error(`${c.label} failed (exit ${String(result.code)}): ${result.stderr.trim()}`);
  if (!hasGnuTime) return { wallMs, cpuMs: undefined, peakMiB: undefined };
  const [user = 0, system = 0, kib = 0] = (await readFile(report, 'utf8')).trim().split(/\s+/).map(Number);
  return { wallMs, cpuMs: (user + system) * 1000, peakMiB: kib / 1024 };
}

const med = (values: (number | undefined)[]): number | undefined =>
  values.some((v) => v === undefined) ? undefined : median(values as number[]);


const scratch = await mkdtemp(join(tmpdir(), 'hac-bench-cli-'));
const emu = await startEmulator('--latency', String(latencyMs));
const tlsEmu = peer ? await startEmulator('--latency', String(latencyMs), '--tls') : undefined;
const box = await createSandbox({ HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' });
// A home of its own for the rendered help rows, whose runs start without a cached help.
const renderBox = await createSandbox();
const renderedHelpDir = join(renderBox.home, '.cache', 'hac-cli');
const forgetRenderedHelp = async (): Promise<void> => {
  for (const name of await readdir(renderedHelpDir).catch(() => [])) if (name.startsWith('rendered-help-')) await unlink(join(renderedHelpDir, name));
};
try {
  const hac = hacCommand(false);
  const target = ['--url', emu.url];
  const login = await box.run([...target, 'login']);
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  const [session] = await box.sessionFiles();
  if (!session) throw new Error('no session file after login');
  const forgetSessions = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir).catch(() => [])) if (name.startsWith('session_')) await unlink(join(dir, name));
  };

  // The floor of any installed bin: Node starting a CommonJS file (resolving, reading, compiling it).
  const emptyFile = join(scratch, 'empty.cjs');
  await writeFile(emptyFile, '');
  const cases: Case[] = [
    { label: 'node -e 0', command: process.execPath, args: ['-e', '0'], env: box.env, samples: [] },
    { label: 'node empty.cjs', command: process.execPath, args: [emptyFile], env: box.env, samples: [] },
    {
      label: 'floor: one POST with node:http',
      command: process.execPath,
      args: [join(repoRoot, 'bench', 'floor-post.mjs'), emu.url, String(session['session_id']), String(session['csrf_token'])],
      env: box.env,
      samples: [],
    },
    { label: 'hac --version', command: hac.command, args: [...hac.args, '--version'], env: box.env, samples: [] },
    // Warm, like every row: after the warm-up run these print from the rendered-help cache.
    { label: 'hac --help (cached)', command: hac.command, args: [...hac.args, '--help'], env: box.env, samples: [] },
    { label: 'hac groovy --help (cached)', command: hac.command, args: [...hac.args, 'groovy', '--help'], env: box.env, samples: [] },
    // The same rendered by commander (code cache warm), as every run did before the rendered-help cache.
    { label: 'hac --help (rendered)', command: hac.command, args: [...hac.args, '--help'], env: renderBox.env, before: forgetRenderedHelp, samples: [] },
    {
      label: 'hac groovy --help (rendered)',
      command: hac.command,
      args: [...hac.args, 'groovy', '--help'],
      env: renderBox.env,
      before: forgetRenderedHelp,
      samples: [],
    },
    { label: "hac groovy 'return 1' (warm)", command: hac.command, args: [...hac.args, ...target, 'groovy', 'return 1'], env: box.env, samples: [] },
    {
      label: 'hac fs … Language (warm)',
      command: hac.command,
      args: [...hac.args, ...target, 'fs', 'SELECT {pk} FROM {Language}'],
      env: box.env,
      samples: [],
    },
    {
      label: "hac groovy 'return 1' (cold: login + call)",
      command: hac.command,
      args: [...hac.args, ...target, 'groovy', 'return 1'],
      env: box.env,
      before: () => forgetSessions(box.cacheDir),
      samples: [],
    },
  ];
  if (peer && tlsEmu) {
    const tlsTarget = ['--url', tlsEmu.url, '-k'];
    const tlsLogin = await box.run([...tlsTarget, 'login']);
    if (tlsLogin.code !== 0) throw new Error(`login over https failed: ${tlsLogin.stderr}`);
    const hacTls = { command: hac.command, args: [...hac.args, ...tlsTarget, 'groovy', 'return 1'], env: box.env };
    cases.push({ label: "hac groovy 'return 1' (warm, https)", ...hacTls, samples: [] });
    cases.push({ label: "hac groovy 'return 1' (cold, https)", ...hacTls, before: () => forgetSessions(box.cacheDir), samples: [] });
    const pythonHome = join(scratch, 'python-home');
    await mkdir(pythonHome);
    const pythonCall = pythonCallCommand(peer, tlsEmu.url, pythonHome);
    cases.push({ label: 'Python hac-client-core: warm call (https)', ...pythonCall, samples: [] });
    cases.push({
      label: 'Python hac-client-core: cold call (https)',
      ...pythonCall,
      before: () => forgetSessions(join(pythonHome, '.cache', 'hac-client')),
      samples: [],
    });
  }

  for (const c of cases) await runTimed(c, scratch); // warm-up: code caches, disk cache, the Python session
  for (let round = 0; round < runs; round++) for (const c of cases) c.samples.push(await runTimed(c, scratch));

  const figures = new Map(cases.map((c) => [c.label, { wall: median(c.samples.map((s) => s.wallMs)), cpu: med(c.samples.map((s) => s.cpuMs)), peak: med(c.samples.map((s) => s.peakMiB)) }]));
  const node = figures.get('node -e 0')!;
  const empty = figures.get('node empty.cjs')!;
  const floor = figures.get('floor: one POST with node:http')!;
  const fmt = (n: number | undefined, digits = 0): string => (n === undefined ? '-' : n.toFixed(digits));
  const width = Math.max(...cases.map((c) => c.label.length));
  console.log(`hac whole-process figures: emulator in its own process, latency ${latencyMs} ms; ${runs} interleaved rounds, medians`);
  console.log(`node ${process.version}, ${hasGnuTime ? 'CPU and peak RSS from GNU time' : 'no GNU time: wall time only'}\n`);
  console.log(`${'case'.padEnd(width)}  wall ms  ×node  ×floor  cpu ms  ×node cpu  peak MiB`);
  for (const c of cases) {
    const f = figures.get(c.label)!;
    const cpuRatio = f.cpu !== undefined && node.cpu !== undefined ? f.cpu / node.cpu : undefined;
    console.log(
      `${c.label.padEnd(width)}  ${fmt(f.wall).padStart(7)}  ${fmt(f.wall / node.wall, 2).padStart(5)}  ${fmt(f.wall / floor.wall, 2).padStart(6)}  ${fmt(f.cpu).padStart(6)}  ${fmt(cpuRatio, 2).padStart(9)}  ${fmt(f.peak, 1).padStart(8)}`,
    );
  }

  const version = figures.get('hac --version')!;
  const help = figures.get('hac --help (cached)')!;
  const renderedHelp = figures.get('hac --help (rendered)')!;
  const warm = figures.get("hac groovy 'return 1' (warm)")!;
  const warmFs = figures.get('hac fs … Language (warm)')!;
  const verdict = (ok: boolean | undefined): string => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
  console.log('\nissue 8 targets (wall-time ratios of this run):');
  console.log(`  (floor of any installed bin: node empty.cjs = ${fmt(empty.wall / node.wall, 2)}× node -e 0)`);
  console.log(`  hac --version ≤ 1.2× node -e 0   ${fmt(version.wall / node.wall, 2)}×  ${verdict(version.wall / node.wall <= 1.2)}`);
  console.log(`  hac --help    ≤ 1.2× node -e 0   ${fmt(help.wall / node.wall, 2)}×  ${verdict(help.wall / node.wall <= 1.2)} (cached; rendered: ${fmt(renderedHelp.wall / node.wall, 2)}×)`);
  console.log(`  warm groovy   ≤ 1.3× floor       ${fmt(warm.wall / floor.wall, 2)}×  ${verdict(warm.wall / floor.wall <= 1.3)}`);
  console.log(`  warm groovy peak RSS ≤ 60 MiB    ${fmt(warm.peak, 1)} MiB  ${verdict(warm.peak === undefined ? undefined : warm.peak <= 60)}`);
  // No target of its own: issue 8 asks for every call near the floor; 4 rows into a pipe (streamed CSV).
  console.log(`  (warm hac fs of 4 rows = ${fmt(warmFs.wall / floor.wall, 2)}× floor, CPU ${fmt(warmFs.cpu !== undefined && floor.cpu !== undefined ? warmFs.cpu / floor.cpu : undefined, 2)}× the floor's)`);
  if (!peer) {
    console.log('\nPython peer (hac-client-core), as published in issue 8 (0 ms latency, another run): warm call 0.51 s, 37 MiB; cold call 0.35 s.');
    console.log('Set HAC_BENCH_PYTHON_CORE=/path/to/hac-client-core/src to measure it in these rounds.');
  }
} finally {
  await stop(emu);
  if (tlsEmu) await stop(tlsEmu);
  await box.cleanup();
  await renderBox.cleanup();
  await rm(scratch, { recursive: true, force: true });
}
