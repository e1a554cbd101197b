/**
 * The Python peer, measured live beside hac in the same run (issue 8): hac-client-core, the Python
 * library this project replaces, and its command line hac-client-cli when a checkout is given.
 * Nothing of either is kept in this repository; the environment points at checkouts:
 *
 *   HAC_BENCH_PYTHON_CORE  the `src` directory of hac-client-core (the one holding `hac_client_core/`)
 *   HAC_BENCH_PYTHON       the interpreter (default `python3`): imports requests and bs4 (and typer and
 *                          rich for the CLI)
 *   HAC_BENCH_PYTHON_CLI   the `src` directory of hac-client-cli (optional)
 *
 * Every Python figure is taken over https, against an emulator started with `--tls`, with hac beside
 * it against the same emulator (`-k`): HAC marks JSESSIONID `Secure` on every connection, and
 * `requests` sends a Secure cookie back over https only (loopback included), so the Python client
 * cannot keep a session over http. Whole processes run under GNU time, interleaved, medians.
 */
import { mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, hacCommand, repoRoot, runProcess } from '../packages/cli/test/helpers/hac-process.js';
import { median } from './emulator-helpers.js';
import { startEmulator, stop } from './emulator-process.js';
import { requireGnuTime, timed, type Sample } from './timed-process.js';

const PYTHON_PROBE = join(repoRoot, 'bench', 'client-python-probe.py');
/** The query of the big-result figures (client-probe.mjs, client-python-probe.py, cli-fs.ts). */
const FS_QUERY = 'SELECT {pk}, {code}, {name[en]}, {creationtime}, {modifiedtime} FROM {Product}';

export interface PythonPeer {
  python: string;
  core: string;
  cli: string | undefined;
}

/** The peer the environment names, or undefined (then the figures published in issue 8 are shown). */
export function pythonPeerFromEnv(): PythonPeer | undefined {
  const core = process.env['HAC_BENCH_PYTHON_CORE'];
  if (!core) return undefined;
  return { python: process.env['HAC_BENCH_PYTHON'] ?? 'python3', core, cli: process.env['HAC_BENCH_PYTHON_CLI'] || undefined };
}

/**
 * Throws one line naming what is missing when the interpreter cannot import the peer (a checkout
 * path wrong, requests or bs4 not installed, typer or rich missing for the CLI), before any
 * measurement starts.
 */
