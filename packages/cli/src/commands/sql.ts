/**
 * `hac sql QUERY`: run raw SQL through HAC's FlexibleSearch console and print the rows. Modifying
 * statements are rolled back unless `--commit` (guarded) is given.
 */
import type { Command } from 'commander';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { withProgress } from './shared/progress.js';
import { sqlRollbackNote } from './shared/rollback-notes.js';
import { awaitServerWork } from './shared/server-work.js';
import { addQueryOptions, checkValueFlag, maxCountOf, printQueryResult, readQuery, streamsRows, type QueryFlags } from './shared/query.js';

interface SqlFlags extends QueryFlags {
  commit?: boolean;
}

export function register(program: Command, runtime: CliRuntime): void {
  const command = program
    .command('sql')
    .description('run an SQL statement; rows go to stdout (table on a terminal, tab-separated when piped)');
  withExamples(command, ["hac sql 'SELECT COUNT(*) FROM products'", 'hac sql -f fix.sql --commit --yes']);
  addQueryOptions(command)
    .option('-c, --commit', 'commit a modifying statement (default: roll back)')
    .action(async (query: string | undefined, flags: SqlFlags) => {
      checkValueFlag(runtime, flags);
      const text = await readQuery(runtime, query, flags);
      const commit = flags.commit === true;
      if (commit) await runtime.guard('commit', 'sql --commit');
      const client = await runtime.client();
      const options = {
        maxCount: maxCountOf(flags),
        commit,
        ...(flags.dataSource !== undefined && { dataSource: flags.dataSource }),
        signal: runtime.signal,
      };
      // A committed statement is audited with its outcome: it takes the whole result.
      if (!commit && streamsRows(runtime, flags)) {
        const { printQueryStream } = await import('./shared/query-stream.js');
        const streamed = await awaitServerWork(runtime, { what: 'the statement' }, printQueryStream(runtime, 'running the statement', client.streamSql(text, options)));
        const note = streamed ? sqlRollbackNote({ headers: streamed.headers, rows: streamed.firstRows }) : null;
        if (note !== null) runtime.output.warn(note);
        return;
      }
      const execute = () => client.executeSql(text, options);
      const request = commit
        ? runtime.auditWrite('sql --commit', text, execute, (r) => ({ ok: r.success, rows: r.resultCount, ...(r.exception !== null ? { reason: r.exception } : {}) }))
        : execute();
      const result = await awaitServerWork(runtime, { what: 'the statement' }, withProgress(runtime, 'running the statement', request));
      await printQueryResult(runtime, result, { value: flags.value === true });
      const note = !commit && result.success ? sqlRollbackNote(result) : null;
      if (note !== null) runtime.output.warn(note);
    });
}
