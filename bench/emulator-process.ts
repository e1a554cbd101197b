/**
 * An emulator in a process of its own, as HAC would be: the benchmark's own work (spawning, timing,
 * collecting output) then never delays its answers. Shared by the client and CLI benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const EMULATOR = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'emulator', 'bin', 'hac-emulator.js');

export interface Emu {
  url: string;
  child: ChildProcess;
}

/** Start `hac-emulator --port 0 ARGS…`; resolves once it printed its URL. */
export function startEmulator(...args: string[]): Promise<Emu> {
  const child = spawn(process.execPath, [EMULATOR, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`hac-emulator exited (${String(code)})`)));
    createInterface({ input: child.stdout! }).once('line', (url) => resolve({ url: url.trim(), child }));
  });
}

export function stop(emu: Emu): Promise<void> {
  return new Promise((resolve) => {
    if (emu.child.exitCode !== null) return resolve();
    emu.child.once('exit', () => resolve());
    emu.child.kill();
  });
}
