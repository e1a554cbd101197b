/**
 * `hac update data|patches|run|log`: HAC's system update (Platform > Update) from the command line,
 * with the Python CLI's options. `run` and `log --follow` show the log live.
 */
import type { Command } from 'commander';
import type { CliRuntime } from '../runtime-types.js';
import { withExamples } from '../help.js';
import { durationOption, MAX_WAIT_SECONDS, POLL_INTERVAL_MS } from '../durations.js';
import { collect } from './shared/options.js';
import type { DataFlags, LogFlags, RunFlags } from './shared/update-actions.js';

// The actions (formatters, spinner) load only when one runs: `hac --help` stays fast.
const actions = () => import('./shared/update-actions.js');

export function register(program: Command, runtime: CliRuntime): void {
  const update = program.command('update').description('system update: list update data and patches, run an update, show its log');

  withExamples(update.command('data'), ['hac update data', 'hac update data -x myext', 'hac update data --with-params --json', 'hac update data -q'])
    .description('list extensions and their update parameters (-q: names only)')
    .option('-p, --patches', 'only extensions whose name contains "patch"')
    .option('-w, --with-params', 'only extensions that have parameters')
    .option('-x, --extension <name>', 'show the parameters of one extension')
    .action(async (flags: DataFlags) => (await actions()).showData(runtime, flags));

  withExamples(update.command('patches'), ['hac update patches', 'hac update patches -x myextpatches --json', 'hac update patches -q'])
    .description('list the patches of the patches extension with their state: pending patches, and its yes/no patch parameters (-q: names only)')
    .option('-x, --extension <name>', 'the extension that holds the patches (default: the patches extension found by name)')
    .option('--names', 'print only the pending patches\' names, one per line, from the cached session without logging in (for completion)')
    .action(async (flags: { extension?: string; names?: boolean }) => (await actions()).showPatches(runtime, flags));

  const run = update.command('run');
  withExamples(run, [
    'hac update run --patch Patch_2602_38_0',
    'hac update run --create-essential-data --param myext_sampledata=yes',
    'hac update run --schema-update --no-follow --json',
    'hac update run --dry-run  # the plan: what runs, what is skipped',
  ]);
  run
    .description('run a system update (asks for confirmation on protected environments)')
    .option('-p, --patch <name>', 'run this pending patch (name or hash; repeatable)', collect)
    .option('-x, --extension <name>', 'extension the --patch names belong to')
    .option('--param <name=value>', 'set an update parameter, e.g. myext_sampledata=yes (repeatable)', collect)
    .option('--drop-tables', 'drop every table and create it anew: all data is lost (DANGEROUS: needs two confirmations, -yy)')
    .option('--clear-hmc', 'clear the HMC configuration')
    .option('--create-essential-data', 'create essential data')
    .option('--create-project-data', 'create project data')
    .option('--localize-types', 'localize types')
    .option('--schema-update', 'run the type-system schema update (DDL)')
    .option('-f, --follow', 'show the update log live', true)
    .option('--no-follow', 'print the log only when the update is done')
    .option('--poll-interval <ms>', 'log poll interval in milliseconds (default 2000, env HAC_UPDATE_POLL_MS)', durationOption(POLL_INTERVAL_MS))
    .option('--dry-run', 'print what would run and what is skipped, then exit (nothing is sent to run)')
    .action(async (flags: RunFlags) => (await actions()).runUpdate(runtime, flags));

  withExamples(update.command('log'), ['hac update log', 'hac update log --follow', 'hac update log --follow --max-wait 600 --json'])
    .description('show the update/initialization log')
    .option('-f, --follow', 'poll the log until the update completes')
    .option('--poll-interval <ms>', 'poll interval in milliseconds (default 2000, env HAC_UPDATE_POLL_MS)', durationOption(POLL_INTERVAL_MS))
    .option('--max-wait <seconds>', 'stop following after this long', durationOption(MAX_WAIT_SECONDS), 3600)
    .action(async (flags: LogFlags) => (await actions()).showLog(runtime, flags));
}
