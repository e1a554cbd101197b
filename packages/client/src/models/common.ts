/** Options every console call accepts. */
export interface CallOptions {
  /** Aborts the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Per-call timeout in milliseconds, overriding the client's `timeoutMs` (long scripts, big imports).
   * @default the client's timeout (system updates default to one hour)
   */
  timeoutMs?: number;
}
