/**
 * `hac cache list|clear`: HAC's region cache monitor (Monitoring > Cache). `clear` does what HAC's
 * "Clear cache" button does: it clears every region of the node serving the request (HAC has no
 * per-region clear).
 */
import type { Command } from 'commander';
import type { CacheRegion } from 'hac-client';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { withProgress } from './shared/progress.js';

function row(region: CacheRegion): Record<string, unknown> {
  return {
    region: region.name,
    entries: region.instanceCount,
    maxEntries: region.maxEntries,
    hits: region.hits,
    misses: region.misses,
    hitRatio: region.hitRatio === null ? null : Math.round(region.hitRatio * 1000) / 10,
    evictions: region.evictions,
    invalidations: region.invalidations,
  };
}

export function register(program: Command, runtime: CliRuntime): void {
  const cache = program.command('cache').description('show region cache statistics and clear the caches');

  withExamples(cache.command('list'), ['hac cache list', 'hac cache list --json'])
    .description('statistics of every region cache (hit ratio in percent)')
    .action(async () => {
      const regions = await (await runtime.client()).getCacheRegions({ signal: runtime.signal });
      const { printRecords } = await import('./shared/console-output.js');
      printRecords(runtime, regions.map(row), { empty: 'no region caches' });
    });

  withExamples(cache.command('clear'), ['hac cache clear', 'hac -e prod cache clear --yes'])
    .description('clear every region cache of the node serving the request (asks for confirmation on protected environments)')
    .action(async () => {
      await runtime.guard('cache-clear', 'cache clear');
      const client = await runtime.client();
      // Clearing every region can take seconds on a loaded node: the spinner says hac is waiting.
      const clearing = runtime.auditWrite('cache clear', undefined, () => client.clearCache({ signal: runtime.signal }), (cleared) => ({ ok: true, rows: cleared.length }));
      const regions = await withProgress(runtime, 'clearing the caches', clearing);
      const { printRecords } = await import('./shared/console-output.js');
      printRecords(runtime, regions.map(row), { empty: 'no region caches' });
      runtime.output.info(`cleared every region cache (${regions.length}) of the node that served the request`);
    });
}
