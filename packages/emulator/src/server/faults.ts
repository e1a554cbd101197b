import { checkLimit, LIMITS } from './limits.js';
import type { FaultKind, FaultRule } from './types.js';

const KINDS: readonly FaultKind[] = ['status', 'reset', 'truncate', 'html-error', 'slow-body'];

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

/** Throws a one-line error when a rule cannot work (used for programmatic and HTTP input alike). */
export function validateFaultRule(rule: FaultRule): FaultRule {
  if (typeof rule.path !== 'string' || rule.path === '') throw new TypeError('fault rule needs a path (or "*")');
  if (!KINDS.includes(rule.kind)) throw new TypeError(`fault kind must be one of ${KINDS.join(', ')}`);
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)) {
    throw new TypeError('fault status must be an HTTP status code (100-599)');
  }
  if (rule.retryAfterSeconds !== undefined) checkLimit('fault retryAfterSeconds', rule.retryAfterSeconds, LIMITS.retryAfterSeconds);
  if (rule.delayMs !== undefined) checkLimit('fault delayMs', rule.delayMs, LIMITS.faultDelayMs);
  if (rule.times !== undefined && rule.times !== Infinity) checkLimit('fault times (Infinity or null: until cleared)', rule.times, LIMITS.faultTimes);
  return rule;
}

/** Injected faults, matched in the order they were added; each hits `times` requests, then disappears. */
export class FaultRegistry {
  #faults: ActiveFault[] = [];

  add(rule: FaultRule): void {
    validateFaultRule(rule);
    this.#faults.push({ rule: { ...rule }, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.#faults = [];
  }

  /** The fault for this request, if any, consuming one of its hits. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.#faults.findIndex(
      ({ rule }) => (rule.path === '*' || rule.path === path) && (rule.method === undefined || rule.method === '*' || rule.method.toUpperCase() === method),
    );
    const fault = this.#faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.rule;
  }

  list(): { rule: FaultRule; remaining: number }[] {
    return this.#faults.map(({ rule, remaining }) => ({ rule: { ...rule }, remaining }));
  }
}
