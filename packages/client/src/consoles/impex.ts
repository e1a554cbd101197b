import { basename } from 'node:path';
import { HacClientError } from '../errors.js';
import { nodeFsPromises } from '../internal/lazy.js';
import type { HacTransport } from '../internal/transport.js';
import type { ImpexImportOptions, ImpexResult, ImpexValidationMode } from '../models/impex.js';
import { parseImpexPage } from './parse-impex.js';
import { callFields, sendParsed } from './shape.js';

const VALIDATION_MODES: Record<ImpexValidationMode, 'IMPORT_STRICT' | 'IMPORT_RELAXED'> = {
  import_strict: 'IMPORT_STRICT',
  strict: 'IMPORT_STRICT',
  IMPORT_STRICT: 'IMPORT_STRICT',
  import_relaxed: 'IMPORT_RELAXED',
  relaxed: 'IMPORT_RELAXED',
  IMPORT_RELAXED: 'IMPORT_RELAXED',
};

const CHECKBOXES = ['legacyMode', 'enableCodeExecution', 'distributedMode', 'sldEnabled'] as const;

/** The form fields of HAC's ImpEx import page for these options (without the script). */
export function impexFormFields(options: ImpexImportOptions): Record<string, string> {
  const mode = options.validationMode ?? 'import_strict';
  const validationEnum = VALIDATION_MODES[mode];
  if (!validationEnum) {
    throw new HacClientError(`Unknown validationMode "${String(mode)}": use import_strict, import_relaxed, strict or relaxed`);
  }
  const maxThreads = options.maxThreads ?? 1;
  if (!Number.isInteger(maxThreads) || maxThreads < 1) {
    throw new HacClientError(`maxThreads must be a whole number of at least 1, got ${String(options.maxThreads)}`);
  }
  const fields: Record<string, string> = {
    validationEnum,
    maxThreads: String(maxThreads),
    encoding: options.encoding ?? 'UTF-8',
  };
  // Spring binds an unchecked checkbox only through its `_name` marker, so the markers always go,
  // and the box itself only when on, exactly as the browser form submits it.
  for (const box of CHECKBOXES) {
    if (options[box]) fields[box] = 'true';
    fields[`_${box}`] = 'on';
  }
  return fields;
}

/**
 * Import an ImpEx script. Resolves with `success: false` and the unresolved lines in
 * `validationErrors` when lines failed; HAC answers 200 either way.
 */
export async function importImpex(transport: HacTransport, content: string, options: ImpexImportOptions = {}): Promise<ImpexResult> {
  return submit(transport, '/console/impex/import', content, options, false);
}

/** Check an ImpEx script without importing anything (`/console/impex/import/validate`). */
export async function validateImpex(transport: HacTransport, content: string, options: ImpexImportOptions = {}): Promise<ImpexResult> {
  return submit(transport, '/console/impex/import/validate', content, options, true);
}

async function submit(
  transport: HacTransport,
  path: string,
  content: string,
  options: ImpexImportOptions,
  validateOnly: boolean,
): Promise<ImpexResult> {
  if (content.trim() === '') throw new HacClientError('The ImpEx script is empty: nothing to import');
  const form = { scriptContent: content, ...impexFormFields(options) };
  return sendParsed(transport, { method: 'POST', path, form, expect: 'html', ...callFields(options) }, (response) =>
    parseImpexPage(response.text(), validateOnly),
  );
}

/**
 * Import an ImpEx file through HAC's upload form (`/console/impex/import/upload`, multipart), as the
 * browser does for files; better than `importImpex` for large files in non-UTF-8 encodings, since the
 * bytes go unchanged and HAC decodes them with `encoding`.
 */
export async function importImpexFile(
  transport: HacTransport,
  file: string | { name: string; content: Buffer | Uint8Array },
  options: ImpexImportOptions = {},
): Promise<ImpexResult> {
  const { name, content } = typeof file === 'string' ? { name: basename(file), content: await readImpexFile(file) } : file;
  // The whole path in the message: the base name of `<(…)` (`/dev/fd/63`) alone says nothing.
  if (content.byteLength === 0) throw new HacClientError(`The ImpEx file ${typeof file === 'string' ? file : name} is empty: nothing to import`);
  const multipart = new FormData();
  multipart.append('file', new Blob([content], { type: 'application/octet-stream' }), name);
  for (const [key, value] of Object.entries(impexFormFields(options))) multipart.append(key, value);
  return sendParsed(
    transport,
    { method: 'POST', path: '/console/impex/import/upload', multipart, expect: 'html', ...callFields(options) },
    (response) => parseImpexPage(response.text(), false),
  );
}

/**
 * The file's bytes, read to the end of the file (never by its reported size, which is 0 for a named
 * pipe or `/dev/stdin`); an unreadable file is a `HacClientError` like every other failure of the library.
 */
async function readImpexFile(path: string): Promise<Buffer> {
  try {
    return await nodeFsPromises().readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new HacClientError(`Cannot read the ImpEx file ${path} (${code})`, { cause: error });
  }
}
