/**
 * Confirmation for local, non-guarded deletions (`hac env remove`, `hac session clear-all`), as the
 * Python CLI asks them: a prompt on a terminal; `-f/--force` or `-y` confirm without one.
 */
import { CliUsageError } from '../../errors.js';
import type { CoreRuntime } from '../../runtime.js';

/** Resolves when confirmed; throws a usage error (exit 2) when declined or when no terminal can ask. */
export async function confirmOrForce(runtime: CoreRuntime, force: boolean | undefined, question: string): Promise<void> {
  if (force === true || runtime.globals().yes > 0) return;
  if (!runtime.interactive) {
    throw new CliUsageError(`${question.replace(/\?$/, '')}: not confirmed (no terminal to ask on); pass -f/--force to confirm`);
  }
  const { confirmOnTerminal } = await import('../../guard.js');
  if (!(await confirmOnTerminal(question, runtime.signal))) throw new CliUsageError('not confirmed: nothing was done');
}
