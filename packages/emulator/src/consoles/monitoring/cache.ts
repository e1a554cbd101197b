/**
 * Region cache monitoring: `GET /monitoring/cache/regionCache/data` and
 * `POST /monitoring/cache/regionCache/clear`. HAC's page (`regionCache.js`) posts the clear without
 * any parameter and it clears every region; no public source shows a per-region clear, so a
 * `regionName` sent anyway is ignored like any unknown parameter. Statistics grow a little with every
 * read, deterministically, as a live system's would; clearing resets them.
 */
import { htmlResponse, jsonResponse } from '../http.js';
import { dataTable, renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

interface Statistics {
  hits: number;
  misses: number;
  invalidations: number;
  evictions: number;
  fetches: number;
  instanceCount: number;
}

interface Region {
  name: string;
  maxEntries: number;
  /** Type codes this region caches, with how much of its traffic each gets. */
  types: { typeCode: string; share: number }[];
  stats: Statistics;
  typeStats: Map<string, Statistics>;
  maxReachedSize: number;
}

const emptyStats = (): Statistics => ({ hits: 0, misses: 0, invalidations: 0, evictions: 0, fetches: 0, instanceCount: 0 });

const DEFINITIONS: { name: string; maxEntries: number; types: { typeCode: string; share: number }[]; load: number }[] = [
  { name: 'typesystemCacheRegion', maxEntries: 100_000, types: [{ typeCode: '__TYPESYSTEM__', share: 1 }], load: 40 },
  { name: 'entityCacheRegion', maxEntries: 100_000, types: [{ typeCode: '1', share: 0.5 }, { typeCode: '4', share: 0.3 }, { typeCode: '45', share: 0.2 }], load: 25 },
  { name: 'queryCacheRegion', maxEntries: 20_000, types: [{ typeCode: '__QUERY_CACHE__', share: 1 }], load: 12 },
  { name: 'mediaCacheRegion', maxEntries: 5_000, types: [{ typeCode: '30', share: 1 }], load: 3 },
];

export class RegionCaches {
  private readonly regions: Region[];
  private tick = 0;

  constructor() {
    this.regions = DEFINITIONS.map((d) => ({ name: d.name, maxEntries: d.maxEntries, types: d.types, stats: emptyStats(), typeStats: new Map(), maxReachedSize: 0 }));
    // A running system has warm caches: start with some traffic.
    for (let i = 0; i < 20; i++) this.advance();
  }

  /** One step of simulated traffic: mostly hits, a few misses (each a fetch), rare invalidations. */
  advance(): void {
    this.tick++;
    DEFINITIONS.forEach((definition, index) => {
      const region = this.regions[index] as Region;
      for (const { typeCode, share } of region.types) {
        const stats = region.typeStats.get(typeCode) ?? emptyStats();
        const hits = Math.round(definition.load * share * (3 + (this.tick % 4)));
        const misses = Math.max(1, Math.round(definition.load * share * (this.tick % 3 === 0 ? 0.6 : 0.3)));
        stats.hits += hits;
        stats.misses += misses;
        stats.fetches += misses;
        stats.invalidations += this.tick % 5 === 0 ? 1 : 0;
        const grown = stats.instanceCount + misses;
        const room = Math.round(region.maxEntries * share);
        stats.evictions += Math.max(0, grown - room);
        stats.instanceCount = Math.min(grown, room);
        region.typeStats.set(typeCode, stats);
      }
      region.stats = [...region.typeStats.values()].reduce((sum, s) => ({
        hits: sum.hits + s.hits, misses: sum.misses + s.misses, invalidations: sum.invalidations + s.invalidations,
        evictions: sum.evictions + s.evictions, fetches: sum.fetches + s.fetches, instanceCount: sum.instanceCount + s.instanceCount,
      }), emptyStats());
      region.maxReachedSize = Math.max(region.maxReachedSize, region.stats.instanceCount);
    });
  }

  clear(): void {
    for (const region of this.regions) {
      region.stats = emptyStats();
      region.typeStats = new Map();
      region.maxReachedSize = 0;
    }
  }

  snapshot(): { regions: RegionSnapshot[] } {
    return {
      regions: this.regions.map((region) => ({
        name: region.name,
        maxEntries: region.maxEntries,
        maxReachedSize: region.maxReachedSize,
        // Hit ratio in percent, as the page shows it.
        factor: ratio(region.stats),
        cacheStatistics: { ...region.stats },
        // As regionCache.js reads them: `typeName` ("Name (full name)" when known) or `type`, and the
        // counters; the page computes ratio and instance count itself.
        typesStatistics: [...region.typeStats.entries()].map(([type, { hits, misses, invalidations, evictions, fetches }]) => ({
          type, typeName: type, hits, misses, invalidations, evictions, fetches,
        })),
      })),
    };
  }
}

interface RegionSnapshot {
  name: string;
  maxEntries: number;
  maxReachedSize: number;
  factor: number;
  cacheStatistics: Statistics;
  typesStatistics: (Omit<Statistics, 'instanceCount'> & { type: string; typeName: string })[];
}

function ratio(stats: Statistics): number {
  const total = stats.hits + stats.misses;
  return total === 0 ? 0 : Math.round((stats.hits / total) * 10_000) / 100;
}

export function cacheRoutes(caches = new RegionCaches()): ConsoleRoute[] {
  return [
    {
      method: 'GET',
      path: '/monitoring/cache',
      handle(request) {
        const rows = caches.snapshot().regions.map((r) => `<tr data-region="${r.name}"><td>${r.name}</td><td>${r.maxEntries}</td><td>${r.cacheStatistics.instanceCount}</td>`
          + `<td>${r.cacheStatistics.hits}</td><td>${r.cacheStatistics.misses}</td><td>${r.factor}</td></tr>`);
        // As regionCache.jsp: one button that clears every region.
        const button = `\t<button id="resetCache" data-url="${request.contextPath}/monitoring/cache/regionCache/clear">Clear cache</button>\n`;
        return htmlResponse(renderConsolePage(request, {
          title: 'Cache',
          urls: { dataUrl: '/monitoring/cache/regionCache/data', clearUrl: '/monitoring/cache/regionCache/clear' },
          body: button + dataTable('regionCaches', ['Region', 'Max entries', 'Entries', 'Hits', 'Misses', 'Factor (%)'], rows),
        }));
      },
    },
    {
      method: 'GET',
      path: '/monitoring/cache/regionCache/data',
      handle() {
        caches.advance();
        return jsonResponse(caches.snapshot());
      },
    },
    {
      method: 'POST',
      path: '/monitoring/cache/regionCache/clear',
      handle() {
        caches.clear();
        return jsonResponse(caches.snapshot());
      },
    },
  ];
}
