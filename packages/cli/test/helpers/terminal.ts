/**
 * Running `hac` on a pseudo-terminal: `script` (util-linux) gives it a TTY for stdin, stdout and
 * stderr, which all arrive merged (with CRLF line ends) in the result's `stdout`.
 */
import { execFileSync } from 'node:child_process';
import { hacCommand, runProcess, type HacResult, type HacSandbox } from './hac-process.js';

/** Whether `script` can run a pseudo-terminal here (Linux util-linux). */
export function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return process.platform === 'linux';
  } catch {
    return false;
  }
}

/** SGR color codes (`ESC [ 31 m`). */
export const ansiColor = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`);

export const shellQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** The `script` command line that runs `hac ARGS` on a terminal. */
export function terminalLine(args: readonly string[]): string {
  const { command, args: prefix } = hacCommand();
  return [command, ...prefix, ...args].map(shellQuote).join(' ');
}

/**
 * Run `hac ARGS` on a terminal with the sandbox's environment plus `env`; `typed` is typed ahead
 * (the terminal buffers it until a prompt reads it).
 */
export function onTerminal(
  box: HacSandbox,
  args: readonly string[],
  typed = '',
  env: Record<string, string | undefined> = {},
  options: Parameters<typeof runProcess>[3] = {},
): Promise<HacResult> {
  return runProcess('script', ['-qfec', terminalLine(args), '/dev/null'], { ...box.env, ...env }, { input: typed, ...options });
}

/** Terminal output without color codes and with `\n` line ends. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');
}
