/**
 * `hac pk PK…`: what HAC's PK analyzer (Platform > PK Analyzer) says about primary keys: type code and
 * name, creation time, cluster id. A PK HAC cannot analyse is reported on stderr (exit 1).
 */
import type { Command } from 'commander';
import type { PkAnalysis } from 'hac-client';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { CliUsageError } from '../errors.js';
import { reportOperationFailure } from './shared/failure.js';

export function register(program: Command, runtime: CliRuntime): void {
  const command = program.command('pk');
  withExamples(command, ['hac pk 8796093054977', 'hac pk 8796093054977 8796093087745 --json']);
  command
    .description('decode primary keys with HAC\'s PK analyzer: type, creation time, cluster')
    .argument('<pk...>', 'one or more PKs (decimal numbers)')
    .action(async (pks: string[]) => {
      const bad = pks.find((pk) => !/^\d+$/.test(pk.trim()));
      if (bad !== undefined) throw new CliUsageError(`a PK is a decimal number such as 8796093054977, got '${bad}'`);
      const client = await runtime.client();
      const analyses: PkAnalysis[] = [];
      // One request per PK, one after the other (HAC's analyzer takes one).
      for (const pk of pks) analyses.push(await client.analyzePk(pk, { signal: runtime.signal }));
      const { printRecords } = await import('./shared/console-output.js');
      const json = runtime.output.format('table') === 'json';
      printRecords(
        runtime,
        analyses.map((a) =>
          json
            ? { pk: a.pkString, success: a.success, error: a.error, typeCode: a.typeCode, typeName: a.typeName, creationDate: a.creationDate, clusterId: a.clusterId, counterBased: a.counterBased }
            : { pk: a.pkString, type: a.typeName, typeCode: a.typeCode, created: a.creationDate, cluster: a.clusterId, error: a.error },
        ),
        { empty: '' },
      );
      const failed = analyses.filter((a) => !a.success);
      if (failed.length > 0) reportOperationFailure(runtime.output, failed.map((a) => `PK ${a.pkString}: ${a.error ?? 'HAC could not analyse it'}`).join('\n'));
    });
}
