/**
 * `hac endpoint list|show|add|update|remove|set-default`: endpoints of an environment. The
 * environment is `-e ENV` (default: the default environment) or, as in the Python CLI, a first
 * positional argument: `hac endpoint add prod node2 --url …` is `hac endpoint add node2 -e prod --url …`.
 * As in the Python CLI, `-u` is the URL here (`hac endpoint add prod node2 -u https://…`), the list
 * takes `-f json`, `--no-headers` and `-q` (names only), and `add` takes `--set-default`.
 */
import type { Command } from 'commander';
import { DEFAULT_HAC_PATH, findEnvironment, type EndpointConfig, type EnvironmentConfig } from '../config/schema.js';
import { addSettingsFlags, endpointSettingsPatch, type SettingsFlags } from '../config/settings-flags.js';
import { CliUsageError } from '../errors.js';
import { withExamples } from '../help.js';
import { dataColor, dashForNull, humanKeys, rowsFormat, tableWidth } from '../cli-output.js';
import type { CoreRuntime } from '../runtime.js';
import { listFormatOption, type ListFlags } from './shared/list-options.js';
import { pythonEndpointRecord } from './shared/config-records.js';

function endpointRecord(env: EnvironmentConfig, ep: EndpointConfig): Record<string, unknown> {
  return {
    environment: env.name,
    name: ep.name,
    default: ep.name === env.defaultEndpoint,
    url: ep.url,
    hacPath: ep.hacPath ?? env.hacPath ?? DEFAULT_HAC_PATH,
    ignoreSsl: ep.ignoreSsl,
    timeout: ep.timeoutSeconds,
    username: ep.username ?? env.username ?? null,
    protected: ep.protected ?? env.protected ?? false,
    readOnly: ep.readOnly ?? env.readOnly ?? false,
  };
}

