/**
 * Start-up time of the `hac` binary: `hac --version` against `node -e 0` (the floor), and a warm
 * `hac fs "SELECT {pk} FROM {Language}"` (session already cached) against an in-process emulator.
 * Prints medians of N runs; no assertions. Needs `npm run build` first.
 *
 *   node --conditions=source --import tsx bench/cli-startup.ts [--runs 15]
 */
import { startEmulator } from 'hac-emulator';
import { createSandbox, hacCommand, runProcess } from '../packages/cli/test/helpers/hac-process.js';

const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Math.max(1, Number(process.argv[runsFlag + 1]) || 15) : 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function time(label: string, run: () => Promise<{ code: number | null; stderr: string }>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = await run();
    samples.push(performance.now() - started);
    if (result.code !== 0) throw new Error(`${label} failed (exit ${String(result.code)}): ${result.stderr.trim()}`);
  }
  return median(samples);
}

const box = await createSandbox({ HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' });
const emu = await startEmulator({ port: 0 });
try {
  const { command, args } = hacCommand(false);
  const node = await time('node -e 0', () => runProcess(process.execPath, ['-e', '0'], box.env));
  const version = await time('hac --version', () => runProcess(command, [...args, '--version'], box.env));
  const target = ['--url', emu.url];
  const login = await box.run([...target, 'login']);
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
  const query = await time('hac fs', () => box.run([...target, 'fs', 'SELECT {pk} FROM {Language}']));
  const ms = (n: number): string => `${n.toFixed(0).padStart(5)} ms`;
  console.log(`runs: ${runs} (medians)`);
  console.log(`node -e 0                            ${ms(node)}`);
  console.log(`hac --version                        ${ms(version)}  (+${(version - node).toFixed(0)} ms over node)`);
  console.log(`hac fs "SELECT {pk} FROM {Language}" ${ms(query)}  (warm session, emulator in-process)`);
} finally {
  await emu.close();
  await box.cleanup();
}
