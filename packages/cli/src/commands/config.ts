/**
 * `hac config path|show|validate`, and `hac config` alone with the Python CLI's flags
 * (`-l -e NAME -v -p -x --json`, see `config-overview.ts`).
 */
import { Option, type Command } from 'commander';
import { CliUsageError } from '../errors.js';
import { withExamples } from '../help.js';
import type { CoreRuntime } from '../runtime.js';

export function register(program: Command, runtime: CoreRuntime): void {
  const config = program.command('config').description('show and check the configuration file');
  withExamples(
    config
      .option('-l, --list', 'list the environment names')
      .addOption(new Option('--list-environments', 'same as --list').hideHelp())
      .option('-v, --validate', 'check the file (as: hac config validate)')
      .option('-p, --path', 'where the file is, and whether it exists')
      .option('-x, --example', 'print an example file')
      .addHelpText('after', '\nWithout a subcommand: the whole configuration; -e NAME: one environment; --json: as JSON.\n')
      .action(async (flags: Record<string, boolean | undefined>, command: Command) => {
        if (command.args.length > 0) throw new CliUsageError(`unknown config command '${command.args[0]}' (config path|show|validate, or no command); see: hac config --help`);
        const { showOverview } = await import('./config-overview.js');
        await showOverview(runtime, flags);
      }),
    ['hac config', 'hac config -l', 'hac config -e local --json', 'hac config -v', 'hac config -x > ~/.config/hac-client/config.toml'],
  );

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
          const { formatJson, formatNdjson } = await import('../output/json.js');
          runtime.output.data(format === 'json' ? formatJson(doc) : formatNdjson([doc]));
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
        const { checkConfig } = await import('../config/check.js');
        if (!cfg.exists) {
          runtime.output.info(`no config file at ${cfg.path}: the defaults apply`);
          return;
        }
        const { warnings, notes } = checkConfig(cfg);
        for (const warning of warnings) runtime.output.warn(`warning: ${warning}`);
        for (const note of notes) runtime.output.info(`note: ${note}`);
        const endpoints = [...cfg.environments.values()].reduce((n, env) => n + env.endpoints.size, 0);
        runtime.output.info(`${cfg.path}: valid (${cfg.environments.size} environment(s), ${endpoints} endpoint(s))`);
      }),
    ['hac config validate'],
  );
}
