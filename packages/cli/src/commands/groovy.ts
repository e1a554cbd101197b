/**
 * `hac groovy [SCRIPT|-f FILE|-]`: run a script in HAC's scripting console. The return value goes
 * to stdout, what the script printed to stderr (as the Python CLI does), or both in one JSON document.
 */
import { Option, type Command } from 'commander';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
// Only the tiny JSON formatter: the table/CSV code is not needed here (start-up time).
import { formatJson } from '../output/json.js';
import { reportOperationFailure } from './shared/failure.js';
import { nodeInputSources, resolveInput } from './shared/input.js';

interface GroovyFlags {
  file?: string | true;
  commit?: boolean;
  type: 'groovy' | 'beanshell' | 'javascript';
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
    .addOption(new Option('--type <language>', 'script language').choices(['groovy', 'beanshell', 'javascript']).default('groovy'))
    .action(async (script: string | undefined, flags: GroovyFlags) => {
      const input = await resolveInput(
        { positional: script, file: flags.file, what: 'script', positionalMayBeFile: true, fileExtensions: ['.groovy', '.bsh', '.js'] },
        nodeInputSources(() => runtime.readStdin()),
      );
      const commit = flags.commit === true;
      if (commit) await runtime.guard('commit');
      const client = await runtime.client();
      const result = await client.executeGroovy(input.text, { commit, scriptType: flags.type, signal: runtime.signal });

      if (runtime.output.format('table') === 'json') {
        const { success, executionResult, outputText, stacktraceText, commitMode, scriptType, executionTimeMs } = result;
        runtime.output.data(formatJson({ success, executionResult, outputText, stacktraceText, commitMode, scriptType, executionTimeMs }));
        if (!success) reportOperationFailure(runtime.output, `script failed:\n${result.stacktraceText}`);
        return;
      }
      // What the script printed goes to stderr as it is, like the Python CLI (also with --quiet).
      runtime.output.warn(result.outputText);
      if (!result.success) {
        reportOperationFailure(runtime.output, `script failed:\n${result.stacktraceText}`);
        return;
      }
      runtime.output.data(`${result.executionResult}\n`);
    });
}
