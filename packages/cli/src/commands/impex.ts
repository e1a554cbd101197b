/**
 * `hac impex import|validate|export [FILE|-]`: import, validate or export ImpEx. Also accepts the Python
 * CLI's form `hac impex --file F [--validation MODE]` (no action = import).
 *
 * One command with an optional ACTION argument rather than commander subcommands: the Python form
 * puts options on `impex` itself, and commander would then consume them before any subcommand.
 */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import type { ExportMode, ImpexImportOptions, ImpexResult, ImpexValidationMode } from 'hac-client';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { CliUsageError } from '../errors.js';
// Only the tiny JSON formatter: the table/CSV code is not needed here (start-up time).
import { formatJson } from '../output/json.js';
import { reportOperationFailure } from './shared/failure.js';
import { nodeInputSources, resolveInput } from './shared/input.js';
import { integerAtLeast } from './shared/options.js';
import { withProgress } from './shared/progress.js';
import { awaitServerWork } from './shared/server-work.js';

const ACTIONS = ['import', 'validate', 'export'] as const;
type ImpexAction = (typeof ACTIONS)[number];

interface ImpexFlags {
  file?: string;
  validation: ImpexValidationMode;
  maxThreads?: number;
  encoding?: string;
  legacyMode?: boolean;
  enableCodeExecution?: boolean;
  distributed?: boolean;
  sld?: boolean;
  mode?: ExportMode;
  zip?: string;
  force?: boolean;
}

/** Split `[action] [file]` into the action and the file, accepting `hac impex FILE` as an import. */
export function parseImpexArguments(first: string | undefined, second: string | undefined): { action: ImpexAction; file: string | undefined } {
  const action = ACTIONS.find((a) => a === first);
  if (action) return { action, file: second };
  if (second !== undefined) throw new CliUsageError(`unknown impex action '${first}': expected import, validate or export`);
  return { action: 'import', file: first };
}

/** Library options from the flags (only what was given, so the library defaults apply). */
export function impexOptions(flags: ImpexFlags, signal: AbortSignal): ImpexImportOptions {
  return {
    validationMode: flags.validation,
    ...(flags.maxThreads !== undefined && { maxThreads: flags.maxThreads }),
    ...(flags.encoding !== undefined && { encoding: flags.encoding }),
    ...(flags.legacyMode === true && { legacyMode: true }),
    ...(flags.enableCodeExecution === true && { enableCodeExecution: true }),
    ...(flags.distributed === true && { distributedMode: true }),
    ...(flags.sld === true && { sldEnabled: true }),
    signal,
  };
}

/** The stderr report of a failed import/validation: HAC's summary, then the unresolved lines. */
export function impexFailureText(result: ImpexResult): string {
  const lines = [`${result.validateOnly ? 'validation' : 'import'} failed: ${result.error ?? result.message}`];
  for (const line of result.validationErrors) lines.push(`  ${line}`);
  if (result.validationErrors.length === 0 && result.output !== '') lines.push(result.output);
  return lines.join('\n');
}

export function register(program: Command, runtime: CliRuntime): void {
  const command = program.command('impex');
  withExamples(command, [
    'hac impex validate products.impex',
    'hac impex import products.impex --validation relaxed',
    'hac impex --file products.impex  # the Python CLI form: import',
    'cat users.impex | hac impex import -',
    'hac impex export export-products.impex --zip products.zip',
  ]);
  command
    .description('import, validate or export ImpEx (import is the default action)')
    .argument('[action]', 'import | validate | export (default: import)')
    .argument('[file]', 'ImpEx file (for export: the export script), or - for stdin (piped stdin is read when omitted)')
    .option('-f, --file <path>', 'ImpEx file (the Python CLI form; - for stdin)')
    .addOption(
      new Option('-v, --validation <mode>', 'validation mode')
        .choices(['import_strict', 'import_relaxed', 'strict', 'relaxed'])
        .default('import_strict'),
    )
    .option('--max-threads <n>', 'import worker threads', integerAtLeast(1))
    .option('--encoding <name>', 'file encoding (default: UTF-8)')
    .option('--legacy-mode', 'use the legacy (jalo) import mode')
    .option('--enable-code-execution', 'allow code execution (#% lines) in the script')
    .option('--distributed', 'distributed ImpEx')
    .option('--sld', 'service layer direct persistence')
    .addOption(new Option('--mode <mode>', 'export: what the ZIP holds (default: export_only)').choices(['export_only', 'export_reimport_strict', 'export_reimport_relaxed']))
    .option('--zip <path>', "export: where to save the ZIP (- for stdout; default: HAC's file name in the current directory)")
    .option('--force', 'export: overwrite an existing --zip file')
    .action(async (first: string | undefined, second: string | undefined, flags: ImpexFlags) => {
      const { action, file } = parseImpexArguments(first, second);
      if (file !== undefined && flags.file !== undefined) throw new CliUsageError('give the ImpEx file either as an argument or with --file, not both');
      if (action !== 'export' && (flags.mode !== undefined || flags.zip !== undefined || flags.force === true)) {
        throw new CliUsageError('--mode, --zip and --force belong to impex export');
      }
      // The argument is always a file name (or -), never ImpEx text.
      const input = await resolveInput(
        { file: file ?? flags.file, what: 'ImpEx script', encoding: flags.encoding, encodingOption: '--encoding' },
        nodeInputSources(() => runtime.readStdinBytes()),
      );
      const scriptName = input.path !== undefined ? basename(input.path) : 'the ImpEx script';
      if (action === 'export') {
        // Exporting reads data: no guard rail. The ZIP download is what a browser does on the page.
        const { runExport } = await import('./shared/impex-export.js');
        return runExport(runtime, input.text, flags, `exporting ${scriptName}`);
      }
      if (action === 'import') await runtime.guard('import', 'impex import');
      const client = await runtime.client();
      const options = impexOptions(flags, runtime.signal);
      // A file or stdin is imported through HAC's upload form, as a browser does: its bytes go
      // unchanged (HAC decodes them with --encoding; they were checked to decode) and no form-size
      // limit applies. Validation has no upload form. The bytes already read are sent: stdin, `<(…)`
      // or a named pipe cannot be read a second time.
      const request =
        action === 'validate'
          ? client.validateImpex(input.text, options)
          : runtime.auditWrite(
              'impex import',
              input.text,
              () =>
                input.bytes !== undefined
                  ? client.importImpexFile({ name: input.path !== undefined ? basename(input.path) : 'stdin.impex', content: input.bytes }, options)
                  : client.importImpex(input.text, options),
              (r) => ({ ok: r.success, ...(r.error !== null ? { reason: r.error } : {}) }),
            );
      const label = action === 'validate' ? 'validating' : 'importing';
      const result = await awaitServerWork(
        runtime,
        { what: action === 'validate' ? 'the validation' : 'the import' },
        withProgress(runtime, `${label} ${scriptName}`, request),
      );

      const { output } = runtime;
      if (output.format('table') === 'json') {
        // The Python CLI's field names (`jq -e .success`), then ours.
        const { success, level, message, output: log, error, validationErrors } = result;
        output.data(formatJson({ success, output: log, validation_errors: validationErrors, error, level, message }));
        if (!success) reportOperationFailure(output, impexFailureText(result));
        return;
      }
      if (!result.success) {
        reportOperationFailure(output, impexFailureText(result));
        return;
      }
      output.info(result.message);
      if (result.output !== '') output.data(`${result.output}\n`);
    });
}
