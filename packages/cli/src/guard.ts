/**
 * Guard rails before destructive actions:
 * - `read_only = true`: commit, import, update and the console changes (log level, configuration
 *   property, cache clear, cron job abort) are refused (exit 2), whatever the flags.
 * - `protected = true`: they need one confirmation (a prompt on a terminal, otherwise `--yes`).
 * - `--drop-tables` needs two confirmations on every environment (two prompts, or `-yy`); aborting
 *   cron jobs one on every environment (HAC aborts every running one at once).
 * Each `--yes` counts as one confirmation; prompts ask for the rest.
 */
import { CliUsageError, NotConfirmedError } from './errors.js';
import { escapeForTerminal } from './terminal-text.js';
import type { GuardedAction, ResolvedTarget } from './runtime-types.js';

export interface GuardContext {
  /** stdin and stderr are terminals. */
  interactive: boolean;
  signal: AbortSignal;
  /** Asks a yes/no question; resolves true on yes. */
  confirm(message: string, signal: AbortSignal): Promise<boolean>;
}

const describe: Record<GuardedAction, string> = {
  commit: 'commit changes',
  import: 'import data',
  update: 'run a system update',
  'drop-tables': 'run a system update with --drop-tables (every table is dropped and recreated)',
  'log-level': 'change a log level',
  'config-change': 'change a configuration property',
  'cache-clear': 'clear every region cache',
  'abort-cronjobs': 'abort every running cron job',
};

/** How many confirmations an action on a target needs (0 = none). */
export function confirmationsNeeded(action: GuardedAction, target: Pick<ResolvedTarget, 'protected'>): number {
  if (action === 'drop-tables') return 2;
  // HAC aborts every running cron job at once, whatever the environment: always confirmed.
  if (action === 'abort-cronjobs') return 1;
  return target.protected ? 1 : 0;
}

export async function guardAction(
  action: GuardedAction,
  target: Omit<ResolvedTarget, 'username'>,
  yes: number,
  ctx: GuardContext,
): Promise<void> {
  const where = `${target.sessionEnvironment} (${target.url})`;
  if (target.readOnly) {
    throw new CliUsageError(`${target.environment} is read-only (read_only = true in the config): refusing to ${describe[action]} on ${where}`);
  }
  const needed = confirmationsNeeded(action, target);
  const missing = needed - yes;
  if (missing <= 0) return;
  if (!ctx.interactive) {
    const flag = needed === 2 ? '--yes twice (-yy)' : '--yes';
    const why =
      action === 'drop-tables'
        ? '--drop-tables needs two confirmations'
        : target.protected
          ? `${target.environment} is protected`
          : 'aborting cron jobs needs a confirmation (HAC aborts every running one)';
    throw new CliUsageError(`${why}: refusing to ${describe[action]} on ${where} without confirmation; pass ${flag} to confirm`);
  }
  const questions = [
    `${target.protected ? 'Protected environment! ' : ''}${capitalize(describe[action])} on ${where}?`,
    `Really drop all tables on ${where}? This cannot be undone.`,
  ];
  // With one --yes given for drop-tables, only the second question remains.
  for (const question of questions.slice(needed - missing, needed)) {
    if (!(await ctx.confirm(question, ctx.signal))) throw new NotConfirmedError('not confirmed: nothing was done');
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The terminal confirmation (@inquirer/confirm, loaded only when a prompt is shown). */
export async function confirmOnTerminal(message: string, signal: AbortSignal): Promise<boolean> {
  const { default: confirm } = await import('@inquirer/confirm');
  // The question names the environment and URL from the config: escaped like every terminal write.
  return confirm({ message: escapeForTerminal(message), default: false }, { output: process.stderr, signal });
}
