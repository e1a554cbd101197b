/**
 * Scripts and ImpEx: `groovy_rollback` (scripting-rollback), `groovy_commit` and `impex_import`
 * (write), `impex_validate` (read: HAC checks the script without importing it).
 */
import type { GroovyScriptResult, ImpexResult } from 'hac-client';
import { z } from '../sdk.js';
import { cutText, OUTPUT_FILE_DESCRIPTION, writeOutputFile, type Budget } from '../budget.js';
import { defineTool, type ToolAnswer } from '../tool-kit.js';

const scriptArguments = {
  script: z.string().min(1).max(200_000).describe('Groovy script; its return value and what it prints come back'),
  outputFile: z.string().min(1).max(130).optional().describe(OUTPUT_FILE_DESCRIPTION.replace('.csv or .json', '.json')),
};

const scriptResult = {
  environment: z.string(),
  endpoint: z.string(),
  success: z.boolean(),
  committed: z.boolean().describe('false: every change was rolled back'),
  result: z.string().describe("String value of the script's return value"),
  output: z.string().describe('What the script printed'),
  stacktrace: z.string().describe('Stack trace of a failure, empty on success'),
  executionTimeMs: z.number(),
  truncated: z.string().nullable(),
  outputFile: z.object({ path: z.string(), bytes: z.number().int() }).nullable(),
};

async function scriptAnswer(
  run: GroovyScriptResult,
  target: { environment: string; endpoint: string; sessionEnvironment: string },
  budget: Budget,
  outputFile: string | undefined,
): Promise<ToolAnswer<z.infer<z.ZodObject<typeof scriptResult>>>> {
  const file = outputFile !== undefined ? await writeOutputFile(budget, outputFile, { kind: 'json', value: { success: run.success, result: run.executionResult, output: run.outputText, stacktrace: run.stacktraceText } }) : null;
  const share = Math.floor(budget.maxChars / 3);
  const result = cutText(run.executionResult, share);
  const output = cutText(run.outputText, share, true);
  const stacktrace = cutText(run.stacktraceText, share);
  const cuts = [result.charsCut > 0 ? 'result' : '', output.charsCut > 0 ? 'output (its end is kept)' : '', stacktrace.charsCut > 0 ? 'stack trace' : ''].filter(Boolean);
  const truncated = cuts.length > 0 ? `The ${cuts.join(', ')} ${cuts.length > 1 ? 'were' : 'was'} shortened: return or print less${file ? '' : ', or pass outputFile for the full text'}.` : null;
  const structured = {
    environment: target.environment,
    endpoint: target.endpoint,
    success: run.success,
    committed: run.commitMode,
    result: result.text,
    output: output.text,
    stacktrace: stacktrace.text,
    executionTimeMs: run.executionTimeMs,
    truncated,
    outputFile: file,
  };
  const mode = run.commitMode ? 'committed' : 'rolled back';
  const text = run.success
    ? [`Script ran on ${target.sessionEnvironment} (${mode}, ${run.executionTimeMs} ms).`, `Result: ${result.text}`, output.text ? `Output:\n${output.text}` : 'Output: (none)']
    : [`Script failed on ${target.sessionEnvironment} (${mode}):`, stacktrace.text || '(HAC gave no stack trace: the cause is in the server log)', output.text ? `Output before the failure:\n${output.text}` : ''];
  if (file) text.push(`Full result written to ${file.path}.`);
  if (truncated) text.push(truncated);
  return { structured, text: text.filter(Boolean).join('\n'), outcome: run.success ? 'ok' : 'failed', ...(run.success ? {} : { reason: (run.stacktraceText.split('\n')[0] ?? '') || 'script failed' }) };
}

export const groovyRollbackTool = defineTool({
  name: 'groovy_rollback',
  title: 'Groovy script, rolled back',
  description:
    "Run a Groovy script in HAC's scripting console in rollback mode: database changes made through the transaction are undone when it ends, but side effects outside it (sent e-mails, files, started cron jobs, caches) are not. Spring beans are available by name (flexibleSearchService, modelService…). Returns the return value, the printed output or the stack trace. Needs the \"scripting-rollback\" right.",
  right: 'scripting-rollback',
  writes: false,
  input: scriptArguments,
  output: scriptResult,
  script: (input) => input.script,
  async run({ input, target, client, budget, signal }) {
    const run = await client.executeGroovy(input.script, { commit: false, signal });
    return scriptAnswer(run, target, budget, input.outputFile);
  },
});

