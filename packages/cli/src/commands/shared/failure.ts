/**
 * "The operation ran and failed on the server" (script error, query exception, failed import or
 * update): the details go to stderr and the process ends with exit code 1 once the command returns,
 * so that anything already printed on stdout (e.g. a JSON document) stays complete.
 */
import { ExitCode } from '../../exit-codes.js';

/** Write `details` to stderr (newline added) and mark the run as failed (exit 1). */
export function reportOperationFailure(details: string): void {
  process.stderr.write(details.endsWith('\n') ? details : `${details}\n`);
  process.exitCode = ExitCode.operationFailed;
}

/** Write text to stderr as it is (script output, live logs), newline added when missing. */
export function writeStderr(text: string): void {
  if (text === '') return;
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
