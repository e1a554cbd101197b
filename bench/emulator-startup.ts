/**
 * Start-up of the `hac-emulator` binary: time from spawn to the URL on stdout (`--data sample`,
 * `--data empty`, `--tls`), against `node -e 0` (the floor) in the same run. Target: `--data sample`
 * prints its URL within 0.6 s. Prints medians of N runs; asserts nothing. Needs `npm run build` first.
 *
 *   node --conditions=source --import tsx bench/emulator-startup.ts [--runs 9]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { flag, median, ms } from './emulator-helpers.js';

const BIN = fileURLToPath(new URL('../packages/emulator/bin/hac-emulator.js', import.meta.url));
const runs = flag('--runs', 9);

/** Milliseconds from spawn to the first stdout line (or to exit when `untilExit`); the child is then stopped. */
function timeToFirstLine(args: string[], untilExit = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    child.once('error', reject);
    if (untilExit) {
      child.once('exit', () => resolve(performance.now() - started));
      return;
    }
    child.stdout.once('data', () => {
      resolve(performance.now() - started);
      child.kill('SIGTERM');
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)} before printing its URL`)));
  });
}

async function medianOf(args: string[], untilExit = false): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeToFirstLine(args, untilExit));
  return median(samples);
}

const floor = await medianOf(['-e', '0'], true);
const rows: [string, number][] = [
  ['hac-emulator --data sample', await medianOf([BIN, '--port', '0', '--data', 'sample'])],
  ['hac-emulator --data empty', await medianOf([BIN, '--port', '0', '--data', 'empty'])],
  ['hac-emulator --data sample --tls', await medianOf([BIN, '--port', '0', '--data', 'sample', '--tls'])],
];
console.log(`runs: ${runs} (medians; time from spawn to the URL on stdout; target: --data sample <= 600 ms)`);
console.log(`${'node -e 0 (floor)'.padEnd(34)} ${ms(floor)}`);
for (const [label, value] of rows) console.log(`${label.padEnd(34)} ${ms(value)}  ${(value / floor).toFixed(1)}x floor`);
