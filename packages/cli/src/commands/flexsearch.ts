/**
 * `hac flexsearch QUERY` (alias `fs`): run a FlexibleSearch query and print the rows.
 */
import type { Command } from 'commander';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { withProgress } from './shared/progress.js';
import { CliUsageError } from '../errors.js';
import { addQueryOptions, checkValueFlag, maxCountOf, printQueryResult, readQuery, streamsRows, wantsPages, type QueryFlags } from './shared/query.js';

interface FlexsearchFlags extends QueryFlags {
  locale?: string;
  asUser?: string;
}

export function register(program: Command, runtime: CliRuntime): void {
  const command = program
    .command('flexsearch')
    .alias('fs')
    .description('run a FlexibleSearch query; rows go to stdout (table on a terminal, tab-separated when piped)');
  withExamples(command, [
    "hac fs 'SELECT {pk}, {code} FROM {Product}'",
    'hac fs -f query.fxs --max-count 1000 --csv > products.csv',
    "hac fs 'SELECT {code}, {name[en]} FROM {Product}' --all --csv > all-products.csv",
    "hac fs 'SELECT {code} FROM {Product}' --all --after-pk 8796093054977 --csv >> all-products.csv",
    "echo 'SELECT {uid} FROM {User}' | hac fs --format ndjson",
  ]);
  addQueryOptions(command, { paging: true })
    .option('-l, --locale <locale>', 'session language for localized attributes', 'en')
    .option('--as-user <uid>', 'run the query as this HAC user (default: the logged-in user; -u is the login user)')
    .action(async (query: string | undefined, flags: FlexsearchFlags) => {
      checkValueFlag(runtime, flags);
      if (flags.value === true && wantsPages(flags)) throw new CliUsageError('--value prints one value: leave out --all, --page-size and --after-pk');
      const text = await readQuery(runtime, query, flags);
      if (wantsPages(flags)) {
        const { printQueryPages } = await import('./shared/query-pages.js');
        await printQueryPages(runtime, text, {
          ...(flags.pageSize !== undefined && { pageSize: flags.pageSize }),
          ...(flags.afterPk !== undefined && { afterPk: flags.afterPk }),
          ...(flags.locale !== undefined && { locale: flags.locale }),
          ...(flags.asUser !== undefined && { user: flags.asUser }),
          ...(flags.dataSource !== undefined && { dataSource: flags.dataSource }),
        });
        return;
      }
      const client = await runtime.client();
      const options = {
        maxCount: maxCountOf(flags),
        ...(flags.locale !== undefined && { locale: flags.locale }),
        ...(flags.asUser !== undefined && { user: flags.asUser }),
        ...(flags.dataSource !== undefined && { dataSource: flags.dataSource }),
        signal: runtime.signal,
      };
      if (streamsRows(runtime, flags)) {
        const { printQueryStream } = await import('./shared/query-stream.js');
        await printQueryStream(runtime, 'running the query', client.streamFlexibleSearch(text, options));
        return;
      }
      const result = await withProgress(runtime, 'running the query', client.executeFlexibleSearch(text, options));
      await printQueryResult(runtime, result, { value: flags.value === true });
    });
}
