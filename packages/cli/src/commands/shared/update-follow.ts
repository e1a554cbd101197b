/**
 * Following HAC's update/init log live: poll `getUpdateLog` and print each new line once, with a
 * spinner on a terminal and plain lines when piped.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import yoctoSpinner, { type Spinner } from 'yocto-spinner';
import type { CallOptions, UpdateLog } from 'hac-client';
import type { CliRuntime } from '../../runtime-types.js';
import { ExitCode } from '../../exit-codes.js';
import { LogFollower } from '../../output/index.js';
import { durationFromEnv, POLL_INTERVAL_MS } from '../../durations.js';
import { escapeForTerminal } from '../../terminal-text.js';

/**
 * Default poll interval (HAC's own page polls every 2 s); `HAC_UPDATE_POLL_MS` overrides it (tests).
 * An invalid value is a usage error: a huge one used to overflow the timer and poll in a tight loop.
 */
export function defaultPollIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  return durationFromEnv(env, 'HAC_UPDATE_POLL_MS', POLL_INTERVAL_MS) ?? 2000;
}

/** The one library call following needs (a `HacClient` in practice). */
export interface UpdateLogSource {
  getUpdateLog(options?: CallOptions): Promise<UpdateLog>;
}

/** Prints new log lines to stdout and keeps a spinner on stderr when it is a terminal. */
export class LiveLog {
  readonly #runtime: CliRuntime;
  readonly #follower = new LogFollower();
  readonly #spinner: Spinner | undefined;
  readonly #started = Date.now();
  #label: string;

  readonly #printLines: boolean;

  /** `printLines: false` keeps only the spinner (a JSON document is printed at the end instead). */
  constructor(runtime: CliRuntime, label: string, options: { printLines?: boolean } = {}) {
    this.#runtime = runtime;
    this.#label = label;
    this.#printLines = options.printLines ?? true;
    const { output } = runtime;
    if (output.stderrIsTTY && !output.quiet) {
      // The spinner writes to the terminal itself: its texts (HAC's status among them) are escaped here.
      this.#spinner = yoctoSpinner({ text: escapeForTerminal(label), stream: process.stderr, handleSignals: false }).start();
    }
  }

  /** Print the lines of `logText` not shown yet; `final` also prints the last (possibly partial) line. */
  show(logText: string, final = false): void {
    const lines = final ? this.#follower.finish(logText) : this.#follower.next(logText);
    if (lines.length > 0 && this.#printLines) this.#runtime.output.data(`${lines.join('\n')}\n`);
    if (this.#spinner) this.#spinner.text = escapeForTerminal(`${this.#label} ${Math.round((Date.now() - this.#started) / 1000)}s`);
  }

  /**
   * End with a status line: through the spinner on a terminal, else as a plain stderr line (a success
   * is a note that `--quiet` hides). An error also sets exit code 1.
   */
  end(outcome: 'success' | 'error' | 'warning', text: string): void {
    if (outcome === 'error') process.exitCode = ExitCode.operationFailed;
    if (this.#spinner) {
      const shown = escapeForTerminal(text);
      if (outcome === 'success') this.#spinner.success(shown);
      else if (outcome === 'error') this.#spinner.error(shown);
      else this.#spinner.warning(shown);
    } else if (outcome === 'success') {
      this.#runtime.output.info(text);
    } else {
      this.#runtime.output.warn(text);
    }
  }

  /**
   * Remove the spinner without a status line (before an error is reported). After Ctrl-C, say that
   * HAC goes on with the update: interrupting `hac` does not stop it.
   */
  abandon(): void {
    this.#spinner?.stop();
    if (this.#runtime.signal.aborted) {
      this.#runtime.output.warn('stopped following; the update goes on running on the server (watch it with: hac update log --follow)');
    }
  }
}

/**
 * Poll the log until `stop` resolves (a running `executeUpdate`), printing new lines. Poll failures
 * are ignored: the update itself decides the outcome, and the final log is shown from its result.
 */
export async function pollWhile(
  client: UpdateLogSource,
  live: LiveLog,
  stop: Promise<unknown>,
  options: { intervalMs: number; signal: AbortSignal },
): Promise<void> {
  let done = false;
  const finished = stop.then(
    () => { done = true; },
    () => { done = true; },
  );
  const local = new AbortController();
  const onAbort = (): void => local.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (!done) {
      await Promise.race([finished, sleep(options.intervalMs, undefined, { signal: local.signal }).catch(() => undefined)]);
      if (done || local.signal.aborted) break;
      try {
        const log = await client.getUpdateLog({ signal: local.signal });
        if (!done) live.show(log.logText);
      } catch {
        // A failed poll is not the update failing: keep following.
      }
    }
  } finally {
    local.abort();
    options.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Poll the log until HAC says the run is complete or `maxWaitMs` passed; returns the last log and
 * whether it was complete.
 */
export async function followUntilComplete(
  client: UpdateLogSource,
  live: LiveLog,
  options: { intervalMs: number; maxWaitMs: number; signal: AbortSignal },
): Promise<{ log: UpdateLog; complete: boolean }> {
  const deadline = Date.now() + options.maxWaitMs;
  for (;;) {
    const log = await client.getUpdateLog({ signal: options.signal });
    if (log.isComplete || Date.now() + options.intervalMs > deadline) {
      live.show(log.logText, true);
      return { log, complete: log.isComplete };
    }
    live.show(log.logText);
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}
