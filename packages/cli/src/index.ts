/**
 * `hac-cli` as a module: the command tree (for embedding `hac` or generating docs), exit codes, and
 * the contracts between the CLI core and its commands. The binary is `bin/hac.cjs` → the bundle in `dist/bundle/`.
 */
export { buildProgram } from './program.js';
export type { BuildOptions } from './program.js';
export { cliVersion } from './version.js';
export { ExitCode } from './exit-codes.js';
export type { ExitCodeValue } from './exit-codes.js';
export { CliError, CliUsageError, ConfigError, CliInterruptedError } from './errors.js';
export type { CliRuntime, CliOutput, GuardedAction, OutputFormat, ResolvedTarget } from './runtime-types.js';
export type { CoreRuntime, RuntimeDeps } from './runtime.js';
