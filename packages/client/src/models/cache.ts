/** Statistics of one region cache (`GET /monitoring/cache/regionCache/data`). */
export interface CacheRegion {
  name: string;
  /** Capacity of the region in entries. */
  maxEntries: number;
  /** Highest number of entries the region held, or `null` when HAC does not say. */
  maxReachedSize: number | null;
  /** HAC's `factor` column as sent (the hit ratio in percent on the page), or `null`. */
  factor: number | null;
  hits: number;
  misses: number;
  invalidations: number;
  evictions: number;
  fetches: number;
  /** Entries in the region now. */
  instanceCount: number;
  /** `hits / (hits + misses)` between 0 and 1, `null` before the first lookup. */
  hitRatio: number | null;
  /** Per-type statistics exactly as HAC sent them (`type`, `typeName`, `hits`, `misses` …). */
  typesStatistics: unknown[];
}
