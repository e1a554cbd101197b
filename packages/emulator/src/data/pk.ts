/**
 * PK scheme of the emulator (13 decimal digits, like SAP's `8796093055000`-style PKs).
 *
 *   pk = 1_000_000_000_000 + minute * 2^19 + typeCode * 2^9 + sequence
 *
 * - `minute`: minutes since 2020-01-01T00:00Z (24 bits, good until 2051),
 * - `typeCode`: the deployment type code of the item's table (10 bits, 0..1023, e.g. Product = 1),
 * - `sequence`: counter within that minute and type code (9 bits, 512 PKs per minute and type code;
 *   when they run out the generator borrows the next minute, so heavy imports may date PKs slightly ahead).
 * The exact creation time lives in the item's `createdTS`; the PK carries it to the minute.
 */
const BASE = 1_000_000_000_000;
const EPOCH = Date.UTC(2020, 0, 1);
const MINUTE = 60_000;
const TYPE_FACTOR = 2 ** 9;
const MINUTE_FACTOR = 2 ** 19;
const MAX_SEQUENCE = 512;

export interface DecodedPk {
  typeCode: number;
  /** Creation time, to the minute. */
  createdAt: Date;
}

export function encodePk(minute: number, typeCode: number, sequence: number): number {
  if (typeCode < 0 || typeCode > 1023) throw new RangeError(`type code ${typeCode} out of range`);
  return BASE + minute * MINUTE_FACTOR + typeCode * TYPE_FACTOR + sequence;
}

/** PKs one minute holds per type code. */
export const PKS_PER_MINUTE = MAX_SEQUENCE;

/** The minute (since 2020-01-01 UTC) a PK encodes, and the time that minute starts. */
export function pkMinute(pk: number): number {
  return Math.floor((pk - BASE) / MINUTE_FACTOR);
}

export function minuteOf(time: number): number {
  return Math.max(0, Math.floor((time - EPOCH) / MINUTE));
}

export function minuteStart(minute: number): Date {
  return new Date(EPOCH + minute * MINUTE);
}

export function decodePk(pk: string | number): DecodedPk | null {
  const text = String(pk).trim();
  if (!/^\d{13}$/.test(text)) return null;
  const offset = Number(text) - BASE;
  if (offset < 0) return null;
  const minute = Math.floor(offset / MINUTE_FACTOR);
  const typeCode = Math.floor((offset % MINUTE_FACTOR) / TYPE_FACTOR);
  return { typeCode, createdAt: new Date(EPOCH + minute * MINUTE) };
}

/** Per type code: the minute last used and the next free sequence in it. */
export type PkState = ReadonlyMap<number, { readonly minute: number; readonly sequence: number }>;

/** Hands out unique PKs; `now` is injectable so tests can pin the clock. */
export class PkGenerator {
  private readonly last: Map<number, { minute: number; sequence: number }>;

  /** `state`: where another generator stopped, for a copy of its database (it never reuses those PKs). */
  constructor(private readonly now: () => number = Date.now, state: PkState = new Map()) {
    this.last = new Map(state);
  }

  state(): PkState {
    return new Map(this.last);
  }

  next(typeCode: number, at: number = this.now()): number {
    let minute = minuteOf(at);
    const previous = this.last.get(typeCode);
    let sequence = 0;
    if (previous && previous.minute >= minute) {
      minute = previous.minute;
      sequence = previous.sequence;
      if (sequence >= MAX_SEQUENCE) {
        minute += 1;
        sequence = 0;
      }
    }
    this.last.set(typeCode, { minute, sequence: sequence + 1 });
    return encodePk(minute, typeCode, sequence);
  }
}
