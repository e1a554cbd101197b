import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * An error the CLI reports as one line `hac: message` and maps to `exitCode`. Commands throw these
 * for failures they detect themselves; library errors are mapped by `exitCodeFor` below.
 */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCodeValue;
  constructor(message: string, options: { exitCode?: ExitCodeValue; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.exitCode = options.exitCode ?? ExitCode.operationFailed;
  }
}

/** Bad usage or configuration (exit 2): missing argument, invalid config file, refused by a guard rail. */
export class CliUsageError extends CliError {
  override name = 'CliUsageError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: ExitCode.usage, cause: options.cause });
  }
}

/** A confirmation (prompt) was answered no: nothing was done (exit 2, like other refusals). */
export class NotConfirmedError extends CliUsageError {
  override name = 'NotConfirmedError';
}

/** The config file cannot be read or is invalid (exit 2); the message names the file. */
export class ConfigError extends CliUsageError {
  override name = 'ConfigError';
  readonly path: string;
  constructor(path: string, problem: string, options: { cause?: unknown } = {}) {
    super(`invalid config file ${path}: ${problem}`, options);
    this.path = path;
  }
}

/** Thrown when the user interrupts (Ctrl-C) a prompt or a running command (exit 130). */
export class CliInterruptedError extends CliError {
  override name = 'CliInterruptedError';
  constructor(message = 'interrupted') {
    super(message, { exitCode: ExitCode.interrupted });
  }
}

/**
 * Exit code for anything thrown by a command. Library errors are recognised by `name` so that
 * `main.ts` does not have to load `hac-client` just to classify an error (start-up time).
 */
export function exitCodeFor(error: unknown, interrupted: boolean): ExitCodeValue {
  if (error instanceof CliError) return error.exitCode;
  if (interrupted) return ExitCode.interrupted;
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'HacAuthenticationError':
      return ExitCode.authentication;
    case 'HacConnectionError':
    case 'HacTimeoutError':
      return ExitCode.connection;
    case 'HacContextPathError': // no HAC at the configured URL and context path: nothing ran, the config must change
      return ExitCode.usage;
    case 'AbortError':
    case 'ExitPromptError': // @inquirer: Ctrl-C inside a prompt
      return ExitCode.interrupted;
    default:
      return ExitCode.operationFailed;
  }
}
