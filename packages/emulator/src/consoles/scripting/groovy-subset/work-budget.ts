/**
 * How much a script may do before it is stopped. A script runs on the emulator's only thread, so its
 * other requests, the control API and SIGTERM wait for it: a budget keeps that wait around a second.
 * Statements alone are not enough: one statement can go through a million-element list or run a
 * query, so built-in methods, operators, loops and queries are charged for what they go through.
 */
import { GroovyThrowable } from './errors.js';
import type { Value } from './values.js';

/** Statements a script may run. */
export const STEP_BUDGET = 1_000_000;

/**
 * Units of work, each about 0.1 µs on this interpreter (measured: a statement ~0.4 µs, `contains`
 * ~0.1 µs per element, a query ~0.5 ms, a model made from a PK ~36 µs).
 */
export const WorkCost = {
  statement: 4,
  /** One element of a list, or `CHARS_PER_UNIT` characters of a string. */
  element: 1,
  /** A query on the data engine: a search, or reading an attribute of a model. */
  query: 5_000,
  /** A model made from a PK in a search result. */
  model: 360,
} as const;

const CHARS_PER_UNIT = 16;

/** About a second of work. */
const WORK_BUDGET = 10_000_000;

const STOPPED = 'de.hybris.platform.scripting.engine.exception.ScriptExecutionException';

/** The work an operation on `value` goes through: its elements or its characters. */
export function sizeOf(value: Value): number {
  if (Array.isArray(value)) return value.length * WorkCost.element;
  if (typeof value === 'string') return Math.ceil(value.length / CHARS_PER_UNIT) * WorkCost.element;
  return 0;
}

/** Counts one script run's statements and work; throws ScriptExecutionException once either is used up. */
export class WorkMeter {
  private steps = 0;
  private work = 0;

  /** `line` says where the script is, for the exception. */
  constructor(private readonly line: () => number) {}

  statement(): void {
    if (++this.steps > STEP_BUDGET) {
      throw new GroovyThrowable(STOPPED, `Script stopped by hac-emulator after ${STEP_BUDGET} statements (the emulator's Groovy subset has an execution budget)`, this.line());
    }
    this.charge(WorkCost.statement);
  }

  /** Counts work done, or about to be done (then it is stopped before it starts). */
  charge(units: number): void {
    this.work += units;
    if (this.work > WORK_BUDGET) {
      throw new GroovyThrowable(STOPPED,
        "Script stopped by hac-emulator after about a second of work on lists, strings and queries (the emulator's Groovy subset has an execution budget)", this.line());
    }
  }
}