export const groovyCommitTool = defineTool({
  name: 'groovy_commit',
  title: 'Groovy script, committed',
  description:
    'Run a Groovy script in commit mode: its changes are KEPT. Try it with groovy_rollback first. Needs the "write" right; on a protected environment a human must confirm each run.',
  right: 'write',
  writes: true,
  input: scriptArguments,
  output: scriptResult,
  script: (input) => input.script,
  confirmation: (input) => `run this Groovy script in COMMIT mode (changes are kept):\n\n${input.script.slice(0, 4000)}${input.script.length > 4000 ? '\n…' : ''}`,
  async run({ input, target, client, budget, signal }) {
    const run = await client.executeGroovy(input.script, { commit: true, signal });
    return scriptAnswer(run, target, budget, input.outputFile);
  },
});

const impexArguments = {
  impex: z.string().min(1).max(2_000_000).describe('ImpEx script text (header lines, then value lines; ; separated)'),
  validationMode: z.enum(['strict', 'relaxed']).default('strict').describe('strict: unknown attributes and missing mandatory values fail'),
};

const impexResult = {
  environment: z.string(),
  endpoint: z.string(),
  success: z.boolean(),
  message: z.string().describe("HAC's summary"),
  error: z.string().nullable(),
  unresolvedLines: z.array(z.string()).describe('Lines HAC could not import'),
  log: z.string(),
  truncated: z.string().nullable(),
};

function impexAnswer(result: ImpexResult, target: { environment: string; endpoint: string; sessionEnvironment: string }, budget: Budget): ToolAnswer<z.infer<z.ZodObject<typeof impexResult>>> {
  const log = cutText(result.output, Math.floor(budget.maxChars / 2));
  const lines = result.validationErrors.slice(0, Math.max(1, budget.maxRows));
  const cut = result.validationErrors.length - lines.length;
  const truncated = log.charsCut > 0 || cut > 0 ? `${cut > 0 ? `${cut} more unresolved line(s) not shown. ` : ''}${log.charsCut > 0 ? 'The log was shortened. ' : ''}Import smaller parts to see everything.` : null;
  const structured = {
    environment: target.environment,
    endpoint: target.endpoint,
    success: result.success,
    message: result.message,
    error: result.error,
    unresolvedLines: lines,
    log: log.text,
    truncated,
  };
  const text = [
    `${result.validateOnly ? 'Validation' : 'Import'} on ${target.sessionEnvironment}: ${result.message}`,
    ...(result.error ? [result.error] : []),
    ...(lines.length > 0 ? ['Unresolved lines:', ...lines] : []),
    ...(truncated ? [truncated] : []),
  ].join('\n');
  return { structured, text, outcome: result.success ? 'ok' : 'failed', rows: result.validationErrors.length, ...(result.success ? {} : { reason: result.error ?? result.message }) };
}

export const impexValidateTool = defineTool({
  name: 'impex_validate',
  title: 'Validate ImpEx',
  description: 'Check an ImpEx script with HAC without importing anything: header errors and the lines that would fail. Use before impex_import.',
  right: 'read',
  writes: false,
  input: impexArguments,
  output: impexResult,
  script: (input) => input.impex,
  async run({ input, target, client, budget, signal }) {
    return impexAnswer(await client.validateImpex(input.impex, { validationMode: input.validationMode, signal }), target, budget);
  },
});

export const impexImportTool = defineTool({
  name: 'impex_import',
  title: 'Import ImpEx',
  description:
    'Import an ImpEx script: items are created, updated or removed for real, line by line (lines that fail are listed; the others stay imported). Validate it with impex_validate first. Needs the "write" right; on a protected environment a human must confirm.',
  right: 'write',
  writes: true,
  input: impexArguments,
  output: impexResult,
  script: (input) => input.impex,
  confirmation: (input) => `import this ImpEx (${input.validationMode}):\n\n${input.impex.slice(0, 4000)}${input.impex.length > 4000 ? '\n…' : ''}`,
  async run({ input, target, client, budget, signal }) {
    return impexAnswer(await client.importImpex(input.impex, { validationMode: input.validationMode, signal }), target, budget);
  },
});
