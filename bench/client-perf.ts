/**
 * hac-client's speed and memory next to its floors, in one run: `import('hac-client')` against
 * `node -e 0`, a warm call and 50 concurrent calls against the same POST sent with bare `node:http`
 * (floor-post.mjs), FlexibleSearch against the same query read with bare `node:http`, the ImpEx
 * text form against the upload form; plus the first login of a process and the TLS handshakes of a
 * cold login. Every measurement runs in a fresh process (client-probe.mjs, plain JavaScript against
 * the built package) talking to an emulator in a process of its own, as HAC would be. Ratios and
 * differences are taken within this run, so machine load weighs on both sides. Prints numbers and
 * the issue-8 targets; asserts nothing. Needs `npm run build` first.
 *
 *   node --conditions=source --import tsx bench/client-perf.ts [--runs 11] [--rows 100000]
 *
 * The Python client (hac-client-core) is measured alongside when HAC_BENCH_PYTHON_CORE points at its
 * source directory (the one holding `hac_client_core/`, with `requests` and `beautifulsoup4`
 * importable by HAC_BENCH_PYTHON, default `python3`), and its CLI when HAC_BENCH_PYTHON_CLI points at
 * hac-client-cli's (python-peer.ts): every row of issue 8's table with a Python figure, in-process and
 * whole-process, with hac beside it over the same https emulator and the ratio hac ÷ Python.
 * Otherwise the figures published in issue 8 are printed as the reference.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flag, median } from './emulator-helpers.js';
import { startEmulator, stop } from './emulator-process.js';
import { checkPythonPeer, measureWholeProcesses, printPeerTable, pythonPeerFromEnv, pythonProbe, type PeerRow } from './python-peer.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROBE = join(ROOT, 'bench', 'client-probe.mjs');
const runs = flag('--runs', 11);
const rows = flag('--rows', 100_000);
const peer = pythonPeerFromEnv();
if (peer) {
  await checkPythonPeer(peer).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
const loadAtStart = loadavg()[0] ?? 0;

/** Runs a command to its end: wall milliseconds and stdout. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd = ROOT): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} failed (${String(code)}): ${stderr.trim().slice(-2000)}`));
      else resolve({ ms: performance.now() - started, stdout });
    });
  });
}

async function probe<T>(task: string, url: string, ...args: string[]): Promise<T> {
  return JSON.parse((await run(process.execPath, [PROBE, task, url, ...args])).stdout) as T;
}

/** Medians of a probe run `times` times (each field separately). */
async function probeMedian<T extends Record<string, number>>(times: number, task: string, url: string, ...args: string[]): Promise<T> {
  const results: T[] = [];
  for (let i = 0; i < times; i++) results.push(await probe<T>(task, url, ...args));
  return Object.fromEntries(Object.keys(results[0] ?? {}).map((key) => [key, median(results.map((r) => r[key] ?? 0))])) as T;
}

/**
 * A project in `work` with two packages in its node_modules: hac-client as npm installs it (its `npm
 * pack` tarball unpacked: a copy, not the workspace's symlink; its dependencies are left out, the
 * import loads none of them), and `hac-client-empty`, a symlink to a package with hac-client's
 * package.json fields for resolving and an empty file where the bundle is: the floor of
 * `import('hac-client')`.
 */
async function installedCopies(work: string): Promise<{ project: string }> {
  const project = join(work, 'project');
  const copy = join(project, 'node_modules', 'hac-client');
  await mkdir(copy, { recursive: true });
  const packed = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', work], process.env, join(ROOT, 'packages', 'client'))).stdout) as { filename: string }[];
  await run('tar', ['-xzf', join(work, packed[0]?.filename ?? ''), '-C', copy, '--strip-components=1']);
  const own = JSON.parse(await readFile(join(ROOT, 'packages', 'client', 'package.json'), 'utf8')) as Record<string, unknown>;
  const empty = join(work, 'empty-package');
  await mkdir(join(empty, 'dist', 'bundle'), { recursive: true });
  await writeFile(join(empty, 'dist', 'bundle', 'hac-client.js'), '');
  await writeFile(join(empty, 'package.json'), JSON.stringify({ name: 'hac-client-empty', version: own['version'], type: own['type'], exports: own['exports'], main: own['main'], types: own['types'] }));
  await symlink(empty, join(project, 'node_modules', 'hac-client-empty'), 'dir');
  return { project };
}

