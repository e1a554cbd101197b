/**
 * HAC's FlexibleSearch answer (`SqlSearchResultData`) read as its bytes arrive, with stream-json's
 * tokenizer: rows come out in batches while the body is still on the wire, so neither the body nor
 * its text nor (for a consumer that passes rows on) the whole row set is ever held.
 *
 * The answer's key order is the server's: HAC's JSON serialiser writes `headers` after `resultList`
 * (as the emulator does), another version may not. A consumer needs the columns and the verdict
 * (`exception`) before the first row, so rows that come before both are held until they are read,
 * compactly: as JSON bytes in Buffers, about the payload's size outside the JS heap, where the rows
 * as arrays take 2.6 times it inside (held as strings, they were promoted to the old generation and
 * the CLI's peak for 100k rows rose by ~12 MiB). They are handed out after the `headers` part, a
 * batch at a time. Everything else is read as `parseFlexibleSearchResult` reads the whole answer,
 * with the same cell decoding and the same errors.
 */
import type { Assembler as AssemblerType } from 'stream-json/core/assembler.js';
import type { Token } from 'stream-json/core/parser.js';
import { StringDecoder } from 'node:string_decoder';
import type { FlexibleSearchStreamPart } from '../models/flexsearch.js';
import { decodeCell, readHeaders, resultFields, rootCauseMessage } from './parse-flexsearch.js';
import { ShapeError, type JsonObject } from './shape.js';

type Cell = string | null;

/** The answer's bytes are not JSON (a tokenizer error; its message may quote the body). */
export class AnswerSyntaxError extends Error {
  override name = 'AnswerSyntaxError';
}

/** stream-json's tokenizer: text in, the tokens it completed out (`none` when none); `none` in ends it. */
type Tokenize = (text: string | symbol) => { values: Token[] } | symbol;

interface JsonTools {
  tokenizer: () => Tokenize;
  Assembler: typeof AssemblerType;
  none: symbol;
}

let tools: Promise<JsonTools> | undefined;

/** stream-json, loaded on the first streamed answer (ES modules only: no `require` on Node 20). */
function loadTools(): Promise<JsonTools> {
  tools ??= Promise.all([import('stream-json/core/parser.js'), import('stream-json/core/assembler.js'), import('stream-chain/defs.js')]).then(
    ([parser, assembler, defs]) => ({
      // Whole keys, strings and numbers as one token each: no pieces of them to join. One JSON value
      // after another (jsonStreaming), so that a tokenizer serves answer after answer (`idle`).
      tokenizer: () => parser.jsonParser({ packValues: true, streamValues: false, jsonStreaming: true }) as unknown as Tokenize,
      Assembler: assembler.Assembler,
      none: defs.none,
    }),
  );
  return tools;
}

/**
 * Tokenizers whose last answer ended cleanly (its object closed, nothing after it), for the next
 * answer: V8 optimises a tokenizer's code late, and a new one per answer started over, so that the
 * pages of a paged query (a reader each) took about twice the CPU of one answer of the same rows.
 * A reader that fails or is left early drops its tokenizer.
 */
const idle: Tokenize[] = [];
const MAX_IDLE = 4;

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
export async function createAnswerReader(options: AnswerReaderOptions): Promise<AnswerReader> {
  return new AnswerReader(await loadTools(), options);
}

type Mode = 'start' | 'key' | 'value' | 'field' | 'rows' | 'row' | 'end';

export class AnswerReader {
  readonly #tools: JsonTools;
  readonly #options: AnswerReaderOptions;
  readonly #tokenize: Tokenize;
  readonly #decoder = new StringDecoder('utf8');
  /** The answer's fields other than `resultList`, last one wins as in `JSON.parse`. */
  readonly #fields: JsonObject = {};
  /** Parts ready to be taken; held rows stay JSON bytes until taken. */
  readonly #ready: (FlexibleSearchStreamPart | Buffer)[] = [];
  #mode: Mode = 'start';
  #key = '';
  #field: AssemblerType | undefined;
  #row: Cell[] = [];
  #batch: Cell[][] = [];
  #rowCount = 0;
  #verdictOut = false;
  #held: Buffer[] = [];

  constructor(tools: JsonTools, options: AnswerReaderOptions) {
    this.#tools = tools;
    this.#options = options;
    this.#tokenize = idle.pop() ?? tools.tokenizer();
  }

  /** Rows read so far. */
  get rowCount(): number {
    return this.#rowCount;
  }

  /** Reads one chunk of the body. Throws `ShapeError` or `AnswerSyntaxError`. */
  write(chunk: Buffer): void {
    this.#consume(this.#decoder.write(chunk));
    this.#flushBatch();
  }

