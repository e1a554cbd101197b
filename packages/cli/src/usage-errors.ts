/**
 * Commander's own errors (unknown option, bad choice, missing argument) in the one-line form of every
 * other `hac` error: `hac: unknown option '--comit' (did you mean --commit?); see: hac groovy --help`.
 * Commander prints the message and the hint in two writes; the message is written without its
 * newline so that the hint, set per command with its full name, completes the same line.
 */
import type { Command } from 'commander';
import { writeText } from './terminal-text.js';

/** `error: unknown command 'grovy'\n(Did you mean groovy?)\n` → `unknown command 'grovy' (did you mean groovy?)`. */
export function oneLineUsageError(text: string): string {
  return text
    .trim()
    .replace(/^error: /, '')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^\(Did you mean/, '(did you mean'))
    .filter((line) => line !== '')
    .join(' ')
    .replace(/\.$/, '')
    // Usually an unquoted query or script: `hac fs SELECT {pk} FROM {Product}`.
    .replace(/^too many arguments.*$/, (message) => `${message}: quote a query or script that contains spaces`);
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Call once every command is registered: the settings are per command, the output is shared. */
export function useOneLineUsageErrors(program: Command, write: (text: string) => void = (t) => writeText(process.stderr, t)): void {
  program.configureOutput({ outputError: (text) => write(`hac: ${oneLineUsageError(text)}`) });
  const visit = (command: Command): void => {
    command.showHelpAfterError(`; see: ${commandPath(command)} --help`);
    command.commands.forEach(visit);
  };
  visit(program);
}
