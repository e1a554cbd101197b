/**
 * The rendered-help cache: the launcher prints the help of `hac --help`, `hac -h`, `hac help`, `hac`
 * alone, and of a command (`hac groovy --help`, `hac help fs`, `hac session start -h`) from a file
 * beside the code cache, without loading commander or a bundle. A run that finds no valid entry
 * renders the help as before, and the launcher stores what commander printed when that run showed
 * help and nothing else (`shownHelp` of `main.ts`).
 *
 * An entry holds one command line's output for one set of everything that output depends on: the
 * bundles (their content hashes), Node's version, the command line itself, and the stream's width
 * and colour inputs (`help-context.ts`, which rendering uses too); with it the stream it goes to
 * and the exit code (`hac` alone: stderr, 2). Help text holds nothing secret, and a command line
 * is stored only when each of its words is a help word or names the command whose help it printed,
 * so no script, query, value or password ever reaches the file.
 *
 * The file is read whole, once, and printed only when its header names this exact key and the body
 * has the length and checksum written with it: a truncated or damaged file is rendered again.
 */
import type * as NodeFs from 'node:fs';
import type * as NodePath from 'node:path';
import { helpOutputContext } from '../help-context.js';
import type { ShownHelp } from '../help.js';
import { writeToDescriptor } from '../stdio.js';
import { privateDirectory, writeCache } from './compile-cache.js';
import { checksum, fnv1a } from './short-hash.js';

const fs = (): typeof NodeFs => process.getBuiltinModule('node:fs');
const path = (): typeof NodePath => process.getBuiltinModule('node:path');

/** Changes when the file's layout does (older files then fail the key check and are replaced). */
const FORMAT = 'hac-rendered-help/1';
const PREFIX = 'rendered-help-';
/** Entries kept per build: one per command line and terminal width in use, so a handful in practice. */
const MAX_ENTRIES = 64;

const HELP_WORDS = new Set(['--help', '-h', 'help']);
const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * A command line that may be a cached help: none at all, or help words (`--help`, `-h`, `help`) with
 * words that may name commands. Cheap: it is asked on every run.
 */
export function mayBeCachedHelp(argv: readonly string[]): boolean {
  return argv.length === 0 || (argv.some((arg) => HELP_WORDS.has(arg)) && argv.every((arg) => HELP_WORDS.has(arg) || COMMAND_NAME.test(arg)));
}

export interface HelpCacheEntry {
  dir: string;
  file: string;
  key: string;
  /** Where this command line's help goes: stderr for `hac` alone (with exit code 2), else stdout. */
  stream: 'stdout' | 'stderr';
  /** The stream's width and colour inputs (JSON), part of the key. */
  context: string;
  /** Files of this build start with it. */
  buildPrefix: string;
}

/** Where the entry of `argv` lives and the key it must hold. On a terminal this builds the stream. */
export function helpCacheEntry(dir: string, hashes: { readonly cli: string; readonly help: string; readonly [hot: string]: string }, argv: readonly string[]): HelpCacheEntry {
  const stream = argv.length === 0 ? 'stderr' : 'stdout';
  const inputs = helpOutputContext(stream, process.env);
  const context = JSON.stringify(inputs);
  // Every bundle's hash (the hot ones render their command's help too).
  const key = JSON.stringify([FORMAT, hashes, process.version, argv, inputs]);
  const buildPrefix = `${PREFIX}${hashes.cli}-${hashes.help}-`;
  return { dir, file: path().join(dir, `${buildPrefix}${fnv1a(key)}`), key, stream, context, buildPrefix };
}

/**
 * Print the cached help of `entry` and set the exit code; false (nothing printed) when there is no
 * valid entry, or the directory is not private (another user could have written the file).
 */
export function printCachedHelp(entry: HelpCacheEntry): boolean {
  if (!privateDirectory(entry.dir)) return false;
  let data: Buffer;
  try {
    data = fs().readFileSync(entry.file);
  } catch {
    return false;
  }
  const body = validBody(data, entry);
  if (body === undefined) return false;
  writeToDescriptor(body.stream, body.bytes);
  process.exitCode = body.exitCode;
  return true;
}

/** The header line is `[key, stream, exitCode, length, checksum]` as JSON; the body follows. */
function validBody(data: Buffer, entry: HelpCacheEntry): { stream: 'stdout' | 'stderr'; exitCode: number; bytes: Buffer } | undefined {
  const end = data.indexOf(0x0a);
  if (end < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(data.toString('utf8', 0, end));
  } catch {
    return undefined;
  }
  if (!Array.isArray(header) || header.length !== 5) return undefined;
  const [key, stream, exitCode, length, sum] = header as unknown[];
  const bytes = data.subarray(end + 1);
  if (key !== entry.key || stream !== entry.stream || !Number.isInteger(exitCode) || bytes.length !== length || checksum(bytes) !== sum) return undefined;
  return { stream: entry.stream, exitCode: exitCode as number, bytes };
}

/**
 * Store what a rendering run printed, when it printed help and nothing else, with the exit code the
 * process ends with, on the stream and at the width and colours the entry was keyed on (a terminal
 * resized during the run is not stored), and for a command line of help words and the names of the
 * command whose help it is.
 */
export function storeShownHelp(entry: HelpCacheEntry, argv: readonly string[], shown: ShownHelp | undefined, exitCode: number): void {
  if (shown === undefined || shown.exitCode !== exitCode || shown.stream !== entry.stream || !namesCommand(argv, shown.commandPath)) return;
  if (JSON.stringify(helpOutputContext(entry.stream, process.env)) !== entry.context || !privateDirectory(entry.dir)) return;
  const body = Buffer.from(shown.text);
  const header = JSON.stringify([entry.key, shown.stream, exitCode, body.length, checksum(body)]);
  writeCache(entry.dir, entry.file, Buffer.concat([Buffer.from(`${header}\n`), body]), { stalePrefix: PREFIX, keepPrefix: entry.buildPrefix });
  removeExtraEntries(entry);
}

/** The words of `argv` other than help words are the names (or aliases) of `commandPath`, in order. */
function namesCommand(argv: readonly string[], commandPath: readonly (readonly string[])[]): boolean {
  const words = argv.filter((arg) => !HELP_WORDS.has(arg));
  return words.length === commandPath.length && words.every((word, level) => commandPath[level]?.includes(word) === true);
}

/** Over `MAX_ENTRIES` of this build (many terminal widths): keep the new one, render the others again when asked. */
function removeExtraEntries(entry: HelpCacheEntry): void {
  const { readdirSync, unlinkSync } = fs();
  try {
    const names = readdirSync(entry.dir).filter((name) => name.startsWith(entry.buildPrefix));
    if (names.length <= MAX_ENTRIES) return;
    const kept = path().basename(entry.file);
    for (const name of names) if (name !== kept) unlinkSync(path().join(entry.dir, name));
  } catch {
    // a cache is only a shortcut
  }
}
