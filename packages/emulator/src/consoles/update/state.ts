/**
 * Cluster-wide state of system initialization/update: the lock, how long a run takes, the run in
 * progress and its log, and which patches have been applied. A run writes its log line by line over
 * `durationMs`, so `GET /initlog/log` can be seen growing while `POST /platform/init/execute` waits;
 * its changes to the data (tables dropped, essential and project data imported) happen at their line.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SystemData } from '../../data/system-data.js';
import { PATCHES, type PatchDefinition } from './project-data.js';
import type { InitUpdateData } from './request.js';
import { finishSteps, planRun, renderLogLine, type DataEffect, type PlanStep } from './run-plan.js';

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

  constructor(
    public durationMs: number,
    private readonly system: SystemData,
  ) {}

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
    // Every line but the first waits its share of the run's duration (the two closing lines included).
    const pause = this.durationMs / (steps.length + 1);
    let failed = false;
    const write = (step: PlanStep): void => {
      this.lines.push(renderLogLine(step, new Date()));
      if (step.level === 'ERROR') failed = true;
    };
    try {
      for (const [index, step] of steps.entries()) {
        if (index > 0 && pause > 0) await sleep(pause, undefined, { signal: this.stopping.signal });
        if (step.effect) {
          for (const line of await this.carryOut(step, step.effect)) write(line);
        } else {
          write(step);
        }
        if (step.applies) this.applied.add(step.applies.hash);
      }
      for (const step of finishSteps(data, failed, TENANT)) {
        if (pause > 0) await sleep(pause, undefined, { signal: this.stopping.signal });
        write(step);
      }
    } catch (error) {
      if (!this.stopping.signal.aborted) throw error;
      write({ level: 'ERROR', message: 'Server shut down during the run' });
      return { success: false, log: this.log };
    } finally {
      this.running = false;
    }
    this.lastRun = { at: new Date(), method: data.initMethod, success: !failed };
    return { success: !failed, log: this.log };
  }

  /** Changes the data as the step says; its line tells how it went, an `ERROR` line follows a failure. */
  private async carryOut(step: PlanStep, effect: DataEffect): Promise<PlanStep[]> {
    const done = (detail: string): PlanStep[] => [{ level: step.level, message: `${step.message}: ${detail}` }];
    const failedWith = (reason: string): PlanStep[] => [{ level: 'ERROR', message: `${step.message} failed: ${reason}` }];
    try {
      switch (effect) {
        case 'drop-tables': {
          const tables = this.system.dropAllTables();
          this.applied.clear();
          return done(`${tables} tables created, all data removed`);
        }
        case 'essential-data': {
          const outcome = this.system.createEssentialData();
          return outcome.success ? done(`${outcome.processedLines} lines imported`) : failedWith(outcome.errorMessage ?? 'import failed');
        }
        case 'project-data': {
          const project = await this.system.createProjectData();
          if (!project) return done('none (the data set is empty)');
          const { source, outcome } = project;
          return outcome.success ? done(`${outcome.processedLines} lines of ${source} imported`) : failedWith(`${source}: ${outcome.errorMessage ?? 'import failed'}`);
        }
      }
    } catch (error) {
      if (this.stopping.signal.aborted) throw error;
      return failedWith(error instanceof Error ? error.message : String(error));
    }
  }
}
