/**
 * `hac env list|show|add|update|remove|set-default`: environments in the config file. The Python
 * CLI's forms work as they are: `env add NAME [-d/--set-default]` (no URL: endpoints come with
 * `hac endpoint add`), `env list -f json|--no-headers|-q`, `env show NAME --json`, `env remove -f`.
 */
import type { Command } from 'commander';
import { DEFAULT_HAC_PATH, findEnvironment, type EnvironmentConfig, type HacConfig } from '../config/schema.js';
import { addSettingsFlags, settingsPatch, type SettingsFlags } from '../config/settings-flags.js';
import { CliUsageError } from '../errors.js';
import { withExamples } from '../help.js';
import { dataColor, dashForNull, humanKeys, rowsFormat, tableWidth } from '../cli-output.js';
import type { CoreRuntime } from '../runtime.js';
import { confirmOrForce } from './shared/confirm.js';
import { pythonEnvironmentRecord } from './shared/config-records.js';
import { listFormatOption, type ListFlags } from './shared/list-options.js';

export function environmentRecord(cfg: HacConfig, env: EnvironmentConfig): Record<string, unknown> {
  const endpoint = env.endpoints.get(env.defaultEndpoint);
  return {
    name: env.name,
    default: env.name === cfg.defaultEnvironment,
    defaultEndpoint: endpoint ? env.defaultEndpoint : null,
    url: endpoint?.url ?? null,
    endpoints: [...env.endpoints.keys()],
    username: env.username ?? null,
    protected: env.protected ?? false,
    readOnly: env.readOnly ?? false,
  };
}

