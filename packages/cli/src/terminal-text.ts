/**
 * The one place where text meets a terminal. Server text (a Groovy result, a stack trace, an error
 * message) and config text (environment names) may hold control characters; written raw, an ESC
 * sequence would drive the terminal: OSC 52 writes the clipboard, OSC 0 sets the title, CSI moves the
 * cursor to overwrite what was printed. On a terminal every control character except tab and newline
 * is shown as a visible symbol instead (ESC as `␛`, BEL as `␇`); a pipe or a file gets the exact text.
 *
 * The only sequences kept are SGR styles of the kind hac itself prints with picocolors (bold, dim,
 * italic, underline, a foreground colour other than black, and their resets): they restyle text but
 * cannot hide it, move the cursor, or reach the clipboard or the title.
 */

/** C0 controls but tab and newline, DEL, and C1 controls. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const STYLE = '(?:0|1|2|3|4|22|23|24|39|3[1-7]|9[0-7])';
const KEPT_OR_CONTROL = new RegExp(`\x1b\\[(?:${STYLE}(?:;${STYLE})*)?m|\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f]`, 'g');

/** A visible stand-in for one control character: its Control Pictures symbol (C1 has none: `�`). */
export function visibleControl(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\uFFFD';
}

/** `text` as it may be shown on a terminal: control characters visible, tab/newline/CRLF and hac's styles kept. */
export function escapeForTerminal(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(KEPT_OR_CONTROL, (match) => (match.length > 1 ? match : visibleControl(match)));
}

/** Whatever `stream` is, the text it may be given: escaped for a terminal, exact for a pipe or file. */
export function textFor(stream: { isTTY?: boolean }, text: string): string {
  return stream.isTTY === true ? escapeForTerminal(text) : text;
}

/** Write `text` to `stream` (stdout or stderr), escaped when the stream is a terminal. */
export function writeText(stream: NodeJS.WritableStream & { isTTY?: boolean }, text: string): void {
  stream.write(textFor(stream, text));
}
