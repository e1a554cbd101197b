/** Small helpers shared by the emulator benchmarks (flags, formatting, medians). */
import { resourceUsage } from 'node:process';

/** `--name N` from the command line, or the default. */
export function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index > 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export const ms = (n: number): string => `${n.toFixed(0).padStart(7)} ms`;
export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0).padStart(5)} MiB`;

/** Peak resident set size of this process so far, in bytes. */
export function peakRss(): number {
  return resourceUsage().maxRSS * 1024;
}

/** User + system CPU time of a `process.cpuUsage(previous)` difference, in milliseconds. */
export function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