export function register(program: Command, runtime: CoreRuntime): void {
  const env = program.command('env').description('list and edit the environments of the config file');

  withExamples(
    env
      .command('list')
      .description('list the environments (* marks the default); -q: names only')
      .addOption(listFormatOption())
      .option('--no-headers', 'no header row (table, csv, tsv)')
      .option('--names', 'print only the names, one per line (same as -q)')
      .action(async (options: ListFlags) => {
        const cfg = await runtime.config();
        // One rule for every listing: a table on a terminal, tab-separated when piped.
        const format = options.f ?? rowsFormat(runtime.output);
        const json = format === 'json' || format === 'ndjson';
        // The Python CLI's -q on list commands prints the names alone (JSON, when asked for, wins).
        if (options.names || (runtime.globals().quiet && !json)) {
          runtime.output.data([...cfg.environments.keys()].join('\n'));
          return;
        }
        const { renderRecords } = await import('../output/index.js');
        const environments = [...cfg.environments.values()];
        if (json) {
          runtime.output.data(renderRecords(environments.map((e) => pythonEnvironmentRecord(cfg, e)), format));
          return;
        }
        const records = environments.map((e) => environmentRecord(cfg, e));
        const shown = format === 'table' ? records.map((r) => dashForNull({ ...r, name: `${String(r['name'])}${r['default'] ? ' *' : ''}` })) : records;
        runtime.output.data(
          renderRecords(shown, format, {
            // The table marks the default with `*`; CSV/TSV carry it as a column of its own.
            columns: format === 'table' ? ['name', 'url', 'defaultEndpoint', 'endpoints', 'username', 'protected', 'readOnly'] : ['name', 'default', 'url', 'defaultEndpoint', 'endpoints', 'username', 'protected', 'readOnly'],
            // Headers for people on a table; CSV/TSV keep the keys (a machine reads them).
            ...(format === 'table' && { labels: { defaultEndpoint: 'default endpoint', readOnly: 'read-only' } }),
            width: tableWidth(runtime.output),
            color: dataColor(runtime.output),
            header: options.headers,
            descriptive: [], // names and URLs, all of them typed next
          }),
        );
      }),
    ['hac env list', 'hac env list -f json', 'hac env list -q'],
  );

  withExamples(
    env
      .command('show [name]')
      .description('show one environment and its endpoints (default: -e or the default environment)')
      .action(async (name: string | undefined) => {
        const cfg = await runtime.config();
        const found = findEnvironment(cfg, name ?? runtime.globals().env ?? cfg.defaultEnvironment);
        const { renderRecord } = await import('../output/index.js');
        const format = runtime.output.format('table');
        if (format !== 'table') {
          runtime.output.data(renderRecord(pythonEnvironmentRecord(cfg, found), format));
          return;
        }
        const endpoints = [...found.endpoints.values()].map((ep) => `${ep.name}: ${ep.url}${ep.ignoreSsl ? ' (ignore_ssl)' : ''}, timeout ${ep.timeoutSeconds}s`);
        const { endpoints: _names, ...record } = environmentRecord(cfg, found);
        runtime.output.data(
          renderRecord(
            humanKeys({ ...record, hacPath: found.hacPath ?? DEFAULT_HAC_PATH, endpoints: endpoints.length > 0 ? endpoints.join('\n') : `none yet (hac endpoint add ${found.name} NAME --url URL)` }),
            format,
            { color: dataColor(runtime.output) },
          ),
        );
      }),
    ['hac env show', 'hac env show prod --json'],
  );

  withExamples(
    addSettingsFlags(
      env
        .command('add <name>')
        .description('add an environment; with --url also its endpoint (named by -n, default "hac"), else add endpoints with hac endpoint add')
        .option('-d, --set-default', 'make it the default environment')
        .option('--default', 'same as --set-default'),
    ).action(async (name: string, options: SettingsFlags & { default?: boolean; setDefault?: boolean }) => {
      const { updateConfigFile } = await import('../config/store.js');
      const { addEnvironment, setDefaultEnvironment } = await import('../config/edit.js');
      const globals = runtime.globals();
      const patch = settingsPatch(options, globals);
      let replacedDefault = false;
      await updateConfigFile(runtime.configPath, (raw) => {
        replacedDefault = addEnvironment(raw, name, globals.endpoint ?? 'hac', patch);
        if (options.default || options.setDefault) setDefaultEnvironment(raw, name);
      });
      // Only worth a word when the file had it: without a file the default was never the user's.
      const where = replacedDefault && (await runtime.config()).exists ? ` (it replaces the built-in default "${name}")` : '';
      runtime.output.info(
        patch.url === undefined
          ? `added environment "${name}"${where}; add its endpoints with: hac endpoint add ${name} NAME --url URL`
          : `added environment "${name}"${where} to ${runtime.configPath}`,
      );
    }),
    [
      'hac env add production --set-default   # then: hac endpoint add production node1 --url …',
      'hac env add dev --url https://dev.example.com:9002 -u admin',
      'hac env add prod --url https://hac.prod.example.com -n node1 --protected',
    ],
  );

  withExamples(
    addSettingsFlags(
      env.command('update <name>').description('change environment-wide settings (username, protected, read_only, hac_path)'),
    ).action(async (name: string, options: SettingsFlags) => {
      const { updateConfigFile } = await import('../config/store.js');
      const { updateEnvironment } = await import('../config/edit.js');
      const globals = runtime.globals();
      const patch = settingsPatch(options, globals);
      if (patch.url !== undefined || patch.ignoreSsl !== undefined || patch.timeoutSeconds !== undefined) {
        throw new CliUsageError('url, ignore_ssl and timeout belong to an endpoint: use hac endpoint update');
      }
      if (Object.keys(patch).length === 0) throw new CliUsageError('nothing to update: pass at least one setting (see: hac env update --help)');
      await updateConfigFile(runtime.configPath, (raw) => updateEnvironment(raw, name, patch));
      runtime.output.info(`updated environment "${name}"`);
    }),
    ['hac env update prod --protected', 'hac env update prod --read-only', 'hac env update dev -u deployer'],
  );

  withExamples(
    env
      .command('remove <name>')
      .alias('rm')
      .description('remove an environment and its endpoints (asks first; -f/--force does not)')
      .option('-f, --force', 'do not ask')
      .action(async (name: string, options: { force?: boolean }) => {
        findEnvironment(await runtime.config(), name); // an unknown name is an error before any question
        await confirmOrForce(runtime, options.force, `Remove environment '${name}'?`);
        const { updateConfigFile } = await import('../config/store.js');
        const { removeEnvironment } = await import('../config/edit.js');
        await updateConfigFile(runtime.configPath, (raw) => removeEnvironment(raw, name));
        runtime.output.info(`removed environment "${name}"`);
      }),
    ['hac env remove staging', 'hac env remove staging --force'],
  );

  withExamples(
    env
      .command('set-default <name>')
      .description('make an environment the default (default_environment)')
      .action(async (name: string) => {
        const { updateConfigFile } = await import('../config/store.js');
        const { setDefaultEnvironment } = await import('../config/edit.js');
        await updateConfigFile(runtime.configPath, (raw) => setDefaultEnvironment(raw, name));
        runtime.output.info(`default environment is now "${name}"`);
      }),
    ['hac env set-default dev'],
  );
}
