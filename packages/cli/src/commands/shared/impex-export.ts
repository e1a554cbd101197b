/**
 * `hac impex export SCRIPT_FILE`: run an ImpEx export script and save the ZIP HAC produces, as a
 * browser downloads it from the export page. Loaded only when an export runs (start-up time).
 */
import { writeFile } from 'node:fs/promises';
import type { ExportMode, ImpexExportResult } from 'hac-client';
import { CliUsageError } from '../../errors.js';
import { formatJson } from '../../output/json.js';
import type { CliRuntime } from '../../runtime-types.js';
import { reportOperationFailure } from './failure.js';
import { withProgress } from './progress.js';

export interface ExportFlags {
  mode?: ExportMode;
  encoding?: string;
  zip?: string;
  force?: boolean;
}

/** `label` names the export for the spinner (`exporting products.impex… 3s`). */
export async function runExport(runtime: CliRuntime, script: string, flags: ExportFlags, label: string): Promise<void> {
  const { output } = runtime;
  const client = await runtime.client();
  const request = client.exportImpex(script, {
    ...(flags.mode !== undefined && { mode: flags.mode }),
    ...(flags.encoding !== undefined && { encoding: flags.encoding }),
    signal: runtime.signal,
  });
  const result = await withProgress(runtime, label, request);
  const json = output.format('table') === 'json';
  if (!result.success || result.zip === null) {
    if (json) output.data(formatJson(summary(result, null)));
    reportOperationFailure(output, `export failed: ${result.error ?? result.message}`);
    return;
  }
  const target = flags.zip ?? result.zipFileName ?? 'export.zip';
  if (target === '-') {
    await writeStdout(result.zip);
    output.info(`${result.zipFileName ?? 'export'}: ${result.files.length} file${result.files.length === 1 ? '' : 's'} written to stdout`);
    return;
  }
  try {
    await writeFile(target, result.zip, { flag: flags.force === true ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliUsageError(`${target} exists: pass --force to overwrite it, or --zip to name another file`);
    throw error;
  }
  if (json) output.data(formatJson(summary(result, target)));
  else {
    const { printRecords } = await import('./console-output.js');
    printRecords(runtime, result.files.map((file) => ({ file: file.name, size: file.size })), { empty: 'the ZIP holds no files' });
  }
  output.info(`${result.message || 'export finished'}: saved ${target} (${result.zip.length} bytes)`);
}

function summary(result: ImpexExportResult, savedTo: string | null): Record<string, unknown> {
  const { success, message, error, zipFileName } = result;
  return { success, message, error, zipFileName, savedTo, files: result.files.map((file) => ({ name: file.name, size: file.size })) };
}

/** The ZIP bytes on stdout, waiting for the pipe to take them. */
function writeStdout(bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}
