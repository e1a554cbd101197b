/**
 * Where a command's text (script, query, ImpEx) comes from: the argument, `-f FILE`, or standard input
 * (`-` or piped). Pure apart from the injected readers, so the rules are unit-tested.
 *
 * A file is read exactly once, as a stream to its end: `<(…)` process substitutions, named pipes and
 * `/dev/stdin` report size 0 and cannot be read a second time, so its bytes are kept with the text.
 */
import { statSync } from 'node:fs';
import { CONVERT_TO_UTF8, decodeText } from '../../decode-text.js';
import { CliUsageError } from '../../errors.js';

export interface InputRequest {
  /** The positional argument, if given. */
  positional?: string | undefined;
  /** `-f FILE`; `true` when `-f` came without a value (Python style: the positional is a file). */
  file?: string | boolean | undefined;
  /** What the text is, for messages: `script`, `query`, `ImpEx file`. */
  what: string;
  /** Read a positional that names an existing file as that file (the Python CLI does for scripts). */
  positionalMayBeFile?: boolean;
  /** File name endings that mean "this is a file" even when it does not exist (error instead of running it). */
  fileExtensions?: readonly string[];
  /** Character encoding of files and standard input (a WHATWG label such as `ISO-8859-1`). @default 'UTF-8' */
  encoding?: string | undefined;
  /** The command's option that sets `encoding` (`--encoding`), named when the input does not decode. */
  encodingOption?: string;
}

export interface InputSources {
  /** The whole content of `path`, read to its end (never by its reported size). */
  readFile(path: string): Promise<Uint8Array>;
  /** Standard input: bytes (decoded here with the request's encoding) or text already decoded. */
  readStdin(): Promise<Uint8Array | string>;
  /** Whether `path` names something to read: a regular file, a FIFO (`<(…)`) or a device such as `/dev/stdin`. */
  isFile(path: string): boolean;
  stdinIsTTY: boolean;
}

export interface ResolvedInput {
  text: string;
  /** Where the text came from: `argument`, `stdin`, or the file path. */
  origin: string;
  /** The file path when read from a file. */
  path?: string;
  /** The bytes, undecoded, when read from a file or stdin (neither may be readable again). */
  bytes?: Uint8Array;
}

/** Decode input bytes strictly: not valid in the encoding is a usage error naming the fix. */
function decode(bytes: Uint8Array, request: InputRequest, origin: string): string {
  const option = request.encodingOption;
  const fix = option ? `give its encoding with ${option} (e.g. ${option} ISO-8859-1)` : CONVERT_TO_UTF8;
  return decodeText(bytes, request.encoding ?? 'UTF-8', `the ${request.what} from ${origin}`, fix);
}

/** The default sources: the file system and the runtime's stdin reader (bytes: `runtime.readStdinBytes`). */
export function nodeInputSources(readStdin: () => Promise<Uint8Array | string>): InputSources {
  return {
    // fs.readFile reads non-regular files (size 0) in chunks until end of file. Loaded here, not by
    // the module: an inline script (`hac groovy 'return 1'`) reads no file, and `node:fs/promises`
    // costs a run ~1 ms to load.
    readFile: async (path) => (await import('node:fs/promises')).readFile(path),
    readStdin,
    isFile: (path) => {
      try {
        const info = statSync(path, { throwIfNoEntry: false });
        return info !== undefined && (info.isFile() || info.isFIFO() || info.isCharacterDevice());
      } catch {
        return false; // e.g. EACCES on a parent directory: not something to read
      }
    },
    // A getter: `process.stdin` is a stream built on first access, needed only when no input was named.
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
  };
}

async function fromFile(path: string, request: InputRequest, sources: InputSources): Promise<ResolvedInput> {
  const { what } = request;
  try {
    const bytes = await sources.readFile(path);
    return { text: decode(bytes, request, path), origin: path, path, bytes };
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new CliUsageError(`cannot read ${what} ${path}: ${reason}`, { cause: error });
  }
}

async function fromStdin(request: InputRequest, sources: InputSources): Promise<ResolvedInput> {
  const read = await sources.readStdin();
  if (typeof read === 'string') return { text: read, origin: 'stdin' };
  return { text: decode(read, request, 'stdin'), origin: 'stdin', bytes: read };
}

/**
 * Resolve the text of a command. Rules, in order: `-f FILE` (`-f -` is stdin); `-f` without value
 * reads the positional as a file; `-` is stdin; with `positionalMayBeFile` an existing file named by
 * the positional is read; otherwise the positional is the text itself; with no positional, piped
 * stdin is read. Empty text is a usage error.
 */
export async function resolveInput(request: InputRequest, sources: InputSources): Promise<ResolvedInput> {
  const { positional, file, what } = request;
  let input: ResolvedInput;
  if (typeof file === 'string') {
    if (positional !== undefined) throw new CliUsageError(`give the ${what} either as an argument or with -f FILE, not both`);
    input = file === '-' ? await fromStdin(request, sources) : await fromFile(file, request, sources);
  } else if (file === true) {
    if (positional === undefined) throw new CliUsageError(`-f needs a file name`);
    input = positional === '-' ? await fromStdin(request, sources) : await fromFile(positional, request, sources);
  } else if (positional === '-') {
    input = await fromStdin(request, sources);
  } else if (positional !== undefined) {
    const looksLikeFile = request.fileExtensions?.some((ext) => positional.toLowerCase().endsWith(ext)) ?? false;
    if ((request.positionalMayBeFile ?? false) && (looksLikeFile || sources.isFile(positional))) {
      input = await fromFile(positional, request, sources);
    } else {
      input = { text: positional, origin: 'argument' };
    }
  } else if (!sources.stdinIsTTY) {
    input = await fromStdin(request, sources);
  } else {
    throw new CliUsageError(`missing ${what}: pass it as an argument, with -f FILE, or on standard input`);
  }
  if (input.text.trim() === '') throw new CliUsageError(`the ${what} from ${input.origin} is empty`);
  return input;
}
