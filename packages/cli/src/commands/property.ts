/**
 * `hac property list|get|set|delete` (alias `prop`): HAC's configuration page (Platform >
 * Configuration). `hac config` is the command for hac's own config file. Changes are made in memory on
 * the node serving the request: lost on restart, not cluster-wide. Secrets show as HAC shows them
 * (`*****`).
 */
import type { Command } from 'commander';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { reportOperationFailure } from './shared/failure.js';

const output = () => import('./shared/console-output.js');

export function register(program: Command, runtime: CliRuntime): void {
  const property = program
    .command('property')
    .alias('prop')
    .description("read and change HAC's configuration properties (in memory on one node; hac config is hac's own config file)");

  withExamples(property.command('list'), ['hac property list', 'hac property list mail. --csv'])
    .description('list the properties (secrets masked by HAC)')
    .argument('[prefix]', 'only keys that start with this')
    .action(async (prefix: string | undefined) => {
      const properties = await (await runtime.client()).getConfiguration({ signal: runtime.signal });
      const records = Object.entries(properties)
        .filter(([key]) => prefix === undefined || key.startsWith(prefix))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => ({ key, value }));
      (await output()).printRecords(runtime, records, { empty: prefix === undefined ? 'no properties' : `no property starts with ${prefix}`, descriptive: ['value'] });
    });

  withExamples(property.command('get'), ['hac property get tomcat.ssl.port', 'hac prop get mail.smtp.server --json'])
    .description('print the value of one property (exit 1 when HAC has no such key)')
    .argument('<key>', 'property key')
    .action(async (key: string) => {
      const properties = await (await runtime.client()).getConfiguration({ signal: runtime.signal });
      const value = properties[key];
      if (value === undefined) {
        reportOperationFailure(runtime.output, `HAC has no property ${key}`);
        return;
      }
      if (runtime.output.format('table') === 'json') (await output()).printRecord(runtime, { key, value });
      else runtime.output.data(`${value}\n`);
    });

  withExamples(property.command('set'), ['hac property set mail.smtp.server smtp.example.com', 'hac -e prod prop set my.feature.flag true --yes'])
    .description('set a property in memory on the node serving the request (asks for confirmation on protected environments)')
    .argument('<key>', 'property key')
    .argument('<value>', 'new value')
    .action(async (key: string, value: string) => {
      await runtime.guard('config-change', 'property set');
      const client = await runtime.client();
      // Only the key is fingerprinted: a value may be a secret, and its hash could be guessed back.
      await runtime.auditWrite('property set', key, () => client.setConfigurationProperty(key, value, { signal: runtime.signal }), () => ({ ok: true }));
      runtime.output.info(`${key} set (in memory on the node that served the request, until it restarts)`);
    });

  withExamples(property.command('delete'), ['hac property delete my.feature.flag'])
    .description('remove a property from the in-memory configuration of the node serving the request (exit 1 when it did not exist)')
    .argument('<key>', 'property key')
    .action(async (key: string) => {
      await runtime.guard('config-change', 'property delete');
      const client = await runtime.client();
      const removed = await runtime.auditWrite('property delete', key, () => client.deleteConfigurationProperty(key, { signal: runtime.signal }), (done) => ({ ok: done, ...(done ? {} : { reason: `HAC has no property ${key}` }) }));
      if (!removed) reportOperationFailure(runtime.output, `HAC has no property ${key}: nothing deleted`);
      else runtime.output.info(`${key} deleted (in memory on the node that served the request, until it restarts)`);
    });
}