export async function checkPythonPeer(peer: PythonPeer): Promise<void> {
  const modules = ['requests', 'bs4', 'hac_client_core', ...(peer.cli ? ['typer', 'rich', 'hac_client_cli.app'] : [])];
  const probe = `import importlib, sys\nfor name in sys.argv[1:]:\n    try: importlib.import_module(name)\n    except Exception as e: sys.exit(f"{name}: {e}")`;
  const home = await mkdtemp(join(tmpdir(), 'hac-bench-python-check-'));
  try {
    const result = await runProcess(peer.python, ['-c', probe, ...modules], pythonEnv(peer, home)).catch((error: Error) => {
      throw new Error(`HAC_BENCH_PYTHON=${peer.python} does not run (${error.message}): name a Python interpreter, or unset HAC_BENCH_PYTHON_CORE for the published figures`);
    });
    if (result.code !== 0) {
      const [name = 'the peer', reason = ''] = (result.stderr.trim().split('\n').pop() ?? '').split(': ');
      const paths = `HAC_BENCH_PYTHON_CORE=${peer.core}${peer.cli ? `, HAC_BENCH_PYTHON_CLI=${peer.cli}` : ''}`;
      throw new Error(`HAC_BENCH_PYTHON=${peer.python} cannot import ${name} (${reason}; ${paths}): set it up as bench/README.md says ("The Python peer, live"), or unset HAC_BENCH_PYTHON_CORE for the published figures`);
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * A clean environment for the Python processes: their own HOME (session cache and CLI config), both
 * checkouts on PYTHONPATH, and no REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE, which would override the
 * client's `ignore_ssl` (the emulator's certificate is self-signed).
 */
function pythonEnv(peer: PythonPeer, home: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { PATH: process.env['PATH'], HOME: home, LANG: 'C.UTF-8', PYTHONPATH: [peer.cli, peer.core].filter(Boolean).join(':'), ...extra };
}

/**
 * A whole Python process making one Groovy call through hac-client-core and its session cache
 * under `home` (a cold call when that cache is empty): the peer of a warm or cold `hac groovy`.
 */
export function pythonCallCommand(peer: PythonPeer, url: string, home: string): { command: string; args: string[]; env: Record<string, string | undefined> } {
  return { command: peer.python, args: [PYTHON_PROBE, 'call', url], env: pythonEnv(peer, home) };
}

/**
 * A whole Python process writing `rows` rows of the big-result query as CSV through hac-client-core
 * (one request; `client-python-probe.py fs-csv`), with its session cache under `home` (run
 * `pythonProbe(peer, home, 'call', url)` first to log in): the peer of `hac fs … --csv > file`.
 */
export function pythonFsCsvCommand(peer: PythonPeer, url: string, rows: number, home: string): { command: string; args: string[]; env: Record<string, string | undefined> } {
  return { command: peer.python, args: [PYTHON_PROBE, 'fs-csv', url, String(rows)], env: pythonEnv(peer, home) };
}

/** One task of client-python-probe.py in a fresh interpreter (HOME = `home`): its JSON answer. */
export async function pythonProbe<T>(peer: PythonPeer, home: string, task: string, url: string, ...args: string[]): Promise<T> {
  await mkdir(home, { recursive: true });
  const result = await runProcess(peer.python, [PYTHON_PROBE, task, url, ...args], pythonEnv(peer, home), { timeoutMs: 900_000 });
  if (result.code !== 0) throw new Error(`client-python-probe.py ${task} failed (${String(result.code)}): ${result.stderr.trim().slice(-2000)}`);
  return JSON.parse(result.stdout) as T;
}

/** A figure of one side: wall time, and peak memory where it was measured. */
export interface Figure {
  ms: number;
  peakMiB?: number;
}

/** One row of the comparison: hac, hac-client-core, and hac-client-cli where it has the command. */
export interface PeerRow {
  figure: string;
  hac: Figure;
  core?: Figure;
  cli?: Figure;
  /** How a side was measured where the figure's name does not say it. */
  note?: string;
}

const time = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
const show = (f: Figure | undefined): string => (f ? `${time(f.ms)}${f.peakMiB === undefined ? '' : `, ${f.peakMiB.toFixed(0)} MiB`}` : '-');
/** hac ÷ peer: time, and memory when both sides have a peak (below 1 = hac is faster / smaller). */
function ratio(hac: Figure, peer: Figure | undefined): string {
  if (!peer) return '';
  const memory = hac.peakMiB !== undefined && peer.peakMiB !== undefined ? `, memory ${(hac.peakMiB / peer.peakMiB).toFixed(2)}×` : '';
  return `${(hac.ms / peer.ms).toFixed(2)}×${memory}`;
}

/** Prints the comparison table: figures, and hac ÷ Python for each Python side. */
export function printPeerTable(title: string, rows: PeerRow[]): void {
  console.log(`\n${title}\n`);
  const cells = rows.map((r) => [r.figure, show(r.hac), show(r.core), ratio(r.hac, r.core), show(r.cli), ratio(r.hac, r.cli)]);
  const head = ['figure', 'hac', 'Python hac-client-core', 'hac ÷ core', 'Python hac-client-cli', 'hac ÷ cli'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string => c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  console.log(line(head));
  for (const c of cells) console.log(line(c));
  for (const r of rows) if (r.note) console.log(`  ${r.figure.trim()}: ${r.note}`);
}

interface Case {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  /** Untimed, before each run (e.g. forget the sessions for a cold call). */
  before?: () => Promise<void>;
  /** Stdout goes to a file (its size checked), else it is dropped. */
  output?: boolean;
  samples: Sample[];
}

async function forgetSessions(home: string): Promise<void> {
  const dir = join(home, '.cache', 'hac-client');
  for (const name of await readdir(dir).catch(() => [])) if (name.startsWith('session_')) await unlink(join(dir, name));
}

/** Each case once per round, `rounds` rounds (after `warmUp` untimed ones); medians of wall time and peak RSS. */
async function interleaved(cases: Record<string, Case>, rounds: number, warmUp: number, scratch: string): Promise<Record<string, Figure & { bytes: number }>> {
  const out = join(scratch, 'out');
  const report = join(scratch, 'time.txt');
  const once = async (c: Case): Promise<Sample> => {
    await c.before?.();
    return timed(c.command, c.args, c.env, c.output ? out : undefined, report);
  };
  for (let i = 0; i < warmUp; i++) for (const c of Object.values(cases)) await once(c);
  for (let i = 0; i < rounds; i++) for (const c of Object.values(cases)) c.samples.push(await once(c));
  return Object.fromEntries(
    Object.entries(cases).map(([name, c]) => [name, { ms: median(c.samples.map((s) => s.wallMs)), peakMiB: median(c.samples.map((s) => s.peakMiB)), bytes: median(c.samples.map((s) => s.bytes)) }]),
  );
}

/** Python CLI set-up in `home`: the Quick Start's environment `local` whose default endpoint is `url` (HAC's self-signed certificate ignored). */
async function configureCli(peer: PythonPeer, home: string, url: string): Promise<Record<string, string | undefined>> {
  await mkdir(home, { recursive: true });
  const env = pythonEnv(peer, home, { HAC_PASSWORD: 'nimda' });
  for (const args of [['env', 'add', 'local'], ['endpoint', 'add', 'local', 'hac', '--url', url, '--ignore-ssl', '--set-default']]) {
    const result = await runProcess(peer.python, ['-m', 'hac_client_cli.app', ...args], env);
    if (result.code !== 0) throw new Error(`hac-client-cli ${args.join(' ')} failed: ${result.stderr.trim()}`);
  }
  return env;
}

/**
 * Whole processes at each latency: a warm `hac groovy 'return 1'` (cached session) and a cold one
 * (login + call), next to a Python process doing the same through hac-client-core with its session
 * cache, and hac-client-cli's documented lines (`hac session start`, then `hac groovy`).
 */
async function calls(peer: PythonPeer, latencyMs: number, rounds: number, scratch: string): Promise<PeerRow[]> {
  const emu = await startEmulator('--tls', '--latency', String(latencyMs));
  const box = await createSandbox({ HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' });
  try {
    const hac = hacCommand(false);
    const hacCall = [...hac.args, '--url', emu.url, '-k', 'groovy', 'return 1'];
    const login = await box.run(['--url', emu.url, '-k', 'login']);
    if (login.code !== 0) throw new Error(`hac login failed: ${login.stderr}`);
    const coreHome = join(scratch, `core-${latencyMs}`);
    await mkdir(coreHome);
    const coreCall = pythonCallCommand(peer, emu.url, coreHome);
    const cases: Record<string, Case> = {
      hacWarm: { command: hac.command, args: hacCall, env: box.env, samples: [] },
      coreWarm: { ...coreCall, samples: [] },
      hacCold: { command: hac.command, args: hacCall, env: box.env, before: () => forgetSessions(box.home), samples: [] },
      coreCold: { ...coreCall, before: () => forgetSessions(coreHome), samples: [] },
    };
    if (peer.cli) {
      const cliHome = join(scratch, `cli-${latencyMs}`);
      const env = await configureCli(peer, cliHome, emu.url);
      // The session start comes first in each round: it leaves the session the warm call uses.
      cases['cliLogin'] = { command: peer.python, args: ['-m', 'hac_client_cli.app', 'session', 'start', 'local', '--username', 'admin'], env, before: () => forgetSessions(cliHome), samples: [] };
      cases['cliWarm'] = { command: peer.python, args: ['-m', 'hac_client_cli.app', 'groovy', 'return 1'], env, samples: [] };
    }
    const f = await interleaved(cases, rounds, 1, scratch);
    const cliCold = f['cliLogin'] && f['cliWarm'] ? { ms: f['cliLogin'].ms + f['cliWarm'].ms, peakMiB: Math.max(f['cliLogin'].peakMiB ?? 0, f['cliWarm'].peakMiB ?? 0) } : undefined;
    return [
      { figure: `warm \`hac groovy 'return 1'\`, whole process, ${latencyMs} ms latency`, hac: f['hacWarm']!, core: f['coreWarm']!, ...(f['cliWarm'] ? { cli: f['cliWarm'] } : {}) },
      {
        figure: `cold call (login + call), whole process, ${latencyMs} ms latency`,
        hac: f['hacCold']!,
        core: f['coreCold']!,
        ...(cliCold ? { cli: cliCold, note: `hac-client-cli: \`hac session start\` ${show(f['cliLogin'])} + \`hac groovy\` (two processes; it has no login on demand)` } : {}),
      },
    ];
  } finally {
    await stop(emu);
    await box.cleanup();
  }
}

/**
 * `rows` generated products to a CSV file, whole processes with a cached session: `hac fs … --all
 * --format csv` (pages) and `-m N --format csv` (one request), a Python process writing the same
 * query's rows with the csv module through hac-client-core, and `hac flexsearch … --max-count N --csv`
 * of hac-client-cli.
 */
async function fsToFile(peer: PythonPeer, rows: number, rounds: number, scratch: string): Promise<PeerRow[]> {
  const emu = await startEmulator('--tls', '--generate', `Product=${rows}`);
  const box = await createSandbox({ HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' });
  try {
    const hac = hacCommand(false);
    const target = [...hac.args, '--url', emu.url, '-k', 'fs', FS_QUERY];
    const login = await box.run(['--url', emu.url, '-k', 'login']);
    if (login.code !== 0) throw new Error(`hac login failed: ${login.stderr}`);
    const coreHome = join(scratch, 'core-fs');
    await pythonProbe<number>(peer, coreHome, 'call', emu.url); // logs in and caches the session
    const cases: Record<string, Case> = {
      hacAll: { command: hac.command, args: [...target, '--all', '--format', 'csv'], env: box.env, output: true, samples: [] },
      hacOne: { command: hac.command, args: [...target, '-m', String(rows), '--format', 'csv'], env: box.env, output: true, samples: [] },
      core: { command: peer.python, args: [PYTHON_PROBE, 'fs-csv', emu.url, String(rows)], env: pythonEnv(peer, coreHome), output: true, samples: [] },
    };
    if (peer.cli) {
      const env = await configureCli(peer, join(scratch, 'cli-fs'), emu.url);
      const start = await runProcess(peer.python, ['-m', 'hac_client_cli.app', 'session', 'start', 'local', '--username', 'admin'], env);
      if (start.code !== 0) throw new Error(`hac-client-cli session start failed: ${start.stderr.trim()}`);
      cases['cli'] = { command: peer.python, args: ['-m', 'hac_client_cli.app', 'flexsearch', FS_QUERY, '--max-count', String(rows), '--csv'], env, output: true, samples: [] };
    }
    const f = await interleaved(cases, rounds, 0, scratch);
    // Every side writes the same rows (a header and `rows` lines of five cells): a short file is a failed run.
    for (const [name, figure] of Object.entries(f)) if (figure.bytes < rows * 20) throw new Error(`${name}: only ${figure.bytes} bytes of CSV for ${rows} rows`);
    const cli = f['cli'] ? { cli: f['cli'] } : {};
    return [
      { figure: `\`hac fs … --all --csv > file\`, ${rows} rows`, hac: f['hacAll']!, core: f['core']!, ...cli, note: `hac pages by PK (pages of 10 000); the Python sides read one answer of ${rows} rows (neither has paging)` },
      { figure: `  the same as one request (\`-m ${rows}\`)`, hac: f['hacOne']!, core: f['core']!, ...cli },
    ];
  } finally {
    await stop(emu);
    await box.cleanup();
  }
}

/**
 * An ImpEx file imported by a whole process, each into a fresh emulator of its own, once each (the
 * emulator's import is most of the time): `hac impex --file` (HAC's upload form), a Python process
 * importing the file's text through hac-client-core (`client-python-probe.py impex-text`: its
 * interpreter start, login and the text form), and hac-client-cli's `hac impex -f` (the text form,
 * after `hac session start`, untimed).
 */
async function impexFromFile(peer: PythonPeer, script: string, lines: number, scratch: string): Promise<PeerRow[]> {
  const file = join(scratch, 'products.impex');
  await writeFile(file, script);
  const fresh = async (measure: (url: string) => Promise<Figure>): Promise<Figure> => {
    const emu = await startEmulator('--tls');
    try {
      return await measure(emu.url);
    } finally {
      await stop(emu);
    }
  };
  const report = join(scratch, 'time.txt');
  const hac = await fresh(async (url) => {
    const box = await createSandbox({ HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' });
    try {
      const cli = hacCommand(false);
      return await timed(cli.command, [...cli.args, '--url', url, '-k', 'impex', '--file', file], box.env, undefined, report).then((s) => ({ ms: s.wallMs, peakMiB: s.peakMiB }));
    } finally {
      await box.cleanup();
    }
  });
  const coreHome = join(scratch, 'core-impex');
  await mkdir(coreHome);
  const core = await fresh((url) => timed(peer.python, [PYTHON_PROBE, 'impex-text', url, file], pythonEnv(peer, coreHome), undefined, report).then((s) => ({ ms: s.wallMs, peakMiB: s.peakMiB })));
  const cli = peer.cli
    ? await fresh(async (url) => {
        const env = await configureCli(peer, join(scratch, 'cli-impex'), url);
        const start = await runProcess(peer.python, ['-m', 'hac_client_cli.app', 'session', 'start', 'local', '--username', 'admin'], env);
        if (start.code !== 0) throw new Error(`hac-client-cli session start failed: ${start.stderr.trim()}`);
        const s = await timed(peer.python, ['-m', 'hac_client_cli.app', 'impex', '-f', file], env, undefined, report);
        return { ms: s.wallMs, peakMiB: s.peakMiB };
      })
    : undefined;
  return [
    {
      figure: `\`hac impex --file\` of ${lines} lines, whole process`,
      hac,
      core,
      ...(cli ? { cli } : {}),
      note: 'hac sends the file through the upload form, the Python sides its text through the text form; one import each, into a fresh emulator',
    },
  ];
}

/** The whole-process rows of issue 8's table, measured now; `runs` rounds for the calls, `fsRuns` for the CSV files. */
export async function measureWholeProcesses(peer: PythonPeer, options: { runs: number; fsRuns: number; rows: number; latencies: number[]; impex?: { script: string; lines: number } }): Promise<PeerRow[]> {
  requireGnuTime('the Python peer comparison');
  const scratch = await mkdtemp(join(tmpdir(), 'hac-bench-python-'));
  try {
    const rows: PeerRow[] = [];
    for (const latency of options.latencies) rows.push(...(await calls(peer, latency, options.runs, scratch)));
    rows.push(...(await fsToFile(peer, options.rows, options.fsRuns, scratch)));
    if (options.impex) rows.push(...(await impexFromFile(peer, options.impex.script, options.impex.lines, scratch)));
    return rows;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
