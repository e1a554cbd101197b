/**
 * The range of every number the emulator takes (options, command-line flags, control API, fault
 * rules), in one place. Node's timers wait at most 2^31-1 ms and fire after 1 ms beyond that, so an
 * unbounded delay such as `latency=1e300` would silently become 1 ms: values outside a range are
 * refused with a message naming it.
 */
export interface Limit {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  /** Shown after the range, e.g. `ms`. */
  unit?: string;
}

const MAX_DELAY_MS = 600_000;

export const LIMITS = {
  port: { min: 0, max: 65_535, integer: true },
  nodes: { min: 1, max: 64, integer: true },
  latencyMs: { min: 0, max: MAX_DELAY_MS, integer: false, unit: 'ms' },
  sessionTimeoutSeconds: { min: 1, max: 31_536_000, integer: false, unit: 's' },
  updateDurationMs: { min: 0, max: 3_600_000, integer: false, unit: 'ms' },
  lockoutAfter: { min: 0, max: 1_000_000, integer: true },
  faultDelayMs: { min: 0, max: MAX_DELAY_MS, integer: false, unit: 'ms' },
  retryAfterSeconds: { min: 0, max: 86_400, integer: false, unit: 's' },
  faultTimes: { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
  generateCount: { min: 1, max: 10_000_000, integer: true },
} as const satisfies Record<string, Limit>;

/** `0 to 600000 ms` */
export function describeLimit(limit: Limit): string {
  return `${limit.integer ? 'an integer' : 'a number'} from ${limit.min} to ${limit.max}${limit.unit ? ` (${limit.unit})` : ''}`;
}

/** The value when it is a number inside the limit; otherwise a one-line RangeError naming `name`. */
export function checkLimit(name: string, value: unknown, limit: Limit): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= limit.min && value <= limit.max && (!limit.integer || Number.isInteger(value));
  if (!ok) throw new RangeError(`${name} must be ${describeLimit(limit)}, got ${typeof value === 'string' ? `"${value}"` : String(value)}`);
  return value;
}
