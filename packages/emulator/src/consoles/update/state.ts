/**
 * Cluster-wide state of system initialization/update: the lock, how long a run takes, the run in
 * progress and its log, and which patches are still pending.
 */
export class UpdateState {
  locked = false;
  constructor(public durationMs: number) {}
}
