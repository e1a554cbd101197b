/**
 * Standard input, read at most once and shared between the command (`-` arguments, piped queries)
 * and the password (`--password-stdin`, or implicitly when piped, as the Python CLI does).
 * When the password comes from stdin it is the first line, and the command sees the rest.
 */
import type { StdinPasswordSource } from './credentials/resolve.js';
import { CONVERT_TO_UTF8, decodeText } from './decode-text.js';

export class StdinBuffer implements StdinPasswordSource {
  readonly #explicit: () => boolean;
  // A function: `process.stdin` builds a stream on first access, which a run without stdin input skips.
  readonly #stream: () => NodeJS.ReadStream;
  #bytes: Promise<Buffer> | undefined;
  #readByCommand = false;
  #passwordTaken = false;

  constructor(stream: () => NodeJS.ReadStream, explicit: () => boolean) {
    this.#stream = stream;
    this.#explicit = explicit; // a function: the flag is known only after parsing
  }

  /** `--password-stdin` was given. */
  get explicit(): boolean {
    return this.#explicit();
  }

  // Kept as bytes: the command decides the encoding (`impex --encoding`), not this reader.
  #readAll(): Promise<Buffer> {
    this.#bytes ??= (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of this.#stream()) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks);
    })();
    return this.#bytes;
  }

  /** Every byte on stdin (minus the password line when the password came from stdin). */
  async readBytes(): Promise<Uint8Array> {
    this.#readByCommand = true;
    const bytes = await this.#readAll();
    return this.explicit || this.#passwordTaken ? afterFirstLine(bytes) : bytes;
  }

  /** Everything on stdin as UTF-8 text (minus the password line); invalid UTF-8 is a usage error. */
  async read(): Promise<string> {
    return decodeText(await this.readBytes(), 'UTF-8', 'standard input', CONVERT_TO_UTF8);
  }

  async passwordLine(): Promise<string | undefined> {
    if (!this.explicit && (this.#stream().isTTY || this.#readByCommand)) return undefined;
    const bytes = await this.#readAll();
    const line = firstLine(bytes);
    if (line === '') return undefined;
    this.#passwordTaken = true;
    return line;
  }
}

const NEWLINE = 0x0a;

function firstLine(bytes: Buffer): string {
  const end = bytes.indexOf(NEWLINE);
  return (end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8').replace(/\r$/, '');
}

function afterFirstLine(bytes: Buffer): Buffer {
  const end = bytes.indexOf(NEWLINE);
  return end === -1 ? Buffer.alloc(0) : bytes.subarray(end + 1);
}
