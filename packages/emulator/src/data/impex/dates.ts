/** Java `SimpleDateFormat`-style patterns (the subset ImpEx scripts use) for `[dateformat=…]`. */

export const DEFAULT_DATE_FORMAT = 'dd.MM.yyyy HH:mm:ss';

const TOKENS = ['yyyy', 'yy', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'm', 'ss', 's', 'SSS'] as const;
type Token = (typeof TOKENS)[number];

function tokenize(pattern: string): (Token | { literal: string })[] {
  const parts: (Token | { literal: string })[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = end === -1 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
      parts.push({ literal: literal === '' ? "'" : literal });
      i = end === -1 ? pattern.length : end + 1;
      continue;
    }
    const token = TOKENS.find((t) => pattern.startsWith(t, i));
    if (token) {
      parts.push(token);
      i += token.length;
    } else {
      parts.push({ literal: pattern[i] ?? '' });
      i++;
    }
  }
  return parts;
}

/** Parses `value` (UTC) with the pattern; null when it does not match. */
export function parseDate(value: string, pattern: string = DEFAULT_DATE_FORMAT): Date | null {
  const fields: Partial<Record<Token, number>> = {};
  let rest = value.trim();
  for (const part of tokenize(pattern)) {
    if (typeof part === 'object') {
      if (!rest.startsWith(part.literal)) return null;
      rest = rest.slice(part.literal.length);
      continue;
    }
    const digits = /^\d+/.exec(rest)?.[0];
    if (!digits) return null;
    const width = part.length >= 2 && part !== 'yyyy' ? part.length : digits.length;
    fields[part] = Number(digits.slice(0, width));
    rest = rest.slice(Math.min(width, digits.length));
  }
  if (rest.trim() !== '') return null;
  const year = fields.yyyy ?? (fields.yy !== undefined ? 2000 + fields.yy : 1970);
  const month = (fields.MM ?? fields.M ?? 1) - 1;
  const day = fields.dd ?? fields.d ?? 1;
  const date = new Date(
    Date.UTC(year, month, day, fields.HH ?? fields.H ?? 0, fields.mm ?? fields.m ?? 0, fields.ss ?? fields.s ?? 0, fields.SSS ?? 0),
  );
  return Number.isNaN(date.getTime()) || date.getUTCMonth() !== month ? null : date;
}

export function formatDate(date: Date, pattern: string = DEFAULT_DATE_FORMAT): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const values: Record<Token, string> = {
    yyyy: pad(date.getUTCFullYear(), 4),
    yy: pad(date.getUTCFullYear() % 100, 2),
    MM: pad(date.getUTCMonth() + 1, 2),
    M: String(date.getUTCMonth() + 1),
    dd: pad(date.getUTCDate(), 2),
    d: String(date.getUTCDate()),
    HH: pad(date.getUTCHours(), 2),
    H: String(date.getUTCHours()),
    mm: pad(date.getUTCMinutes(), 2),
    m: String(date.getUTCMinutes()),
    ss: pad(date.getUTCSeconds(), 2),
    s: String(date.getUTCSeconds()),
    SSS: pad(date.getUTCMilliseconds(), 3),
  };
  return tokenize(pattern)
    .map((part) => (typeof part === 'object' ? part.literal : values[part]))
    .join('');
}
