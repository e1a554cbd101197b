/**
 * "The operation ran and failed on the server" (script error, query exception, failed import or
 * update): the details go to stderr and the process ends with exit code 1 once the command returns,
 * so that anything already printed on stdout (e.g. a JSON document) stays complete.
 */
import { ExitCode } from '../../exit-codes.js';
import type { CliOutput } from '../../runtime-types.js';

/** Write `details` to stderr (also with `--quiet`, red on a terminal) and mark the run as failed (exit 1). */
export function reportOperationFailure(output: CliOutput, details: string): void {
  output.error(details);
  process.exitCode = ExitCode.operationFailed;
}
