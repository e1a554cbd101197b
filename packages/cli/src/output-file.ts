/**
 * `-o/--output FILE`: what a command prints as data goes to FILE instead of stdout, atomically: into
 * a temporary file next to FILE, renamed over it when the command succeeds and removed when it fails,
 * so FILE is always either the complete new output or what it was before.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliUsageError } from './errors.js';

export class AtomicOutputFile {
  readonly path: string;
  #fd: number | undefined;
  #temp: string | undefined;
  #done = false;
  readonly #cleanup = (): void => this.#discard();

  constructor(path: string) {
    this.path = path;
  }

  /** Append `text` to the temporary file (created on the first write). */
  write(text: string): void {
    const fd = this.#open();
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
  }

  /** Rename the complete output over FILE (`keep`), or drop it and leave FILE as it was. */
  finish(keep: boolean): void {
    if (this.#done) return;
    if (!keep) return this.#discard();
    const fd = this.#open(); // a command that printed nothing still leaves an empty FILE, as `> FILE` does
    this.#done = true;
    process.off('exit', this.#cleanup);
    closeSync(fd);
    try {
      renameSync(this.#temp ?? '', this.path);
    } catch (error) {
      rmSync(this.#temp ?? '', { force: true });
      throw new CliUsageError(`cannot write --output ${this.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
  }

  #open(): number {
    if (this.#fd !== undefined) return this.#fd;
    // A hidden name in FILE's directory: rename is atomic only within one file system.
    // globalThis.crypto loads on first use; importing node:crypto would cost every run (start-up time).
    const random = Buffer.from(crypto.getRandomValues(new Uint8Array(4))).toString('hex');
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${random}.tmp`);
    try {
      this.#fd = openSync(temp, 'wx', 0o666);
    } catch (error) {
      throw new CliUsageError(`cannot write --output ${this.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
    this.#temp = temp;
    // A second Ctrl-C leaves through process.exit: no temporary file stays behind.
    process.on('exit', this.#cleanup);
    return this.#fd;
  }

  #discard(): void {
    if (this.#done) return;
    this.#done = true;
    process.off('exit', this.#cleanup);
    if (this.#fd !== undefined) closeSync(this.#fd);
    if (this.#temp !== undefined) rmSync(this.#temp, { force: true });
  }
}
