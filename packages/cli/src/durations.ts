/**
 * Durations where they enter the CLI (flags, config keys, environment variables), checked against a
 * range before any timer sees them. Node runs a timer longer than 2^31-1 ms after 1 ms, so
 * `--timeout 99999999` made every request time out at once and a huge poll interval polled in a
 * tight loop; `timeout = inf` or `1e-7` in the config failed inside the library (exit 1). Here a value
 * out of range is a usage error (exit 2) naming where it came from and what is allowed.
 */
import { InvalidArgumentError } from 'commander';
import { CliUsageError } from './errors.js';

/** The longest delay a Node timer honours. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DurationRange {
  unit: 'seconds' | 'milliseconds';
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
}

/** `--timeout`, config `timeout`: per HTTP request, 1 ms to the longest timer (~24.8 days). */
export const REQUEST_TIMEOUT_SECONDS: DurationRange = { unit: 'seconds', min: 0.001, max: Math.floor(MAX_TIMER_MS / 1000), integer: false };
/** `--poll-interval`, `HAC_UPDATE_POLL_MS`. */
export const POLL_INTERVAL_MS: DurationRange = { unit: 'milliseconds', min: 10, max: MAX_TIMER_MS, integer: true };
/** `--max-wait`. */
export const MAX_WAIT_SECONDS: DurationRange = { unit: 'seconds', min: 1, max: Math.floor(MAX_TIMER_MS / 1000), integer: true };

/** `a whole number of milliseconds from 10 to 2147483647 (about 24 days)`. */
export function describeRange(range: DurationRange): string {
  const days = Math.floor((range.max * (range.unit === 'seconds' ? 1000 : 1)) / 86_400_000);
  return `a ${range.integer ? 'whole' : 'positive'} number of ${range.unit} from ${range.min} to ${range.max} (about ${days} days)`;
}

/** The value as a number when it is a duration within `range` (TOML gives numbers or bigints); undefined otherwise. */
export function durationValue(value: unknown, range: DurationRange): number | undefined {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < range.min || n > range.max) return undefined;
  if (range.integer && !Number.isInteger(n)) return undefined;
  return n;
}

/** Parse text typed on a command line or set in an environment variable (decimal only: no `0x10`, no `''`). */
function parseDuration(text: string, range: DurationRange): number | undefined {
  const trimmed = text.trim();
  const pattern = range.integer ? /^\d+$/ : /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
  return pattern.test(trimmed) ? durationValue(Number(trimmed), range) : undefined;
}

/** A commander option parser: `--timeout 99999999` → `option '--timeout <seconds>' argument '99999999' is invalid. must be …`. */
export function durationOption(range: DurationRange): (value: string) => number {
  return (value) => {
    const n = parseDuration(value, range);
    if (n === undefined) throw new InvalidArgumentError(`must be ${describeRange(range)}.`);
    return n;
  };
}

/** A duration from the environment variable `name`: undefined when unset or empty, a usage error when invalid. */
export function durationFromEnv(env: Record<string, string | undefined>, name: string, range: DurationRange): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const n = parseDuration(text, range);
  if (n === undefined) throw new CliUsageError(`${name} must be ${describeRange(range)}, got '${text}'`);
  return n;
}
