/**
 * One whole process under GNU time (`/usr/bin/time`): wall time, CPU time and peak RSS, stdout into a
 * file (its size tells a short, failed output from a full one) or dropped. Shared by the CLI
 * benchmarks that compare whole processes (cli-fs.ts, python-peer.ts).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { repoRoot } from '../packages/cli/test/helpers/hac-process.js';

export const GNU_TIME = '/usr/bin/time';

export interface Sample {
  wallMs: number;
  cpuMs: number;
  peakMiB: number;
  /** Bytes written to `outFile` (0 when stdout was dropped). */
  bytes: number;
}

/** Throws a one-line instruction when GNU time is missing; `who` names the benchmark that needs it. */
export function requireGnuTime(who: string): void {
  if (!existsSync(GNU_TIME)) throw new Error(`${who} reads peak RSS from GNU time (${GNU_TIME}): install it (apt install time)`);
}

/** Runs `command` under GNU time, stdout into `outFile` (or dropped when it is undefined); `report` is GNU time's scratch file. */
export function timed(command: string, args: string[], env: Record<string, string | undefined>, outFile: string | undefined, report: string): Promise<Sample> {
  const out = outFile === undefined ? 'ignore' : openSync(outFile, 'w');
  const started = performance.now();
  const child = spawn(GNU_TIME, ['-o', report, '-f', '%U %S %M', command, ...args], {
    cwd: repoRoot,
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    stdio: ['ignore', out, 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (typeof out === 'number') closeSync(out);
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} failed (${String(code)}): ${stderr.trim().slice(-1000)}`));
      void readFile(report, 'utf8').then((text) => {
        const [user = 0, system = 0, kib = 0] = text.trim().split(/\s+/).map(Number);
        resolve({ wallMs, cpuMs: (user + system) * 1000, peakMiB: kib / 1024, bytes: outFile === undefined ? 0 : statSync(outFile).size });
      }, reject);
    });
  });
}
