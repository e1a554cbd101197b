/**
 * The body of one exchange handed over as it arrives (`HttpLayer.open`), for answers too big to
 * hold whole. Reading keeps the exchange's rules: the size limit counts every byte, the deadline
 * runs only while a read waits for the server (paused while the reader holds a chunk), and every
 * failure is reported as the HTTP layer reports it. A reader that stops early closes the
 * connection: the rest of the answer is never read into a socket that would be reused.
 */
import type { Readable } from 'node:stream';
import type { Deadline } from './deadline.js';

/** The body passed `maxResponseBytes`. */
export class TooLarge extends Error {}

/** Code of the error for a body whose connection closed before its end. */
export const CUT_SHORT = 'ERR_RESPONSE_CUT_SHORT';

export interface StreamedBodyOptions {
  limit: number;
  deadline: Deadline;
  /** The error a failed read is reported as. */
  fail: (error: unknown) => unknown;
  /** Called once when the body is over (read to its end, failed or cancelled), with the bytes read. */
  done: (bytes: number, complete: boolean) => void;
}

/** JSON's insignificant whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

export class StreamedBody {
  readonly #stream: Readable;
  readonly #iterator: AsyncIterator<Buffer>;
  readonly #options: StreamedBodyOptions;
  /** Chunks read ahead by `firstByte`, handed out first. */
  readonly #peeked: Buffer[] = [];
  #bytes = 0;
  #over = false;
  #taken = false;

  constructor(stream: Readable, options: StreamedBodyOptions) {
    this.#stream = stream;
    this.#options = options;
    this.#iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** Bytes read so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * The body's first byte that is not whitespace, read ahead (and kept for `chunks`/`whole`);
   * `undefined` for a body of whitespace only.
   */
  async firstByte(): Promise<number | undefined> {
    for (let index = 0; ; index++) {
      const chunk = this.#peeked[index] ?? (await this.#readAhead());
      if (chunk === undefined) return undefined;
      for (const byte of chunk) if (!isJsonSpace(byte)) return byte;
    }
  }

  async #readAhead(): Promise<Buffer | undefined> {
    const chunk = await this.#read();
    if (chunk !== undefined) this.#peeked.push(chunk);
    return chunk;
  }

  /**
   * Every chunk from the body's start, each read when the consumer asks for the next: a consumer
   * that is slow holds the reading back (and its time is not the deadline's). Ending the iteration
   * before the end (`break`, a throw) closes the connection. Can be taken once.
   */
  async *chunks(): AsyncGenerator<Buffer, void, undefined> {
    if (this.#taken) throw new Error('the body was already taken');
    this.#taken = true;
    try {
      while (this.#peeked.length > 0) yield this.#peeked.shift() as Buffer;
      for (let chunk = await this.#read(); chunk !== undefined; chunk = await this.#read()) yield chunk;
    } finally {
      this.cancel();
    }
  }

  /** The whole body: what was read ahead and the rest, read to its end. */
  async whole(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.chunks()) chunks.push(chunk);
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  }

  /** Closes the connection unless the body was read to its end. Safe to call more than once. */
  cancel(): void {
    if (this.#over) return;
    this.#finish(false);
    this.#stream.destroy();
  }

  async #read(): Promise<Buffer | undefined> {
    if (this.#over) return undefined;
    const { deadline, fail, limit } = this.#options;
    let next: IteratorResult<Buffer>;
    deadline.resume();
    try {
      next = await this.#iterator.next();
    } catch (error) {
      this.#finish(false);
      throw fail(cutShort(error));
    } finally {
      deadline.pause();
    }
    if (next.done === true) {
      this.#finish(true);
      return undefined;
    }
    this.#bytes += next.value.length;
    if (this.#bytes > limit) {
      this.cancel();
      throw fail(new TooLarge());
    }
    return next.value;
  }

  #finish(complete: boolean): void {
    if (this.#over) return;
    this.#over = true;
    this.#options.done(this.#bytes, complete);
  }
}

/** A stream closed before its end without an error of its own is a body cut short. */
function cutShort(error: unknown): unknown {
  if ((error as { code?: unknown } | undefined)?.code !== 'ERR_STREAM_PREMATURE_CLOSE') return error;
  return Object.assign(new Error('the connection closed before the response was complete'), { code: CUT_SHORT });
}
