import type { CallOptions } from './common.js';

/**
 * How strictly ImpEx checks lines. The lower-case spellings are those of the Python CLI
 * (`strict` = `import_strict`); they map to HAC's `IMPORT_STRICT` / `IMPORT_RELAXED`.
 */
export type ImpexValidationMode = 'import_strict' | 'import_relaxed' | 'strict' | 'relaxed' | 'IMPORT_STRICT' | 'IMPORT_RELAXED';

/** Options of `importImpex`, `validateImpex` and `importImpexFile`. */
export interface ImpexImportOptions extends CallOptions {
  /** @default 'import_strict' */
  validationMode?: ImpexValidationMode;
  /** Worker threads of the import (≥ 1). @default 1 */
  maxThreads?: number;
  /** Encoding of the script. @default 'UTF-8' */
  encoding?: string;
  /** Use the legacy (jalo) import mode. @default false */
  legacyMode?: boolean;
  /** Allow `#%` bean shell / groovy code lines in the script. @default false */
  enableCodeExecution?: boolean;
  /** Distributed ImpEx (runs as a cron job on the cluster). @default false */
  distributedMode?: boolean;
  /** Service layer direct (SLD) persistence. @default false */
  sldEnabled?: boolean;
}

/** HAC's level of an ImpEx answer: `notice` on success, `error` on failure. */
export type ImpexLevel = 'notice' | 'error' | (string & {});

/**
 * The outcome of an ImpEx import or validation, read from the HTML page HAC answers with (always `200`).
 * Failed lines are not an error: `success` is `false` and `validationErrors` lists them.
 */
export interface ImpexResult {
  /** `true` when HAC reported level `notice` (import finished / script valid). */
  success: boolean;
  /** `true` for `validateImpex` (nothing was imported). */
  validateOnly: boolean;
  /** HAC's level: `notice` or `error`. */
  level: ImpexLevel;
  /** HAC's one-line summary, e.g. `Import finished successfully` or `Import has encountered problems`. */
  message: string;
  /** The detail box text (the import log, or the unresolved lines on failure), unescaped and trimmed. */
  output: string;
  /** On failure: the summary plus the first reason found, else `null`. */
  error: string | null;
  /** On failure: the lines HAC could not resolve, as HAC prints them (one entry per line, no blank lines). */
  validationErrors: string[];
}

/** Which export HAC produces: data only, or data plus a script that can re-import it. */
export type ExportMode =
  | 'export_only'
  | 'export_reimport_strict'
  | 'export_reimport_relaxed'
  | 'EXPORT_ONLY'
  | 'EXPORT_REIMPORT_STRICT'
  | 'EXPORT_REIMPORT_RELAXED';

/** Options of `exportImpex`. */
export interface ExportImpexOptions extends CallOptions {
  /** @default 'export_only' */
  mode?: ExportMode;
  /** @default 'UTF-8' */
  encoding?: string;
}

/** One file of an export ZIP. */
export interface ExportedFile {
  /** Name inside the ZIP, e.g. `importscript.impex`, `Product.csv`. */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** The file's text, decoded with the export's encoding. */
  content: string;
}

/** The outcome of an ImpEx export: HAC's summary and, on success, the downloaded ZIP. */
export interface ImpexExportResult {
  success: boolean;
  /** HAC's level: `notice` or `error`. */
  level: ImpexLevel;
  /** HAC's summary line. */
  message: string;
  /** On failure: the reason, else `null`. */
  error: string | null;
  /** Name of the ZIP HAC offered (`….zip`), `null` when the export failed. */
  zipFileName: string | null;
  /**
   * The ZIP as downloaded, `null` when the export failed. Not enumerable, so that `JSON.stringify`
   * and object spread leave the bytes out; save them with `writeFile(result.zipFileName, result.zip)`.
   */
  readonly zip: Buffer | null;
  /** The files inside the ZIP, decoded; empty when the export failed. */
  files: ExportedFile[];
}
