/**
 * The commander program of `hac`: global options, help, and every command (one module each).
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { addGlobalOptions } from './global-options.js';
import { addGroupExamples, withExamples } from './help.js';
import { createRuntime, type CoreRuntime, type RuntimeDeps } from './runtime.js';
import { useOneLineUsageErrors } from './usage-errors.js';

export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The full program with every command registered, and the runtime its commands share. */
export function buildProgram(deps: RuntimeDeps = {}): { program: Command; runtime: CoreRuntime } {
  const program = new Command('hac');
  program
    .description('Drive the SAP Commerce Administration Console (HAC) from the command line.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    // Commander errors become exceptions so that the one catch below decides the exit code.
    .exitOverride();
  addGlobalOptions(program);
  withExamples(program, [
    "hac groovy 'return 1 + 1'",
    'hac fs "SELECT {pk}, {isocode} FROM {Language}" --json',
    'hac -e prod session start',
    'hac --url https://localhost:9002 -k -u admin groovy script.groovy',
  ]);
  const runtime = createRuntime(program, deps);
  registerCommands(program, runtime);
  addGroupExamples(program);
  useOneLineUsageErrors(program, (text) => (deps.stderr ?? process.stderr).write(text));
  return { program, runtime };
}
