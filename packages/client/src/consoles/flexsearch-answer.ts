/**
 * HAC's FlexibleSearch answer (`SqlSearchResultData`) read as its bytes arrive: rows come out in
 * batches while the body is still on the wire, so neither the body nor its text nor (for a consumer
 * that passes rows on) the whole row set is ever held.
 *
 * The bytes are not tokenized here: a scan that follows only strings and brackets
 * (flexsearch-json-scan.ts) finds where each member of the answer's object and each row of
 * `resultList` ends, and the platform's `JSON.parse` reads them, the rows a chunk completed in one
 * call. A streaming tokenizer (stream-json, before) made an object per token: for 100k rows it
 * took about twice the CPU of this reader, and more than one `JSON.parse` of the whole body
 * (bench/README.md, "FlexibleSearch read as it arrives").
 *
 * The answer's key order is the server's: HAC's JSON serialiser writes `headers` after `resultList`
 * (as the emulator does), another version may not. A consumer needs the columns and the verdict
 * (`exception`) before the first row, so rows that come before both are held until they are read:
 * as a copy of their bytes, about the payload's size outside the JS heap, where the rows as arrays
 * take 2.6 times it inside (held as strings, they were promoted to the old generation: +44 MiB of
 * heap for 100k rows). They are parsed as they are read all the same, and parsed again when handed
 * out after the `headers` part: see `#handOn`. Everything is read as `parseFlexibleSearchResult`
 * reads the whole answer, with the same cell decoding and the same errors.
 */