export function register(program: Command, runtime: CoreRuntime): void {
  const endpoint = program.command('endpoint').description('list and edit the endpoints (URLs) of an environment');

  /** `[ENV] NAME` → environment and endpoint names. */
  const names = async (first: string, second: string | undefined): Promise<{ env: string; name: string }> => {
    if (second !== undefined) return { env: first, name: second };
    return { env: runtime.globals().env ?? (await runtime.config()).defaultEnvironment, name: first };
  };

  withExamples(
    endpoint
      .command('list [env]')
      .description('list the endpoints of an environment (default: -e or the default environment); -q: names only')
      .addOption(listFormatOption())
      .option('--no-headers', 'no header row (table, csv, tsv)')
      .option('--names', 'print only the names, one per line (same as -q)')
      .action(async (envName: string | undefined, options: ListFlags) => {
        const cfg = await runtime.config();
        const env = findEnvironment(cfg, envName ?? runtime.globals().env ?? cfg.defaultEnvironment);
        // One rule for every listing: a table on a terminal, tab-separated when piped.
        const format = options.f ?? rowsFormat(runtime.output);
        const json = format === 'json' || format === 'ndjson';
        if (options.names || (runtime.globals().quiet && !json)) {
          runtime.output.data([...env.endpoints.keys()].join('\n'));
          return;
        }
        const { renderRecords } = await import('../output/index.js');
        if (json) {
          runtime.output.data(renderRecords([...env.endpoints.values()].map((ep) => pythonEndpointRecord(env, ep)), format));
          return;
        }
        const records = [...env.endpoints.values()].map((ep) => endpointRecord(env, ep));
        const shown = format === 'table' ? records.map((r) => dashForNull({ ...r, name: `${String(r['name'])}${r['default'] ? ' *' : ''}` })) : records;
        runtime.output.data(
          renderRecords(shown, format, {
            // The table marks the default with `*`; CSV/TSV carry it as a column of its own.
            columns: format === 'table' ? ['name', 'url', 'hacPath', 'ignoreSsl', 'timeout', 'username', 'protected', 'readOnly'] : ['name', 'default', 'url', 'hacPath', 'ignoreSsl', 'timeout', 'username', 'protected', 'readOnly'],
            // Headers for people on a table; CSV/TSV keep the keys (a machine reads them).
            ...(format === 'table' && { labels: { hacPath: 'hac path', ignoreSsl: 'ignore ssl', readOnly: 'read-only' } }),
            width: tableWidth(runtime.output),
            color: dataColor(runtime.output),
            header: options.headers,
            descriptive: [], // names and URLs, all of them typed next
          }),
        );
      }),
    ['hac endpoint list', 'hac endpoint list prod', 'hac endpoint list prod -f json', 'hac endpoint list prod -q'],
  );

  withExamples(
    endpoint
      .command('show <env-or-name> [name]')
      .description('show one endpoint with the settings in effect')
      .action(async (first: string, second: string | undefined) => {
        const cfg = await runtime.config();
        const { env: envName, name } = await names(first, second);
        const env = findEnvironment(cfg, envName);
        const ep = env.endpoints.get(name);
        if (!ep) throw new CliUsageError(`endpoint "${name}" is not defined in environment "${envName}"`);
        const { renderRecord } = await import('../output/index.js');
        const format = runtime.output.format('table');
        runtime.output.data(
          format === 'table' ? renderRecord(humanKeys(endpointRecord(env, ep)), format, { color: dataColor(runtime.output) }) : renderRecord(pythonEndpointRecord(env, ep), format),
        );
      }),
    ['hac endpoint show hac', 'hac endpoint show prod node1 --json'],
  );

  withExamples(
    addSettingsFlags(
      endpoint
        .command('add <env-or-name> [name]')
        .description('add an endpoint to an environment; needs --url (or -u, as in the Python CLI)')
        .option('--set-default', "make it the environment's default endpoint")
        .option('--default', 'same as --set-default'),
      { uIsUrl: true },
    ).action(async (first: string, second: string | undefined, options: SettingsFlags & { default?: boolean; setDefault?: boolean }) => {
      const { env, name } = await names(first, second);
      const { updateConfigFile } = await import('../config/store.js');
      const { addEndpoint, setDefaultEndpoint } = await import('../config/edit.js');
      const patch = endpointSettingsPatch(options, runtime.globals());
      await updateConfigFile(runtime.configPath, (raw) => {
        addEndpoint(raw, env, name, patch);
        if (options.default || options.setDefault) setDefaultEndpoint(raw, env, name);
      });
      runtime.output.info(`added endpoint "${name}" to environment "${env}"`);
    }),
    [
      'hac endpoint add prod node2 --url https://node2.prod.example.com',
      'hac endpoint add local hac -u https://localhost:9002 --ignore-ssl --set-default',
      'hac -e dev endpoint add direct --url http://10.0.0.5:9001 --hac-path /hac_admin',
    ],
  );

  withExamples(
    addSettingsFlags(endpoint.command('update <env-or-name> [name]').description('change settings of an endpoint'), { uIsUrl: true }).action(
      async (first: string, second: string | undefined, options: SettingsFlags) => {
        const { env, name } = await names(first, second);
        const { updateConfigFile } = await import('../config/store.js');
        const { updateEndpoint } = await import('../config/edit.js');
        const patch = endpointSettingsPatch(options, runtime.globals());
        await updateConfigFile(runtime.configPath, (raw) => updateEndpoint(raw, env, name, patch));
        runtime.output.info(`updated endpoint "${name}" of environment "${env}"`);
      },
    ),
    ['hac endpoint update hac --url https://localhost:9012', 'hac endpoint update prod node1 -u https://node1.example.com --timeout 120 --no-ignore-ssl'],
  );

  withExamples(
    endpoint
      .command('remove <env-or-name> [name]')
      .alias('rm')
      .description('remove an endpoint (not the default one: set another default first)')
      .action(async (first: string, second: string | undefined) => {
        const { env, name } = await names(first, second);
        const { updateConfigFile } = await import('../config/store.js');
        const { removeEndpoint } = await import('../config/edit.js');
        await updateConfigFile(runtime.configPath, (raw) => removeEndpoint(raw, env, name));
        runtime.output.info(`removed endpoint "${name}" from environment "${env}"`);
      }),
    ['hac endpoint remove prod node2'],
  );

  withExamples(
    endpoint
      .command('set-default <env-or-name> [name]')
      .description("make an endpoint the environment's default (default_endpoint)")
      .action(async (first: string, second: string | undefined) => {
        const { env, name } = await names(first, second);
        const { updateConfigFile } = await import('../config/store.js');
        const { setDefaultEndpoint } = await import('../config/edit.js');
        await updateConfigFile(runtime.configPath, (raw) => setDefaultEndpoint(raw, env, name));
        runtime.output.info(`default endpoint of "${env}" is now "${name}"`);
      }),
    ['hac endpoint set-default prod node2'],
  );
}
