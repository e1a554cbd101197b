/** `hac env list|show|add|update|remove|set-default`: environments in the config file. */
import type { Command } from 'commander';
import { findEnvironment, type EnvironmentConfig, type HacConfig } from '../config/schema.js';
import { addSettingsFlags, settingsPatch, type SettingsFlags } from '../config/settings-flags.js';
import { CliUsageError } from '../errors.js';
import { withExamples } from '../help.js';
import { dataColor, dashForNull, humanKeys, tableWidth } from '../cli-output.js';
import type { CoreRuntime } from '../runtime.js';

export function environmentRecord(cfg: HacConfig, env: EnvironmentConfig): Record<string, unknown> {
  const endpoint = env.endpoints.get(env.defaultEndpoint);
  return {
    name: env.name,
    default: env.name === cfg.defaultEnvironment,
    defaultEndpoint: env.defaultEndpoint,
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
      .description('list the environments (* marks the default)')
      .option('--names', 'print only the names, one per line (for scripts and completion)')
      .action(async (options: { names?: boolean }) => {
        const cfg = await runtime.config();
        if (options.names) {
          runtime.output.data([...cfg.environments.keys()].join('\n'));
          return;
        }
        const { renderRecords } = await import('../output/index.js');
        const records = [...cfg.environments.values()].map((e) => environmentRecord(cfg, e));
        const format = runtime.output.format('table');
        const shown = format === 'table' ? records.map((r) => dashForNull({ ...r, name: `${String(r['name'])}${r['default'] ? ' *' : ''}` })) : records;
        runtime.output.data(
          renderRecords(shown, format, {
            // JSON keeps every field (including `default`); the table marks the default with `*`.
            columns: format === 'json' || format === 'ndjson' ? Object.keys(records[0] ?? {}) : ['name', 'url', 'defaultEndpoint', 'endpoints', 'username', 'protected', 'readOnly'],
            labels: { defaultEndpoint: 'default endpoint', readOnly: 'read-only' },
            width: tableWidth(runtime.output),
            color: dataColor(runtime.output),
          }),
        );
      }),
    ['hac env list', 'hac env list --json', 'hac env list --names'],
  );

  withExamples(
    env
      .command('show [name]')
      .description('show one environment and its endpoints (default: -e or the default environment)')
      .action(async (name: string | undefined) => {
        const cfg = await runtime.config();
        const found = findEnvironment(cfg, name ?? runtime.globals().env ?? cfg.defaultEnvironment);
        const { renderRecord } = await import('../output/index.js');
        const record = {
          ...environmentRecord(cfg, found),
          hacPath: found.hacPath ?? null,
          endpointDetails: [...found.endpoints.values()].map((ep) => ({ name: ep.name, url: ep.url, ignoreSsl: ep.ignoreSsl, timeout: ep.timeoutSeconds })),
        };
        const format = runtime.output.format('table');
        if (format === 'table') {
          const { endpointDetails, ...rest } = record;
          runtime.output.data(
            renderRecord(
              humanKeys({ ...rest, endpoints: endpointDetails.map((ep) => `${ep.name}: ${ep.url}${ep.ignoreSsl ? ' (ignore_ssl)' : ''}, timeout ${ep.timeout}s`).join('\n') }),
              format,
              { color: dataColor(runtime.output) },
            ),
          );
          return;
        }
        runtime.output.data(renderRecord(record, format));
      }),
    ['hac env show', 'hac env show prod --json'],
  );

  withExamples(
    addSettingsFlags(
      env
        .command('add <name>')
        .description('add an environment with one endpoint (named by -n, default "hac"); needs --url')
        .option('--default', 'make it the default environment'),
    ).action(async (name: string, options: SettingsFlags & { default?: boolean }) => {
      const { updateConfigFile } = await import('../config/store.js');
      const { addEnvironment, setDefaultEnvironment } = await import('../config/edit.js');
      const globals = runtime.globals();
      const patch = settingsPatch(options, globals);
      await updateConfigFile(runtime.configPath, (raw) => {
        addEnvironment(raw, name, globals.endpoint ?? 'hac', patch);
        if (options.default) setDefaultEnvironment(raw, name);
      });
      runtime.output.info(`added environment "${name}" to ${runtime.configPath}`);
    }),
    [
      'hac env add dev --url https://dev.example.com:9002 -u admin',
      'hac env add prod --url https://hac.prod.example.com -n node1 --protected',
      'hac env add local2 --url https://localhost:9012 -k --timeout 120 --default',
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
      .description('remove an environment and its endpoints')
      .action(async (name: string) => {
        const { updateConfigFile } = await import('../config/store.js');
        const { removeEnvironment } = await import('../config/edit.js');
        await updateConfigFile(runtime.configPath, (raw) => removeEnvironment(raw, name));
        runtime.output.info(`removed environment "${name}"`);
      }),
    ['hac env remove staging'],
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