import type { FlexibleSearchStreamPart } from '../models/flexsearch.js';
import {
  AnswerSyntaxError,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  describeByte,
  isSpace,
  JsonRowsScan,
  JsonValueEnd,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './flexsearch-json-scan.js';
import { decodeRows, readHeaders, resultFields, rootCauseMessage } from './parse-flexsearch.js';
import { ShapeError, type JsonObject } from './shape.js';

export { AnswerSyntaxError };

export interface AnswerReaderOptions {
  /** The `maxCount` the query ran with (for `maxCountReached`). */
  maxCount: number;
  /**
   * `false`: rows go out as they are read, before the `headers` part if they come first, for a
   * caller that knows the columns already (the pages after a paged query's first).
   * @default true
   */
  holdRows?: boolean;
}

/** A reader for one answer: `write` each chunk, then `end`; take the parts with `next` after each. */
export function createAnswerReader(options: AnswerReaderOptions): AnswerReader {
  return new AnswerReader(options);
}

/**
 * Where the scan is: `start` before the object, `key`/`nextKey` before a member's name (the first
 * or one after a comma), `name` inside it, `colon`, `value` before a member's value, `member` inside
 * one, `rows` inside `resultList`'s array, `afterValue` before a comma or the object's end, `end`
 * after it.
 */
type Mode = 'start' | 'key' | 'nextKey' | 'name' | 'colon' | 'value' | 'member' | 'rows' | 'afterValue' | 'end';

/** Rows read: their bytes (JSON values separated by commas), and the index of the first (for error messages). */
interface Rows {
  bytes: Buffer;
  first: number;
}

export class AnswerReader {
  readonly #options: AnswerReaderOptions;
  /** The answer's fields other than `resultList`'s rows, last one wins as in `JSON.parse`. */
  readonly #fields: JsonObject = {};
  /** Parts ready to be taken; held rows stay bytes until taken. */
  readonly #ready: (FlexibleSearchStreamPart | Rows)[] = [];
  readonly #value = new JsonValueEnd();
  readonly #rows = new JsonRowsScan();
  #mode: Mode = 'start';
  #key = '';
  /** Bytes of the name or value being read that came in earlier chunks. */
  #pieces: Buffer[] = [];
  /** Where the name or value being read starts in the current chunk. */
  #pieceStart = 0;
  #rowCount = 0;
  #verdictOut = false;
  #held: Rows[] = [];

  constructor(options: AnswerReaderOptions) {
    this.#options = options;
  }

  /** Reads one chunk of the body. Throws `ShapeError` or `AnswerSyntaxError`. */
  write(chunk: Buffer): void {
    const length = chunk.length;
    let at = 0;
    this.#pieceStart = 0;
    while (at < length) {
      switch (this.#mode) {
        case 'rows':
          at = this.#readRows(chunk, at);
          break;
        case 'name':
        case 'member':
          at = this.#finishValue(chunk, at);
          break;
        default:
          at = this.#structure(chunk, at);
      }
    }
    // What goes on into the next chunk keeps its bytes so far.
    if (this.#mode === 'name' || this.#mode === 'member') this.#pieces.push(chunk.subarray(this.#pieceStart));
  }

  /** The body is complete: queues the `end` part. */
  end(): void {
    if (this.#mode !== 'end') throw new AnswerSyntaxError('the answer ends before its JSON object does');
    const summary = resultFields(this.#fields, this.#rowCount, this.#options.maxCount);
    this.#releaseVerdict();
    this.#ready.push({ type: 'end', summary });
  }

  /** The next part ready, or `undefined` until more is read. */
  next(): FlexibleSearchStreamPart | undefined {
    const part = this.#ready.shift();
    if (part === undefined || !('bytes' in part)) return part;
    return { type: 'rows', rows: parseRows(part) };
  }

  /** One byte outside values: whitespace, or the punctuation and starts the mode expects. */
  #structure(chunk: Buffer, at: number): number {
    const byte = chunk[at] as number;
    if (isSpace(byte)) return at + 1;
    switch (this.#mode) {
      case 'start':
        if (byte !== OPEN_OBJECT) throw new ShapeError(`expected the FlexibleSearch answer to be a JSON object, got ${describeStart(byte)}`);
        this.#mode = 'key';
        return at + 1;
      case 'key':
      case 'nextKey':
        if (byte === CLOSE_OBJECT && this.#mode === 'key') {
          this.#mode = 'end';
          return at + 1;
        }
        if (byte !== QUOTE) throw unexpected(byte, 'a member name');
        return this.#startValue(chunk, at, 'name');
      case 'colon':
        if (byte !== COLON) throw unexpected(byte, "':'");
        this.#mode = 'value';
        return at + 1;
      case 'value':
        if (byte === OPEN_ARRAY && this.#key === 'resultList') {
          // Present, as in the parsed answer (its rows go out in parts, not into the fields).
          Object.defineProperty(this.#fields, 'resultList', { value: [], enumerable: true, configurable: true, writable: true });
          this.#mode = 'rows';
          this.#rows.reset();
          return at + 1;
        }
        return this.#startValue(chunk, at, 'member');
      case 'afterValue':
        if (byte === COMMA) this.#mode = 'nextKey';
        else if (byte === CLOSE_OBJECT) this.#mode = 'end';
        else throw unexpected(byte, "',' or '}'");
        return at + 1;
      case 'end':
        throw new AnswerSyntaxError('the answer goes on after its JSON object');
      default:
        throw new Error(`unreachable: ${this.#mode}`);
    }
  }

  #startValue(chunk: Buffer, at: number, mode: 'name' | 'member'): number {
    const first = chunk[at] as number;
    if (!this.#value.begin(first)) throw unexpected(first, 'a value');
    this.#mode = mode;
    this.#pieceStart = at;
    return this.#finishValue(chunk, at + 1);
  }

  /** Reads on in a member's name or value; once it ends, parses it. */
  #finishValue(chunk: Buffer, at: number): number {
    const end = this.#value.find(chunk, at);
    if (end < 0) return chunk.length;
    const value = parseJson(this.#take(chunk, end).toString('utf8'));
    if (this.#mode === 'name') {
      this.#key = value as string;
      this.#mode = 'colon';
      return end;
    }
    if (this.#key === 'resultList' && value !== null) {
      // An array went to `#rows`: this is anything else.
      throw new ShapeError(`expected "resultList" to be an array, got ${typeof value}`);
    }
    // Own property even for `__proto__`, as JSON.parse makes it.
    Object.defineProperty(this.#fields, this.#key, { value, enumerable: true, configurable: true, writable: true });
    this.#mode = 'afterValue';
    if (this.#key === 'headers' || this.#key === 'exception') this.#checkVerdict();
    return end;
  }

  /** The bytes of the name or value that ends at `end` in this chunk, with those of earlier chunks. */
  #take(chunk: Buffer, end: number): Buffer {
    const last = chunk.subarray(this.#pieceStart, end);
    const bytes = this.#pieces.length === 0 ? last : Buffer.concat([...this.#pieces, last]);
    this.#pieces = [];
    return bytes;
  }

  /**
   * Inside `resultList`: the rows this chunk completes go on as one batch (with the bytes of a row
   * begun in an earlier chunk first); a row it leaves open keeps its bytes for the next chunk.
   */
  #readRows(chunk: Buffer, from: number): number {
    const rows = this.#rows;
    const at = rows.scan(chunk, from);
    if (rows.completed > 0) {
      const last = chunk.subarray(rows.firstStart, rows.lastEnd);
      const bytes = this.#pieces.length > 0 ? Buffer.concat([...this.#pieces, last]) : last;
      this.#pieces = [];
      this.#rowCount += rows.completed;
      this.#handOn({ bytes, first: this.#rowCount - rows.completed });
    }
    if (rows.ended) this.#mode = 'afterValue';
    else if (rows.open) this.#pieces.push(chunk.subarray(rows.openStart));
    return at;
  }

  /** Rows read: handed out, or held as bytes until the verdict is out. */
  #handOn(rows: Rows): void {
    // Held rows are parsed now too, and the rows dropped: a row that is not JSON, or not a row,
    // fails the read before any part goes out, and the parse's short-lived garbage keeps V8's young
    // generation collecting, which is what frees the socket's spent read buffers. Without it
    // nothing else allocates while the rows are held and the spent buffers piled up: 100k rows
    // peaked at +43 MiB (4 times the payload) against +25 MiB with it, for ~25 ms of CPU.
    const parsed = parseRows(rows);
    if (this.#verdictOut || this.#options.holdRows === false) this.#ready.push({ type: 'rows', rows: parsed });
    // A copy of their own: a slice would keep its socket read's whole buffer alive.
    else this.#held.push({ bytes: Buffer.from(rows.bytes), first: rows.first });
  }

  /** Once `headers` and `exception` are both read, the `headers` part goes out and held rows follow. */
  #checkVerdict(): void {
    if (this.#verdictOut || !('headers' in this.#fields) || !('exception' in this.#fields)) return;
    this.#releaseVerdict();
  }

  #releaseVerdict(): void {
    if (this.#verdictOut) return;
    this.#verdictOut = true;
    const rawException = this.#fields['exception'] ?? null;
    const exception = rawException === null ? null : rootCauseMessage(rawException);
    this.#ready.push({ type: 'headers', headers: readHeaders(this.#fields), exception });
    for (const held of this.#held) this.#ready.push(held);
    this.#held = [];
  }
}

/** Rows' bytes (JSON values separated by commas) as rows of text, as `parseFlexibleSearchResult` makes them. */
function parseRows({ bytes, first }: Rows): (string | null)[][] {
  return decodeRows(parseJson(`[${bytes.toString('utf8')}]`) as unknown[], first);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AnswerSyntaxError(error instanceof Error ? error.message : String(error));
  }
}

function unexpected(byte: number, expected: string): AnswerSyntaxError {
  return new AnswerSyntaxError(`expected ${expected}, got ${describeByte(byte)}`);
}

/** What a value starting with `byte` is, in the whole-answer parser's words. */
function describeStart(byte: number): string {
  if (byte === OPEN_ARRAY) return 'an array';
  if (byte === QUOTE) return 'string';
  if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) return 'number';
  if (byte === 0x74 || byte === 0x66) return 'boolean';
  if (byte === 0x6e) return 'null';
  throw unexpected(byte, 'a JSON object');
}
