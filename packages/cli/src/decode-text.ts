/**
 * Bytes to text for everything `hac` reads (standard input, script and ImpEx files): decoded strictly,
 * so that bytes that are not valid in the encoding stop the command with a usage error instead of
 * becoming U+FFFD in what is sent to HAC (a Latin-1 file read as UTF-8 lost every accent silently).
 */
import { TextDecoder } from 'node:util';
import { CliUsageError } from './errors.js';

/** How to fix input that is not UTF-8 when the command has no encoding option. */
export const CONVERT_TO_UTF8 = 'convert it to UTF-8 first (e.g. iconv -f ISO-8859-1 -t UTF-8)';

/**
 * `bytes` decoded with `encoding` (a WHATWG label such as `UTF-8` or `ISO-8859-1`); a byte order mark
 * is dropped. An unknown label, or bytes invalid in the encoding, is a `CliUsageError`:
 * `${what} is not valid ${encoding}: ${fix}`.
 */
export function decodeText(bytes: Uint8Array, encoding: string, what: string, fix: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch (error) {
    throw new CliUsageError(`unknown encoding '${encoding}'`, { cause: error });
  }
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new CliUsageError(`${what} is not valid ${encoding}: ${fix}`, { cause: error });
  }
}
