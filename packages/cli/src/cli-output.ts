import type { CliOutput, OutputFormat } from './runtime-types.js';
import { chosenFormat, type GlobalOptions } from './global-options.js';
import { AtomicOutputFile } from './output-file.js';
import { textFor, writeText } from './terminal-text.js';

/** Read on each use: they may be getters, so that a run that never writes builds no stream. */
export interface OutputStreams {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: Record<string, string | undefined>;
  /**
   * Whether a stream is a terminal, told without building it where possible (a pipe or a file is
   * none: `process.stderr` need not be built to know that). Default: the stream's `isTTY`.
   */
  isTerminal?(name: 'stdout' | 'stderr'): boolean;
}

/** `CliOutput` plus the end of the data stream (`--output FILE` is kept or dropped then). */
export interface CliOutputSink extends CliOutput {
  /** Keep the data written to `--output FILE` (`ok`), or leave FILE as it was. No-op without `--output`. */
  finish(ok: boolean): void;
}

/**
 * `CliOutput` bound to the global options. Options are read on each call because the runtime exists
 * before commander has parsed the command line.
 */
export function createOutput(options: () => GlobalOptions, streams: OutputStreams): CliOutputSink {
  // The stream is taken only for a text to write: nothing to say builds no stream (start-up time).
  const write = (name: 'stdout' | 'stderr', text: string): void => {
    if (text === '') return;
    // Server text may hold ESC sequences: a terminal gets them escaped (see terminal-text.ts).
    writeText(streams[name], text.endsWith('\n') ? text : `${text}\n`);
  };
  const isTerminal = (name: 'stdout' | 'stderr'): boolean => (streams.isTerminal ? streams.isTerminal(name) : streams[name].isTTY === true);
  let file: AtomicOutputFile | undefined;
  // `-o -` is stdout, as for most tools.
  const outputPath = (): string | undefined => {
    const path = options().output;
    return path === undefined || path === '-' ? undefined : path;
  };
  return {
    format: (defaultFormat: OutputFormat) => chosenFormat(options()) ?? defaultFormat,
    data(text) {
      const path = outputPath();
      if (path === undefined) return write('stdout', text);
      if (text === '') return;
      file ??= new AtomicOutputFile(path);
      file.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    writeData(text) {
      if (text === '') return Promise.resolve();
      const path = outputPath();
      if (path !== undefined) {
        // As given: the pieces of one document (a JSON array written page by page) join up exactly.
        file ??= new AtomicOutputFile(path);
        file.write(text);
        return Promise.resolve();
      }
      const { stdout } = streams;
      return new Promise<void>((resolve, reject) => {
        stdout.write(textFor(stdout, text), (error) => (error ? reject(error) : resolve()));
      });
    },
    finish(ok) {
      const path = outputPath();
      if (path === undefined) return;
      file ??= new AtomicOutputFile(path);
      file.finish(ok);
    },
    info: (text) => {
      if (!options().quiet) write('stderr', text);
    },
    warn: (text) => write('stderr', text),
    error(text) {
      // Color codes per line: a terminal keeps no color across lines when the text is later cut.
      write('stderr', this.color ? text.replace(/[^\n]+/g, (line) => `\u001b[31m${line}\u001b[39m`) : text);
    },
    get stdoutIsTTY() {
      // Data for a file is never formatted for a terminal (no table by default, no colors).
      return outputPath() === undefined && isTerminal('stdout');
    },
    get stderrIsTTY() {
      return isTerminal('stderr');
    },
    get columns() {
      // An exported COLUMNS wins, as for ls and most terminal tools (and it makes widths testable).
      const fromEnv = Number(streams.env['COLUMNS']);
      if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
      return streams.stdout.columns || streams.stderr.columns || 80;
    },
    get color() {
      const noColor = streams.env['NO_COLOR'];
      return options().color !== false && !(noColor !== undefined && noColor !== '') && isTerminal('stderr');
    },
    get quiet() {
      return options().quiet === true;
    },
  };
}

/**
 * Width for tables: the terminal's, or unlimited when stdout is not a terminal (a file or a pipe
 * should not get URLs cut to fit 80 columns).
 */
export function tableWidth(output: CliOutput): number {
  return output.stdoutIsTTY ? output.columns : 10_000;
}

/** For table display: `null`/`undefined` as `-` rather than `NULL` (these are settings, not SQL rows). */
export function dashForNull(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value ?? '-']));
}

/** Format of row listings: the one chosen, else a table for people and tab-separated lines (as the Python CLI) when piped. */
export function rowsFormat(output: CliOutput): OutputFormat {
  return output.format(output.stdoutIsTTY ? 'table' : 'tsv');
}

/** Colors in data written to stdout: only when stdout itself is a terminal (never into a pipe or file). */
export function dataColor(output: CliOutput): boolean {
  return output.color && output.stdoutIsTTY;
}

/** For key/value tables: `defaultEndpoint` → `default endpoint` (JSON keeps the camelCase keys). */
export function humanKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`), value]));
}
