/**
 * Requests that make HAC do work (a script, a statement, an import, an update) keep running on the
 * server when `hac` stops waiting for them. When that happens (Ctrl-C), or when the connection breaks
 * after the request went out, say so: the user must not assume nothing happened, nor run it again
 * blindly.
 */
import { CliError, CliInterruptedError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import type { CliRuntime } from '../../runtime-types.js';

// Failures before anything reached HAC: the work cannot have started.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** A connection failure that may have happened after HAC received the request. */
export function mayHaveReachedServer(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'HacConnectionError') return false;
  const codes = codesOf(error);
  // TLS failures happen in the handshake, before the request is sent.
  return !codes.some((code) => NOT_SENT.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /CERT|SELF_SIGNED|VERIFY/.test(code));
}

export interface ServerWork {
  /** What runs, for messages: `the script`, `the import`. */
  what: string;
  /** How to watch it after `hac` stopped waiting, if HAC offers a way. */
  watch?: string;
}

const watchHint = (work: ServerWork): string => (work.watch ? ` (watch it with: ${work.watch})` : '');

/** A connection broken after sending becomes "… may have run on the server" (exit 4); other errors stay. */
export function brokenConnectionError(error: unknown, work: ServerWork): unknown {
  if (!mayHaveReachedServer(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(`${message} — ${work.what} may have run on the server: check before running it again${watchHint(work)}`, {
    exitCode: ExitCode.connection,
    cause: error,
  });
}

/**
 * Await `request` (a library call that makes HAC work). Ctrl-C becomes "interrupted: … goes on running
 * there"; a connection broken after sending becomes "… may have run on the server" (exit 4).
 */
export async function awaitServerWork<T>(runtime: CliRuntime, work: ServerWork, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (runtime.signal.aborted) {
      throw new CliInterruptedError(`interrupted: if HAC received ${work.what}, it goes on running there; Ctrl-C only stopped hac waiting for it${watchHint(work)}`);
    }
    throw brokenConnectionError(error, work);
  }
}
