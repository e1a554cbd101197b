/**
 * `hac groovy [SCRIPT|-f FILE|-]`: run a script in HAC's scripting console. The return value goes
 * to stdout, what the script printed to stderr (as the Python CLI does), or both in one JSON document.
 */
import { Option, type Command } from 'commander';
import type { CliOutput, CliRuntime } from '../runtime-types.js';
import { dataColor } from '../cli-output.js';
import { withExamples } from '../help.js';
// Only the tiny JSON formatter: the table/CSV code is not needed here (start-up time).
import { formatJson } from '../output/json.js';
import { reportOperationFailure } from './shared/failure.js';
import { nodeInputSources, resolveInput } from './shared/input.js';
import { withProgress } from './shared/progress.js';
import { checkValueFlag } from './shared/query.js';
import { groovyRollbackNote } from './shared/rollback-notes.js';
import { awaitServerWork } from './shared/server-work.js';

interface GroovyFlags {
  file?: string | true;
  commit?: boolean;
  value?: boolean;
  type: 'groovy' | 'beanshell' | 'javascript';
}

/**
 * The result as printed: on a terminal labelled `===> ` as groovysh does, so that it stands apart
 * from what the script printed; into a pipe or file exactly HAC's text.
 */
export function labelResult(result: string, output: CliOutput): string {
  if (!output.stdoutIsTTY) return `${result}\n`;
  const label = dataColor(output) ? '\u001b[32m===>\u001b[39m ' : '===> ';
  return `${label}${result}\n`;
}

export function register(program: Command, runtime: CliRuntime): void {
  const command = program.command('groovy');
  withExamples(command, [
    "hac groovy 'return 1 + 1'",
    'hac groovy cleanup.groovy --commit',
    `echo 'println "hi"' | hac groovy --json`,
  ]);
  command
    .description('run a Groovy (or BeanShell/JavaScript) script; the result goes to stdout, its output to stderr')
    .argument('[script]', 'script text, a script file, or - for stdin (piped stdin is read when omitted)')
    .option('-f, --file [path]', 'read the script from a file (- for stdin); without a value, SCRIPT is the file')
    .option('-c, --commit', 'commit the transaction (default: roll back)')
    .option('--value', 'print only the result, bare, also on a terminal (for shell variables)')
    .addOption(new Option('--type <language>', 'script language').choices(['groovy', 'beanshell', 'javascript']).default('groovy'))
    .action(async (script: string | undefined, flags: GroovyFlags) => {
      const input = await resolveInput(
        { positional: script, file: flags.file, what: 'script', positionalMayBeFile: true, fileExtensions: ['.groovy', '.bsh', '.js'] },
        nodeInputSources(() => runtime.readStdinBytes()),
      );
      checkValueFlag(runtime, flags);
      const commit = flags.commit === true;
      if (commit) await runtime.guard('commit', 'groovy --commit');
      const client = await runtime.client();
      const execute = () => client.executeGroovy(input.text, { commit, scriptType: flags.type, signal: runtime.signal });
      const request = commit
        ? runtime.auditWrite('groovy --commit', input.text, execute, (r) => ({ ok: r.success, ...(r.success ? {} : { reason: r.stacktraceText }) }))
        : execute();
      const result = await awaitServerWork(runtime, { what: 'the script' }, withProgress(runtime, 'running the script', request));
      const { output } = runtime;
      const note = !commit && result.success ? groovyRollbackNote(input.text) : null;

      if (output.format('table') === 'json') {
        // The Python CLI's field names (`jq -r .execution_result`), then ours.
        output.data(
          formatJson({
            success: result.success,
            output_text: result.outputText,
            execution_result: result.executionResult,
            commit_mode: result.commitMode,
            execution_time_ms: result.executionTimeMs,
            stacktrace_text: result.stacktraceText,
            script_type: result.scriptType,
          }),
        );
        if (!result.success) reportOperationFailure(output, `script failed:\n${result.stacktraceText || (result.error ?? '')}`);
        if (note !== null) output.warn(note);
        return;
      }
      // What the script printed goes to stderr as it is, like the Python CLI (also with --quiet).
      output.warn(result.outputText);
      if (!result.success) {
        reportOperationFailure(output, `script failed:\n${result.stacktraceText || (result.error ?? '')}`);
        return;
      }
      if (note !== null) output.warn(note);
      output.data(flags.value === true ? `${result.executionResult}\n` : labelResult(result.executionResult, output));
    });
}
