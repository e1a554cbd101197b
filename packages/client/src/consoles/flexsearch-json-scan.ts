/**
 * Where one JSON value ends in bytes that arrive in chunks, for the FlexibleSearch answer reader:
 * only strings (with their escapes) and brackets are followed, so that a value's bytes can be cut
 * out whole and handed to `JSON.parse`, which judges everything else. Bytes, not text: every byte
 * this looks for is ASCII, and UTF-8 never uses an ASCII byte inside a multi-byte character.
 */

/** The bytes of JSON's punctuation. */
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
const BACKSLASH = 0x5c;

/** The answer's bytes are not JSON (its message may quote the body). */
export class AnswerSyntaxError extends Error {
  override name = 'AnswerSyntaxError';
}

/** JSON's insignificant whitespace: space, tab, line feed, carriage return. */
export function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** A number, `true`, `false` or `null` starts with this byte. */
function isScalarStart(byte: number): boolean {
  return byte === 0x2d || (byte >= 0x30 && byte <= 0x39) || byte === 0x74 || byte === 0x66 || byte === 0x6e;
}

/** A byte for an error message: the character, quoted. */
export function describeByte(byte: number): string {
  return JSON.stringify(String.fromCharCode(byte));
}

/** Where one value ends (a member's name or value), its first byte given to `begin`, then its bytes to `find`. */
export class JsonValueEnd {
  /** Brackets open inside the value. */
  #depth = 0;
  #inString = false;
  /** The last byte was a backslash inside a string. */
  #escaped = false;
  /** A number or literal: it ends before the first byte that cannot be part of it. */
  #scalar = false;

  /**
   * Starts a value whose first byte is `first` (consumed); `false` when no JSON value starts with it.
   */
  begin(first: number): boolean {
    this.#depth = 0;
    this.#inString = false;
    this.#escaped = false;
    this.#scalar = false;
    if (first === QUOTE) this.#inString = true;
    else if (first === OPEN_ARRAY || first === OPEN_OBJECT) this.#depth = 1;
    else if (isScalarStart(first)) this.#scalar = true;
    else return false;
    return true;
  }

  /**
   * The offset just past the value's last byte in `bytes`, reading from `from`; -1 when the value
   * goes on past them (the state is kept for the next chunk). A number or literal ends before the
   * whitespace, comma or bracket that follows it.
   */
  find(bytes: Uint8Array, from: number): number {
    const length = bytes.length;
    // Locals in the loop: this runs over every byte of the answer.
    let depth = this.#depth;
    let inString = this.#inString;
    let escaped = this.#escaped;
    if (this.#scalar) {
      for (let at = from; at < length; at++) {
        const byte = bytes[at] as number;
        if (byte === COMMA || byte === CLOSE_ARRAY || byte === CLOSE_OBJECT || isSpace(byte)) return at;
      }
      return -1;
    }
    for (let at = from; at < length; at++) {
      const byte = bytes[at] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          if (depth === 0) return this.#done(at + 1);
        }
      } else if (byte === QUOTE) {
        inString = true;
      } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        depth++;
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
        depth--;
        if (depth === 0) return this.#done(at + 1);
      }
    }
    this.#depth = depth;
    this.#inString = inString;
    this.#escaped = escaped;
    return -1;
  }

  #done(end: number): number {
    this.#depth = 0;
    this.#inString = false;
    this.#escaped = false;
    return end;
  }
}

/** What came last between the rows of an array: its `[`, a row, a comma. */
const AFTER_OPEN = 0;
const AFTER_ROW = 1;
const AFTER_COMMA = 2;

/**
 * The rows of a JSON array (its `[` already read) as its bytes arrive: where the rows each chunk
 * completes begin and end, and where the array ends. The commas between rows are checked here, the
 * rows themselves are `JSON.parse`'s to judge. One loop with the state in locals: it runs over
 * nearly every byte of a big answer (10.7 MB for 100k rows), a call per row or a field per byte
 * made it cost twice as much.
 */
