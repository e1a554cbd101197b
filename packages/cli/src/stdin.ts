/**
 * Standard input, read at most once and shared between the command (`-` arguments, piped queries)
 * and the password (`--password-stdin`, or implicitly when piped, as the Python CLI does).
 * When the password comes from stdin it is the first line, and the command sees the rest.
 */
import type { StdinPasswordSource } from './credentials/resolve.js';

export class StdinBuffer implements StdinPasswordSource {
  readonly #explicit: () => boolean;
  // A function: `process.stdin` builds a stream on first access, which a run without stdin input skips.
  readonly #stream: () => NodeJS.ReadStream;
  #text: Promise<string> | undefined;
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

  #readAll(): Promise<string> {
    this.#text ??= (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of this.#stream()) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    })();
    return this.#text;
  }

  /** Everything on stdin (minus the password line when the password came from stdin). */
  async read(): Promise<string> {
    this.#readByCommand = true;
    const text = await this.#readAll();
    return this.explicit || this.#passwordTaken ? afterFirstLine(text) : text;
  }

  async passwordLine(): Promise<string | undefined> {
    if (!this.explicit && (this.#stream().isTTY || this.#readByCommand)) return undefined;
    const text = await this.#readAll();
    const line = firstLine(text);
    if (line === '') return undefined;
    this.#passwordTaken = true;
    return line;
  }
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
}

function afterFirstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? '' : text.slice(end + 1);
}
