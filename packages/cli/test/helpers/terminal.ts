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

/**
 * What a person sees once the output has been drawn: lines with `\r`, cursor-to-column (`ESC [ n G`)
 * and erase-in-line (`ESC [ K`) applied, so a spinner that cleared its line leaves nothing; other
 * escape sequences are dropped.
 */
export function screen(text: string): string {
  let shown = '';
  let line = '';
  let column = 0;
  // eslint-disable-next-line no-control-regex
  for (const [token, params = '', command] of text.matchAll(/\x1b\[([0-9;?]*)([A-Za-z])|\r?\n|\r|[^\x1b\r\n]+/g)) {
    if (command === 'G') column = Math.max(Number(params || '1') - 1, 0);
    else if (command === 'K') line = params === '2' ? '' : params === '1' ? ' '.repeat(column) + line.slice(column) : line.slice(0, column);
    else if (command !== undefined) continue;
    else if (token === '\r') column = 0;
    else if (token.endsWith('\n')) {
      shown += `${line.trimEnd()}\n`;
      line = '';
      column = 0;
    } else {
      line = line.slice(0, column).padEnd(column) + token + line.slice(column + token.length);
      column += token.length;
    }
  }
  return shown + line.trimEnd();
}

/** Terminal output without color codes and with `\n` line ends. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');
}

/**
 * Run `hac ARGS` on a terminal and press Ctrl-C once `ready` matches what it showed: the terminal
 * sends SIGINT to every process of the foreground group, as for a person at the keyboard.
 */
export function interruptOnTerminal(
  box: HacSandbox,
  args: readonly string[],
  ready: RegExp,
  env: Record<string, string | undefined> = {},
): Promise<HacResult> {
  return onTerminal(box, args, '', env, {
    keepStdinOpen: true,
    onSpawn(child) {
      let shown = '';
      const watch = (chunk: string): void => {
        shown += chunk;
        if (!ready.test(plain(shown))) return;
        child.stdout?.off('data', watch);
        child.stdin?.end('\u0003');
      };
      child.stdout?.on('data', watch);
    },
  });
}
