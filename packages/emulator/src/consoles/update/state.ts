/**
 * Cluster-wide state of system initialization/update: the lock, how long a run takes, the run in
 * progress and its log, and which patches have been applied. A run writes its log line by line over
 * `durationMs`, so `GET /initlog/log` can be seen growing while `POST /platform/init/execute` waits.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PATCHES, type PatchDefinition } from './project-data.js';
import type { InitUpdateData } from './request.js';
import { planRun, renderLogLine } from './run-plan.js';

export const TENANT = 'master';

export interface RunOutcome {
  success: boolean;
  log: string;
}

export type StartResult = { started: true; done: Promise<RunOutcome> } | { started: false; reason: string };

export class UpdateState {
  locked = false;
  private running = false;
  /** Aborted by `stop()`: a run's pauses must not keep the process alive after the emulator closed. */
  private readonly stopping = new AbortController();
  private lines: string[] = [];
  private readonly applied = new Set<string>();
  lastRun: { at: Date; method: InitUpdateData['initMethod']; success: boolean } | null = null;

  constructor(public durationMs: number) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** The current (or last) run's log, HTML. */
  get log(): string {
    return this.lines.join('');
  }

  /** Ends a run in progress now (its answer says it failed) and refuses new ones. */
  stop(): void {
    this.stopping.abort();
  }

  pendingPatches(): PatchDefinition[] {
    return PATCHES.filter((patch) => !this.applied.has(patch.hash));
  }

  start(data: InitUpdateData): StartResult {
    if (this.locked) {
      return { started: false, reason: 'System is locked (system.unlocking.disabled=true): initialization and update are disabled on this system' };
    }
    if (this.running) return { started: false, reason: 'An initialization or update is already running; wait until it has finished' };
    if (this.stopping.signal.aborted) return { started: false, reason: 'The server is shutting down' };
    this.running = true;
    this.lines = [];
    return { started: true, done: this.run(data) };
  }

  private async run(data: InitUpdateData): Promise<RunOutcome> {
    const steps = planRun(data, this.applied, TENANT);
    // Every line but the first waits its share of the run's duration.
    const pause = steps.length > 1 ? this.durationMs / (steps.length - 1) : 0;
    try {
      for (const [index, step] of steps.entries()) {
        if (index > 0 && pause > 0) await sleep(pause, undefined, { signal: this.stopping.signal });
        this.lines.push(renderLogLine(step, new Date()));
        if (step.applies) this.applied.add(step.applies.hash);
      }
    } catch (error) {
      if (!this.stopping.signal.aborted) throw error;
      this.lines.push(renderLogLine({ level: 'ERROR', message: 'Server shut down during the run' }, new Date()));
      return { success: false, log: this.log };
    } finally {
      this.running = false;
    }
    const success = !steps.some((step) => step.level === 'ERROR');
    this.lastRun = { at: new Date(), method: data.initMethod, success };
    return { success, log: this.log };
  }
}