export class JsonRowsScan {
  /** After the last `scan`: rows it completed, where the first of them starts (0: it began in an earlier chunk) and where the last ends. */
  completed = 0;
  firstStart = -1;
  lastEnd = -1;
  /** After the last `scan`: a row begun and not ended, starting at `openStart` in those bytes (0: before them). */
  open = false;
  openStart = 0;
  /** The array's `]` was read. */
  ended = false;
  #depth = 0;
  #inString = false;
  #escaped = false;
  #scalar = false;
  #after = AFTER_OPEN;

  /** A new array, its `[` just read. */
  reset(): void {
    this.completed = 0;
    this.firstStart = -1;
    this.lastEnd = -1;
    this.open = false;
    this.openStart = 0;
    this.ended = false;
    this.#depth = 0;
    this.#inString = false;
    this.#escaped = false;
    this.#scalar = false;
    this.#after = AFTER_OPEN;
  }

  /** Reads `bytes` from `from` up to the array's end or theirs; returns the offset it stopped at (past the `]`). */
  scan(bytes: Uint8Array, from: number): number {
    const length = bytes.length;
    let depth = this.#depth;
    let inString = this.#inString;
    let scalar = this.#scalar;
    let after = this.#after;
    let completed = 0;
    let firstStart = this.open ? 0 : -1;
    let lastEnd = -1;
    let rowStart = this.open ? 0 : -1;
    let at = from;
    // A backslash ended the last chunk: the byte it escapes is this one.
    if (this.#escaped && at < length) {
      this.#escaped = false;
      at++;
    }
    while (at < length) {
      if (inString) {
        // Most bytes are inside strings: on to the next quote or backslash in a loop of its own.
        let byte = bytes[at] as number;
        while (byte !== QUOTE && byte !== BACKSLASH && ++at < length) byte = bytes[at] as number;
        if (at === length) break;
        if (byte === BACKSLASH) {
          at += 2;
          if (at > length) {
            this.#escaped = true;
            at = length;
          }
          continue;
        }
        at++;
        inString = false;
        if (depth === 0) {
          completed++;
          lastEnd = at;
          after = AFTER_ROW;
          rowStart = -1;
        }
        continue;
      }
      const byte = bytes[at] as number;
      if (depth > 0) {
        at++;
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) depth++;
        else if ((byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) && --depth === 0) {
          completed++;
          lastEnd = at;
          after = AFTER_ROW;
          rowStart = -1;
        }
        continue;
      }
      if (scalar) {
        // A number or literal as a row (not a row at all: the parse says so) ends before a comma, `]` or whitespace.
        if (byte !== COMMA && byte !== CLOSE_ARRAY && !isSpace(byte)) {
          at++;
          continue;
        }
        scalar = false;
        completed++;
        lastEnd = at;
        after = AFTER_ROW;
        rowStart = -1;
      }
      if (isSpace(byte)) {
        at++;
      } else if (byte === COMMA && after === AFTER_ROW) {
        after = AFTER_COMMA;
        at++;
      } else if (byte === CLOSE_ARRAY && after !== AFTER_COMMA) {
        this.ended = true;
        at++;
        break;
      } else if (after === AFTER_ROW) {
        throw new AnswerSyntaxError(`expected ',' or ']' after a row, got ${describeByte(byte)}`);
      } else {
        if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) depth = 1;
        else if (byte === QUOTE) inString = true;
        else if (isScalarStart(byte)) scalar = true;
        else throw new AnswerSyntaxError(`expected a row, got ${describeByte(byte)}`);
        rowStart = at;
        if (firstStart < 0) firstStart = at;
        at++;
      }
    }
    this.#depth = depth;
    this.#inString = inString;
    this.#scalar = scalar;
    this.#after = after;
    this.completed = completed;
    this.firstStart = firstStart;
    this.lastEnd = lastEnd;
    this.open = rowStart >= 0;
    this.openStart = Math.max(rowStart, 0);
    return at;
  }
}
