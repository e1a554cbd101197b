/**
 * A spinner with the elapsed time on stderr while HAC works (imports, big queries, long scripts),
 * only on a terminal and not with `--quiet`. It appears after a second, so quick calls stay silent,
 * and is gone before anything else is printed.
 */
import type { CliRuntime } from '../../runtime-types.js';
import { escapeForTerminal } from '../../terminal-text.js';

/** How long a call may take before the spinner shows. */
export const PROGRESS_DELAY_MS = 1000;

/**
 * Await `work`, showing `label… Ns` on stderr while it takes longer than a second. A `label` function
 * is read again at every redraw (each second), for work that reports how far it got.
 */
export async function withProgress<T>(runtime: CliRuntime, label: string | (() => string), work: Promise<T>): Promise<T> {
  const { output } = runtime;
  if (!output.stderrIsTTY || output.quiet) return work;
  const started = Date.now();
  let stop: (() => void) | undefined;
  let stopped = false;
  const timer = setTimeout(() => {
    void import('yocto-spinner').then(({ default: yoctoSpinner }) => {
      if (stopped) return;
      // The spinner writes to the terminal itself; the label may hold a file name: escaped here.
      const text = (): string =>
        escapeForTerminal(`${typeof label === 'string' ? label : label()}… ${Math.round((Date.now() - started) / 1000)}s`);
      const spinner = yoctoSpinner({ text: text(), stream: process.stderr, handleSignals: false }).start();
      const tick = setInterval(() => (spinner.text = text()), 1000);
      stop = () => {
        clearInterval(tick);
        spinner.stop();
      };
    });
  }, PROGRESS_DELAY_MS);
  try {
    return await work;
  } finally {
    stopped = true;
    clearTimeout(timer);
    stop?.();
  }
}