/** ImpEx creating `count` products (the emulator benchmark's shape). */
function productScript(count: number): string {
  const out = ['$cv=catalogVersion(catalog(id[default=electronicsProductCatalog]),version[default=Staged])[unique=true]', 'INSERT_UPDATE Product;code[unique=true];$cv;name[lang=en];description[lang=en];unit(code)'];
  for (let i = 0; i < count; i++) out.push(`;BENCH-${i};;Bench product ${i};A product made by the benchmark, number ${i} of ${count};pieces`);
  return `${out.join('\n')}\n`;
}

interface Row {
  figure: string;
  lib: string;
  floor: string;
  ratio: string;
  target: string;
  python: string;
}
const table: Row[] = [];
/** hac beside the Python peer, each over the same https emulator (python-peer.ts). */
const peerRows: PeerRow[] = [];
const f0 = (n: number): string => n.toFixed(0);
const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);

const work = await mkdtemp(join(tmpdir(), 'hac-bench-client-'));
const pyHome = join(work, 'python-home');
const plain = await startEmulator();
const tls = await startEmulator('--tls');
try {
  // 1. import('hac-client') against node -e 0, interleaved; beside them Node's own floors: an empty ES
  // module imported by its file URL (the ES module loader), and an empty package shaped like ours (the
  // same package.json exports, main and type, an empty file where the bundle is) imported by its bare
  // name through a node_modules symlink, as the workspace installs hac-client (the resolution too); and
  // hac-client as npm installs it from its tarball (a copy, no symlink). Without NODE_EXTRA_CA_CERTS:
  // Node reads such a bundle at every start (~75 ms for the system's), which would flatter every ratio.
  const { NODE_EXTRA_CA_CERTS: _extraCerts, ...startEnv } = process.env;
  const emptyModule = join(work, 'empty.mjs');
  await writeFile(emptyModule, '');
  const installed = await installedCopies(work);
  // Each process also writes its CPU time so far (user + system) on fd 1, the same few bytes in every
  // case: wall times swing with the machine's load, CPU times much less.
  const CPU_SO_FAR = "process.getBuiltinModule('node:fs').writeSync(1, String(process.cpuUsage().user + process.cpuUsage().system))";
  const started = (cwd: string, code: string, inputType: string[] = []) => async (): Promise<{ ms: number; cpuMs: number }> => {
    const { ms, stdout } = await run(process.execPath, [...inputType, '-e', code], startEnv, cwd);
    return { ms, cpuMs: Number(stdout) / 1000 };
  };
  const importIn = (cwd: string, specifier: string): (() => Promise<{ ms: number; cpuMs: number }>) =>
    started(cwd, `await import(${JSON.stringify(specifier)}); ${CPU_SO_FAR}`, ['--input-type=module']);
  const startCases = {
    node: started(ROOT, CPU_SO_FAR),
    empty: importIn(ROOT, pathToFileURL(emptyModule).href),
    emptyPackage: importIn(installed.project, 'hac-client-empty'),
    imported: importIn(ROOT, 'hac-client'),
    npmInstalled: importIn(installed.project, 'hac-client'),
  };
  type StartCase = keyof typeof startCases;
  const startTimes = Object.fromEntries(Object.keys(startCases).map((name) => [name, { ms: [] as number[], cpuMs: [] as number[] }])) as Record<StartCase, { ms: number[]; cpuMs: number[] }>;
  for (let i = 0; i < runs; i++) {
    for (const [name, measure] of Object.entries(startCases)) {
      const { ms, cpuMs } = await measure();
      startTimes[name as StartCase].ms.push(ms);
      startTimes[name as StartCase].cpuMs.push(cpuMs);
    }
  }
  const nodeMs = median(startTimes.node.ms);
  const nodeCpuMs = median(startTimes.node.cpuMs);
  const startRow = (figure: string, name: StartCase, target = ''): Row => {
    const { ms, cpuMs } = { ms: median(startTimes[name].ms), cpuMs: median(startTimes[name].cpuMs) };
    return {
      figure,
      lib: `${f0(ms)} ms (CPU ${f1(cpuMs)} ms)`,
      floor: name === 'imported' ? `${f0(nodeMs)} ms (node -e 0; CPU ${f1(nodeCpuMs)} ms)` : '',
      ratio: `${f2(ms / nodeMs)}× (CPU ${f2(cpuMs / nodeCpuMs)}×)`,
      target,
      python: '',
    };
  };
  table.push(startRow("import('hac-client')", 'imported', '≤ 1.3×'));
  table.push(startRow('  the same, installed by npm from its tarball', 'npmInstalled'));
  table.push(startRow('  floor: an empty package shaped like it', 'emptyPackage'));
  table.push(startRow('  import() of an empty ES module', 'empty'));

  // 2. The first login of a process (lazy modules included), at 0 ms latency.
  await probe('login', plain.url); // the emulator's own first-time costs are not the client's
  const loginRuns: { firstMs: number; firstCpuMs: number; laterMs: number }[] = [];
  const loginFloor: { firstMs: number; firstCpuMs: number }[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
    loginRuns.push(await probe('login', plain.url));
    loginFloor.push(await probe('login-floor', plain.url));
  }
  const login = { firstMs: median(loginRuns.map((r) => r.firstMs)), firstCpuMs: median(loginRuns.map((r) => r.firstCpuMs)), laterMs: median(loginRuns.map((r) => r.laterMs)) };
  const loginFloorMs = median(loginFloor.map((r) => r.firstMs));
  const loginFloorCpuMs = median(loginFloor.map((r) => r.firstCpuMs));
  // Over https, with ignoreSsl as the Python peer's ignore_ssl (requests sends HAC's Secure JSESSIONID
  // back over https only), beside the same three requests with bare node:https; the Python client too.
  const tlsLogins: { firstMs: number; firstCpuMs: number }[] = [];
  const tlsFloor: { firstMs: number; firstCpuMs: number }[] = [];
  const py: number[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
    tlsLogins.push(await probe('login', tls.url));
    tlsFloor.push(await probe('login-floor', tls.url));
    if (peer) py.push((await pythonProbe<{ firstMs: number }>(peer, pyHome, 'login', tls.url)).firstMs);
  }
  const tlsLoginMs = median(tlsLogins.map((r) => r.firstMs));
  const tlsFloorMs = median(tlsFloor.map((r) => r.firstMs));
  const pyLogin = peer ? { firstMs: median(py) } : undefined;
  if (pyLogin) peerRows.push({ figure: 'login, first in a process', hac: { ms: tlsLoginMs }, core: { ms: pyLogin.firstMs } });
  table.push({ figure: 'login, first in a process', lib: `${f1(login.firstMs)} ms`, floor: `${f1(loginFloorMs)} ms (3 requests, node:http)`, ratio: `${f2(login.firstMs / loginFloorMs)}×; later logins ${f1(login.laterMs)} ms`, target: '≤ 30 ms', python: '' });
  table.push({ figure: '  its CPU time (this process)', lib: `${f1(login.firstCpuMs)} ms`, floor: `${f1(loginFloorCpuMs)} ms`, ratio: `${f2(login.firstCpuMs / loginFloorCpuMs)}×`, target: '', python: '' });
  table.push({ figure: '  over https (ignoreSsl)', lib: `${f1(tlsLoginMs)} ms`, floor: `${f1(tlsFloorMs)} ms (3 requests, node:https)`, ratio: `${f2(tlsLoginMs / tlsFloorMs)}×`, target: '', python: pyLogin ? `${f1(pyLogin.firstMs)} ms` : '15 ms (issue 8, http)' });
  table.push({ figure: '    its CPU time (this process)', lib: `${f1(median(tlsLogins.map((r) => r.firstCpuMs)))} ms`, floor: `${f1(median(tlsFloor.map((r) => r.firstCpuMs)))} ms`, ratio: '', target: '', python: '' });

  // 3. A warm call against the floor POST, sequential.
  const warm = await probe<{ floorMs: number; libMs: number; libNoCacheMs: number }>('warm', plain.url);
  let pyWarm: { ms: number } | undefined;
  if (peer) {
    const hacTls = await probe<{ ms: number }>('warm-lib', tls.url);
    pyWarm = await pythonProbe<{ ms: number }>(peer, pyHome, 'warm', tls.url);
    peerRows.push({ figure: 'per warm Groovy call in one process', hac: hacTls, core: pyWarm });
  }
  table.push({ figure: 'warm call (Groovy), per call', lib: `${f2(warm.libMs)} ms`, floor: `${f2(warm.floorMs)} ms`, ratio: `+${f2(warm.libMs - warm.floorMs)} ms`, target: '≤ +1.2 ms', python: pyWarm ? `${f2(pyWarm.ms)} ms` : '1.6 ms (issue 8)' });
  table.push({ figure: '  same, sessionPersistence: false', lib: `${f2(warm.libNoCacheMs)} ms`, floor: `${f2(warm.floorMs)} ms`, ratio: `+${f2(warm.libNoCacheMs - warm.floorMs)} ms`, target: '', python: '' });

  // 4. 50 calls in flight.
  const conc = await probe<{ floorPerSec: number; libPerSec: number; connections: number; floorCpuUs: number; libCpuUs: number }>('concurrent', plain.url);
  table.push({ figure: '50 concurrent calls', lib: `${f0(conc.libPerSec)} calls/s, ≤ ${conc.connections} connections`, floor: `${f0(conc.floorPerSec)} calls/s (10 sockets)`, ratio: `${f2(conc.libPerSec / conc.floorPerSec)}×`, target: '≥ 2000 calls/s, bounded pool', python: '' });
  table.push({ figure: '  client CPU per call', lib: `${f0(conc.libCpuUs)} µs`, floor: `${f0(conc.floorCpuUs)} µs`, ratio: `${f2(conc.libCpuUs / conc.floorCpuUs)}×`, target: '', python: '' });

  // 5. A cold login over TLS.
  const cold = await probe<{ ms: number; connections: number; handshakes: number }>('tls-login', tls.url);
  table.push({ figure: 'cold login + call over TLS', lib: `${cold.handshakes} full handshake(s), ${cold.connections} connection(s)`, floor: '', ratio: `${f0(cold.ms)} ms`, target: '1 handshake', python: '' });

  // 6. ImpEx through the text form and through the upload form, each into a fresh emulator.
  const impexFile = join(work, 'products.impex');
  await writeFile(impexFile, productScript(rows));
  const textEmu = await startEmulator();
  let text: { ms: number; cpuMs: number; peakMiB: number; success: boolean };
  try {
    text = await probe('impex-text', textEmu.url, impexFile);
  } finally {
    await stop(textEmu);
  }
  const uploadEmu = await startEmulator();
  let upload: { ms: number; cpuMs: number; peakMiB: number; success: boolean };
  try {
    upload = await probe('impex-upload', uploadEmu.url, impexFile);
  } finally {
    await stop(uploadEmu);
  }
  let pyImpex: { ms: number; peakMiB: number } | undefined;
  if (peer) {
    // One import each, into a fresh https emulator of its own.
    const tlsImport = async <T>(measure: (url: string) => Promise<T>): Promise<T> => {
      const emu = await startEmulator('--tls');
      try {
        return await measure(emu.url);
      } finally {
        await stop(emu);
      }
    };
    const hacTls = await tlsImport((url) => probe<{ ms: number; peakMiB: number; success: boolean }>('impex-text', url, impexFile));
    pyImpex = await tlsImport((url) => pythonProbe<{ ms: number; peakMiB: number }>(peer, pyHome, 'impex-text', url, impexFile));
    if (!hacTls.success) throw new Error('the ImpEx import over https failed');
    peerRows.push({ figure: `ImpEx ${rows} lines through the text form (peak above the call's start)`, hac: hacTls, core: pyImpex });
  }
  if (!text.success || !upload.success) throw new Error('an ImpEx import failed');
  table.push({ figure: `ImpEx ${rows} lines, text form`, lib: `${f0(text.ms)} ms, peak +${f0(text.peakMiB)} MiB`, floor: `${f0(upload.ms)} ms upload form (+${f0(upload.peakMiB)} MiB)`, ratio: `${f2(text.ms / upload.ms)}× time`, target: '≤ 200 MiB, ≤ 1.0× time', python: pyImpex ? `${f0(pyImpex.ms)} ms, +${f0(pyImpex.peakMiB)} MiB` : '14.4 s, 159 MiB (issue 8)' });
  // The wall times are mostly the emulator's import (one sample each); the client's own CPU is its part.
  table.push({ figure: '  client CPU of the call', lib: `${f0(text.cpuMs)} ms`, floor: `${f0(upload.cpuMs)} ms`, ratio: `${f2(text.cpuMs / upload.cpuMs)}×`, target: '', python: '' });

  // 7. FlexibleSearch of `rows` rows (generated products) against the same query with bare node:http.
  const fsEmu = await startEmulator('--generate', `Product=${rows}`);
  try {
    // Wall times move with the emulator's ~0.5 s of work for the answer; the client's CPU (which
    // excludes that wait) is printed beside them.
    const floor = await probeMedian<{ ms: number; cpuMs: number; bytes: number; peakMiB: number }>(3, 'fs-floor', fsEmu.url, String(rows));
    const parseFloor = await probeMedian<{ ms: number; cpuMs: number; peakMiB: number }>(3, 'fs-parse-floor', fsEmu.url, String(rows));
    const lib = await probeMedian<{ ms: number; cpuMs: number; peakMiB: number }>(3, 'fs', fsEmu.url, String(rows));
    const streamed = await probeMedian<{ ms: number; cpuMs: number; peakMiB: number }>(3, 'fs-stream', fsEmu.url, String(rows));
    let pyFs: { ms: number; cpuMs: number; peakMiB: number } | undefined;
    if (peer) {
      const pyEmu = await startEmulator('--tls', '--generate', `Product=${rows}`);
      try {
        const hacTls: { ms: number; cpuMs: number; peakMiB: number }[] = [];
        const py: { ms: number; cpuMs: number; peakMiB: number }[] = [];
        for (let i = 0; i < 3; i++) {
          hacTls.push(await probe('fs', pyEmu.url, String(rows)));
          py.push(await pythonProbe(peer, pyHome, 'fs', pyEmu.url, String(rows)));
        }
        const med = (list: { ms: number; cpuMs: number; peakMiB: number }[]): { ms: number; cpuMs: number; peakMiB: number } => ({ ms: median(list.map((r) => r.ms)), cpuMs: median(list.map((r) => r.cpuMs)), peakMiB: median(list.map((r) => r.peakMiB)) });
        pyFs = med(py);
        peerRows.push({ figure: `FlexibleSearch ${rows} rows through the library (peak above the call's start)`, hac: med(hacTls), core: pyFs });
      } finally {
        await stop(pyEmu);
      }
    }
    const payloadMiB = floor.bytes / 1048576;
    const cpu = (figure: { cpuMs: number }): string => `CPU ${f0(figure.cpuMs)} ms`;
    table.push({ figure: `FlexibleSearch ${rows} rows`, lib: `${f0(lib.ms)} ms (${cpu(lib)}), peak +${f0(lib.peakMiB)} MiB`, floor: `${f0(floor.ms)} ms (${cpu(floor)}), ${f1(payloadMiB)} MiB JSON, peak +${f0(floor.peakMiB)} MiB`, ratio: `+${f0(lib.ms - floor.ms)} ms, peak ${f1(lib.peakMiB / payloadMiB)}× payload`, target: '≤ +1200 ms, ≤ 3× payload', python: pyFs ? `${f0(pyFs.ms)} ms (${cpu(pyFs)}, over https), +${f0(pyFs.peakMiB)} MiB` : '1.30 s, 98 MiB (issue 8)' });
    // The answer read as it arrives, each batch of rows dropped once counted (a CSV export's memory).
    table.push({ figure: '  read as it arrives (streamFlexibleSearch)', lib: `${f0(streamed.ms)} ms (${cpu(streamed)}), peak +${f0(streamed.peakMiB)} MiB`, floor: '', ratio: `+${f0(streamed.ms - floor.ms)} ms, peak ${f1(streamed.peakMiB / payloadMiB)}× payload`, target: '≤ 3× payload', python: '' });
    table.push({ figure: '  floor + one JSON.parse of the body', lib: '', floor: `${f0(parseFloor.ms)} ms (${cpu(parseFloor)}), peak +${f0(parseFloor.peakMiB)} MiB`, ratio: `peak ${f1(parseFloor.peakMiB / payloadMiB)}× payload; the library's CPU ${f2(lib.cpuMs / parseFloor.cpuMs)}×, streamed ${f2(streamed.cpuMs / parseFloor.cpuMs)}×`, target: '', python: '' });
  } finally {
    await stop(fsEmu);
  }
} finally {
  await Promise.all([stop(plain), stop(tls)]);
  await rm(work, { recursive: true, force: true });
}
// The whole-process rows of issue 8's table (the CLI beside a Python process), after the emulators above are gone.
if (peer) peerRows.push(...(await measureWholeProcesses(peer, { runs, fsRuns: 3, rows, latencies: [0, 25], impex: { script: productScript(rows), lines: rows } })));

console.log(`hac-client against its floors (medians; emulator in its own process, 0 ms latency${peer ? '; Python measured live, over https' : ''})`);
console.log(`load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end: ratios within this run are the figures to read\n`);
const columns: (keyof Row)[] = ['figure', 'lib', 'floor', 'ratio', 'target', 'python'];
const titles: Record<keyof Row, string> = { figure: 'figure', lib: 'hac-client', floor: 'floor', ratio: 'ratio / difference', target: 'target', python: 'Python peer' };
const widths = columns.map((c) => Math.max(titles[c].length, ...table.map((r) => r[c].length)));
const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
console.log(line(columns.map((c) => titles[c])));
for (const row of table) console.log(line(columns.map((c) => row[c])));
if (peer) {
  printPeerTable(
    `hac beside the Python peer, measured in this run over the same https emulators (medians; hac ÷ Python below 1: hac is faster / smaller; ${peer.cli ? 'hac-client-cli run with `python -m hac_client_cli.app`' : 'no HAC_BENCH_PYTHON_CLI: hac-client-cli not measured'})`,
    peerRows,
  );
}
