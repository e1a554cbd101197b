/**
 * Terminal display width of strings: East Asian wide/fullwidth characters and most emoji take two
 * columns, combining marks and zero-width characters none. Good enough for aligning tables without
 * pulling in a Unicode data dependency.
 */

// Made on first use: creating a grapheme segmenter loads ICU's break rules (~10 ms), which every
// run loading this module paid, tables of plain ASCII and csv output included.
let graphemeSegmenter: Intl.Segmenter | undefined;
const graphemes = (text: string): Intl.Segments => (graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text);

// Combining marks, variation selectors, zero-width joiners/spaces: no column of their own.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** True for code points that a terminal draws two columns wide. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) || // Hangul Jamo
    (codePoint >= 0x2e80 && codePoint <= 0x303e) || // CJK radicals, punctuation
    (codePoint >= 0x3041 && codePoint <= 0x33ff) || // Hiragana, Katakana, CJK symbols
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) || // CJK extension A
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) || // CJK unified ideographs
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) || // Yi
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) || // Hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // CJK compatibility ideographs
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) || // CJK compatibility forms
    (codePoint >= 0xff00 && codePoint <= 0xff60) || // Fullwidth forms
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) || // Misc symbols & pictographs, emoticons
    (codePoint >= 0x1f900 && codePoint <= 0x1f9ff) || // Supplemental symbols & pictographs
    (codePoint >= 0x20000 && codePoint <= 0x3fffd) // CJK extensions B…
  );
}

/** Columns one grapheme cluster occupies. */
function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  const first = grapheme.codePointAt(0) ?? 0;
  if (first < 0x20 || (first >= 0x7f && first < 0xa0)) return 0;
  if (isWide(first)) return 2;
  // Emoji presentation sequences (with VS16 or ZWJ) render wide even when the base is narrow.
  if (EMOJI.test(grapheme) && (grapheme.includes('\uFE0F') || grapheme.includes('\u200D'))) return 2;
  return 1;
}

/** Display width of `text` in terminal columns (no ANSI escapes expected). */
export function displayWidth(text: string): number {
  // Fast path: printable ASCII is one column per character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes(text)) width += graphemeWidth(segment);
  return width;
}

/**
 * Cut `text` to at most `width` columns, ending with `…` when something was cut. Never splits a
 * grapheme cluster (emoji sequences, letters with combining accents).
 */
export function truncateToWidth(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  const room = width - displayWidth(ellipsis);
  if (room < 0) return ellipsis.slice(0, width);
  let used = 0;
  let out = '';
  for (const { segment } of graphemes(text)) {
    const w = graphemeWidth(segment);
    if (used + w > room) break;
    out += segment;
    used += w;
  }
  return out + ellipsis;
}

/** Pad `text` with spaces on the right to `width` columns. */
export function padToWidth(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}
