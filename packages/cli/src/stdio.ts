/**
 * stdout and stderr without `process.stdout`/`process.stderr` where a run can do without them.
 * Node builds those streams on first access and loads its stream and net modules to do so: for
 * `hac --version` or `hac --help` into a pipe, that is a good part of `node -e 0`'s own time.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

type StdioName = 'stdout' | 'stderr';
const FDS: Record<StdioName, number> = { stdout: 1, stderr: 2 };

/**
 * False when the descriptor is certainly no terminal (a pipe, a file, a socket, `/dev/null`), told
 * without building the stream. Another character device may be a terminal: then only the stream
 * knows.
 */
export function mayBeTerminal(name: StdioName): boolean {
  // What a descriptor is does not change during a run: asked per write and per check, looked up once.
  return (terminalMaybe[name] ??= lookUpTerminal(FDS[name]));
}

const terminalMaybe: Partial<Record<StdioName, boolean>> = {};

function lookUpTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    // `2>/dev/null` is as common as a pipe; the same device numbers are the same device.
    return process.platform === 'win32' || stat.rdev !== statSync('/dev/null').rdev;
  } catch {
    return true;
  }
}

/** Per stream: undefined when not watched (unknown), false until Node builds it, then true. */
const built: Partial<Record<StdioName, boolean>> = {};
const pending: Record<StdioName, Array<(stream: NodeJS.WriteStream) => void>> = { stdout: [], stderr: [] };

/**
 * Call `setup` with `process[name]` when something first uses it (at once if it exists already or
 * cannot be watched), and from then on know whether it was built (`builtStdio`).
 */
export function whenBuilt(name: StdioName, setup: (stream: NodeJS.WriteStream) => void): void {
  if (built[name] === false) {
    pending[name].push(setup);
    return;
  }
  const descriptor = Object.getOwnPropertyDescriptor(process, name);
  const get = descriptor?.get;
  if (built[name] === true || get === undefined || descriptor?.configurable !== true) {
    built[name] = true;
    setup(process[name]);
    return;
  }
  built[name] = false;
  pending[name].push(setup);
  Object.defineProperty(process, name, {
    ...descriptor,
    get() {
      const stream = get.call(process) as NodeJS.WriteStream;
      Object.defineProperty(process, name, descriptor); // Node's own getter again
      built[name] = true;
      for (const run of pending[name].splice(0)) run(stream);
      return stream;
    },
  });
}

/** The standard streams this run has built (or may have: unwatched ones count), to flush before exiting. */
export function builtStdio(): NodeJS.WriteStream[] {
  return (['stdout', 'stderr'] as const).filter((name) => built[name] !== false).map((name) => process[name]);
}

/**
 * Write `text` to stdout or stderr. Straight to the descriptor, synchronously, while the stream is
 * watched, not built, and no terminal; else (and for what a non-blocking pipe refuses, EAGAIN)
 * through the stream, so that nothing overtakes what the stream holds. A closed pipe ends the
 * write quietly, as `main.ts` does for the stream.
 */
export function writeStdio(name: StdioName, text: string): void {
  if (built[name] !== false || mayBeTerminal(name)) {
    process[name].write(text);
    return;
  }
  writeToDescriptor(name, text);
}

/** `writeStdio` for callers that know nothing was written through the stream (the launcher). */
export function writeToDescriptor(name: StdioName, text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(FDS[name], bytes, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN') process[name].write(bytes.subarray(written));
    else if (code !== 'EPIPE') throw error;
  }
}
