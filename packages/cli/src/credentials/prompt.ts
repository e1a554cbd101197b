/**
 * Interactive prompts on the terminal; they write to stderr so stdout stays data only. Their messages
 * name users and environments from the config or the command line: escaped like every terminal write.
 */
import { escapeForTerminal } from '../terminal-text.js';

/** A hidden password prompt (@inquirer/password, loaded only when needed). */
export async function promptPassword(message: string, signal: AbortSignal): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  return password({ message: escapeForTerminal(message), mask: false }, { output: process.stderr, signal });
}

/** A visible one-line prompt (the username). */
export async function promptLine(message: string, signal: AbortSignal): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-C in a readline prompt is not a process signal: without this, the prompt would just pause.
  const local = new AbortController();
  rl.on('SIGINT', () => local.abort());
  try {
    return (await rl.question(`${escapeForTerminal(message)} `, { signal: AbortSignal.any([signal, local.signal]) })).trim();
  } finally {
    rl.close();
  }
}
