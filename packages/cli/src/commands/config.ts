/** `hac config path|show|validate`. */
import type { Command } from 'commander';
import { withExamples } from '../help.js';
import type { CoreRuntime } from '../runtime.js';

export function register(program: Command, runtime: CoreRuntime): void {
  const config = program.command('config').description('show and check the configuration file');

  withExamples(
    config
      .command('path')
      .description('print the path of the config file ($HAC_CLIENT_CONFIG_PATH, $XDG_CONFIG_HOME/hac-client/config.toml, ~/.config/hac-client/config.toml)')
      .action(() => {
        runtime.output.data(runtime.configPath);
      }),
    ['hac config path', '$EDITOR "$(hac config path)"'],
  );

  withExamples(
    config
      .command('show')
      .description('print the configuration in effect (the defaults when there is no file); secret-looking values are redacted')
      .action(async () => {
        const cfg = await runtime.config();
        const { redactConfig } = await import('../config/redact.js');
        const doc = redactConfig(cfg.raw);
        if (!cfg.exists) runtime.output.info(`# no config file at ${cfg.path}: these are the defaults`);
        const format = runtime.output.format('table');
        if (format === 'json' || format === 'ndjson') {
          runtime.output.data(format === 'json' ? JSON.stringify(doc, null, 2) : JSON.stringify(doc));
          return;
        }
        const { stringify } = await import('smol-toml');
        runtime.output.data(stringify(doc));
      }),
    ['hac config show', 'hac config show --json'],
  );

  withExamples(
    config
      .command('validate')
      .description('check the config file; exit 2 with the problem when it is invalid')
      .action(async () => {
        const cfg = await runtime.config();
        const { unknownKeys } = await import('../config/unknown-keys.js');
        const { unsafeNames } = await import('../config/shell-words.js');
        if (!cfg.exists) {
          runtime.output.info(`no config file at ${cfg.path}: the defaults apply`);
          return;
        }
        for (const key of unknownKeys(cfg.raw)) {
          const hint = key.meant ? `; did you mean ${key.meant}?` : '';
          runtime.output.warn(`warning: unknown key "${key.path}" (kept, but not used${hint})`);
        }
        for (const name of unsafeNames(cfg)) {
          runtime.output.warn(`warning: ${name.what} is unsafe as a shell word: ${name.reason}; use only letters, digits, ".", "_" and "-"`);
        }
        const endpoints = [...cfg.environments.values()].reduce((n, env) => n + env.endpoints.size, 0);
        runtime.output.info(`${cfg.path}: valid (${cfg.environments.size} environment(s), ${endpoints} endpoint(s))`);
      }),
    ['hac config validate'],
  );
}
