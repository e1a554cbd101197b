/**
 * `hac logger list [PREFIX]` and `hac logger set NAME LEVEL`: HAC's logging page (Platform > Logging).
 * Levels change in memory on the node serving the request, until its next restart.
 */
import type { Command } from 'commander';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { oneOf } from './shared/options.js';

const LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'] as const;

// The formatters load only when an action runs (start-up time).
const output = () => import('./shared/console-output.js');

export function register(program: Command, runtime: CliRuntime): void {
  const logger = program.command('logger').description('list loggers and change log levels at runtime (until the next restart)');

  withExamples(logger.command('list'), ['hac logger list', 'hac logger list de.hybris.platform --json'])
    .description('list loggers with their effective level and parent')
    .argument('[prefix]', 'only loggers whose name starts with this')
    .action(async (prefix: string | undefined) => {
      const client = await runtime.client();
      const loggers = await client.getLoggers({ signal: runtime.signal });
      const shown = prefix === undefined ? loggers : loggers.filter((l) => l.name.startsWith(prefix));
      const { printRecords } = await output();
      printRecords(runtime, shown.map((l) => ({ name: l.name, level: l.level, parent: l.parentName })), { empty: prefix === undefined ? 'no loggers' : `no logger starts with ${prefix}` });
    });

  withExamples(logger.command('set'), ['hac logger set de.hybris.platform.jalo DEBUG', 'hac -e prod logger set org.apache.solr WARN --yes'])
    .description('set the level of a logger on the node serving the request (asks for confirmation on protected environments)')
    .argument('<name>', 'logger name, e.g. de.hybris.platform.jalo')
    .argument('<level>', `one of ${LEVELS.join(', ')}`, oneOf(LEVELS))
    .action(async (name: string, level: string) => {
      await runtime.guard('log-level', 'logger set');
      const client = await runtime.client();
      // The audit log gets the hash and size of NAME=LEVEL, as for hac mcp's set_log_level.
      const change = await runtime.auditWrite('logger set', `${name}=${level}`, () => client.setLogLevel(name, level, { signal: runtime.signal }), () => ({ ok: true }));
      const { printRecord } = await output();
      const changed = change.loggers.find((l) => l.name === change.loggerName);
      printRecord(runtime, { name: change.loggerName, level: changed?.level ?? change.levelName, parent: changed?.parentName ?? null });
      runtime.output.info(`log level of ${change.loggerName} set to ${change.levelName} (in memory, until the node restarts)`);
    });
}
