/** Exit codes of `hac`, documented in the README. */
export const ExitCode = {
  success: 0,
  /** The operation ran and failed on the server: script error, query exception, import error, failed update. */
  operationFailed: 1,
  /** Bad usage or configuration: unknown flag, missing argument, invalid config file, no HAC at the URL's context path, read-only environment. */
  usage: 2,
  /** Logging in failed: wrong credentials or locked account. */
  authentication: 3,
  /** The server could not be reached: connection refused, TLS failure, timeout. */
  connection: 4,
  /** Interrupted by Ctrl-C (SIGINT). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