  /** The body is complete: reads what is left and queues the `end` part. */
  end(): void {
    const tail = this.#decoder.end();
    if (tail !== '') this.#consume(tail);
    if (this.#mode !== 'end') {
      // The tokenizer's own complaint first, if it has one (it may quote the body: see AnswerSyntaxError).
      this.#consume(this.#tools.none);
      throw new AnswerSyntaxError('the answer ends before its JSON object does');
    }
    if (idle.length < MAX_IDLE) idle.push(this.#tokenize);
    this.#flushBatch();
    const summary = resultFields(this.#fields, this.#rowCount, this.#options.maxCount);
    this.#releaseVerdict();
    this.#ready.push({ type: 'end', summary });
  }

  /** The next part ready, or `undefined` until more is read. */
  next(): FlexibleSearchStreamPart | undefined {
    const part = this.#ready.shift();
    if (!Buffer.isBuffer(part)) return part;
    return { type: 'rows', rows: JSON.parse(part.toString('utf8')) as Cell[][] };
  }

  #consume(text: string | symbol): void {
    let tokens: ReturnType<Tokenize>;
    try {
      tokens = this.#tokenize(text);
    } catch (error) {
      throw new AnswerSyntaxError(error instanceof Error ? error.message : String(error));
    }
    if (typeof tokens === 'symbol') return;
    for (const token of tokens.values) this.#token(token);
  }

  #token(token: Token): void {
    switch (this.#mode) {
      case 'row':
        return this.#cell(token);
      case 'rows':
        if (token.name === 'startArray') {
          this.#row = [];
          this.#mode = 'row';
        } else if (token.name === 'endArray') {
          this.#mode = 'key';
        } else {
          throw new ShapeError(`row ${this.#rowCount} is not an array`);
        }
        return;
      case 'key':
        if (token.name === 'keyValue') {
          this.#key = token.value;
          this.#mode = 'value';
        } else {
          // The tokenizer lets nothing else follow an object's members.
          this.#mode = 'end';
        }
        return;
      case 'value':
        return this.#value(token);
      case 'field':
        return this.#fieldToken(token);
      case 'start':
        if (token.name !== 'startObject') throw new ShapeError(`expected the FlexibleSearch answer to be a JSON object, got ${describe(token)}`);
        this.#mode = 'key';
        return;
      case 'end':
        // A tokenizer reads one JSON value after another: anything after the answer's object is
        // a second value, which no answer has.
        throw new AnswerSyntaxError('the answer goes on after its JSON object');
    }
  }

  #value(token: Token): void {
    if (this.#key === 'resultList') {
      if (token.name === 'startArray') this.#mode = 'rows';
      else if (token.name === 'nullValue') this.#mode = 'key';
      else throw new ShapeError(`expected "resultList" to be an array, got ${describe(token)}`);
      return;
    }
    this.#field = new this.#tools.Assembler();
    this.#mode = 'field';
    this.#fieldToken(token);
  }

  #fieldToken(token: Token): void {
    const field = this.#field as AssemblerType;
    field.consume(token);
    if (!field.done) return;
    // Own property even for `__proto__`, as JSON.parse makes it.
    Object.defineProperty(this.#fields, this.#key, { value: field.current, enumerable: true, configurable: true, writable: true });
    this.#field = undefined;
    this.#mode = 'key';
    if (this.#key === 'headers' || this.#key === 'exception') this.#checkVerdict();
  }

  #cell(token: Token): void {
    const row = this.#row;
    switch (token.name) {
      case 'stringValue':
        row.push(decodeCell(token.value));
        return;
      case 'nullValue':
        row.push(null);
        return;
      case 'numberValue':
        // As JSON.parse reads it, then as text (the one-shot parser's `String(number)`).
        row.push(String(Number(token.value)));
        return;
      case 'trueValue':
      case 'falseValue':
        row.push(String(token.value));
        return;
      case 'endArray':
        this.#batch.push(row);
        this.#rowCount += 1;
        this.#mode = 'rows';
        return;
      default:
        throw new ShapeError(`row ${this.#rowCount} has a cell that is object`);
    }
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

  /** The rows completed by the last chunk: handed out, or held as JSON bytes until the verdict is out. */
  #flushBatch(): void {
    if (this.#batch.length === 0) return;
    const rows = this.#batch;
    this.#batch = [];
    if (this.#verdictOut || this.#options.holdRows === false) this.#ready.push({ type: 'rows', rows });
    else this.#held.push(Buffer.from(JSON.stringify(rows), 'utf8'));
  }
}

function describe(token: Token): string {
  switch (token.name) {
    case 'startArray':
      return 'an array';
    case 'stringValue':
      return 'string';
    case 'numberValue':
      return 'number';
    case 'nullValue':
      return 'null';
    case 'trueValue':
    case 'falseValue':
      return 'boolean';
    default:
      return 'object';
  }
}
