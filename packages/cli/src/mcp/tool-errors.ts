/**
 * Errors a model can act on. Every failure of a tool call becomes one paragraph saying what happened
 * and what to do next, and whether the model itself can do it (narrow the query) or a human must
 * (credentials, the config's rights). Library errors are already redacted; `redact` is a second pass
 * with the secrets this process knows.
 */

/** The call was not sent to HAC: no right, a guard rail, an unknown environment, an unusable argument. */
export class ToolRefusal extends Error {
  override name = 'ToolRefusal';
  /** `declined`: a human said no (or cancelled) when asked to confirm. */
  readonly outcome: 'refused' | 'declined';
  constructor(message: string, outcome: 'refused' | 'declined' = 'refused') {
    super(message);
    this.outcome = outcome;
  }
}

export interface ErrorContext {
  sessionEnvironment: string;
  url: string;
  /** The call may have changed data (commit, import, update…). */
  writes: boolean;
}

/** One actionable paragraph for a failure of a call that was meant to reach HAC. */
export function describeError(error: unknown, ctx: ErrorContext): string {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'ToolRefusal':
      return message;
    case 'HacAuthenticationError':
      return `HAC refused the login on ${ctx.sessionEnvironment}: ${message}. Wrong username or password, or a locked account: a human must fix the credentials (HAC_PASSWORD… variables of the server process, or: hac -e ${ctx.sessionEnvironment.split('/')[0] ?? ''} login --save-password). Retrying will not help.`;
    case 'CliUsageError':
    case 'ConfigError':
      // No username or password configured for the target (the server never prompts).
      return `${message}. A human must configure this for the hac mcp server process; retrying will not help.`;
    case 'HacContextPathError':
      return `No HAC at ${ctx.url}: ${message}. A human must fix the URL or hac_path in the config of the hac mcp server process; retrying will not help (nothing was sent but page reads).`;
    case 'HacConnectionError':
      return `HAC at ${ctx.url} is unreachable: ${message}. Check that the server is up (a human may need to start it or fix the URL in the config); ${ctx.writes ? 'nothing was sent' : 'retrying later is safe'}.`;
    case 'HacTimeoutError':
      return ctx.writes
        ? `No answer from HAC in time: ${message}. The work may have run on the server: check its effect (query the data, or the update log) before trying again.`
        : `No answer from HAC in time: ${message}. Narrow the query (fewer rows, a WHERE clause) or try again later.`;
    case 'AbortError':
      return `The call was cancelled.${ctx.writes ? ' If it had reached HAC, the work may go on running there.' : ''}`;
    default:
      return `${name && name !== 'Error' ? `${name}: ` : ''}${message}`;
  }
}
