/**
 * Every top-level command of `hac`, in the order `hac --help` lists them. A command's module is
 * imported only when the command line runs it (or asks for its help): `hac groovy …` loads
 * `groovy.ts` and nothing of `env.ts`, `update.ts`… (start-up time, see `bench/cli-startup.ts`).
 * The other commands appear in `hac --help` from what this table says about them.
 *
 * Adding a command: write `commands/NAME.ts` exporting `register(program, runtime)`, then add one
 * entry below. `name`, `aliases`, `usage` and `description` must be what the module registers
 * (`test/command-registry.test.ts` compares `hac --help` built from this table with the one built
 * from the modules, and names the entry that differs).
 */
import type { Command } from 'commander';
import type { CoreRuntime } from '../runtime.js';

export interface CommandModule {
  register(program: Command, runtime: CoreRuntime): void;
}

export interface CommandEntry {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** What `hac --help` shows after the name: `[options] [script]`, `<shell>`, '' for a command group. */
  readonly usage: string;
  /** The module's `.description(…)`. */
  readonly description: string;
  /** Imports the module registering it. Commands of one module (login, logout) share one loader. */
  readonly load: () => Promise<CommandModule>;
  /** Its action reads the whole command tree (completion scripts list every command and option). */
  readonly needsEveryCommand?: boolean;
}

const loginModule = (): Promise<CommandModule> => import('./login.js');

export const commandEntries: readonly CommandEntry[] = [
  {
    name: 'groovy',
    usage: '[options] [script]',
    description: 'run a Groovy (or BeanShell/JavaScript) script; the result goes to stdout, its output to stderr',
    load: () => import('./groovy.js'),
  },
  {
    name: 'flexsearch',
    aliases: ['fs'],
    usage: '[options] [query]',
    description: 'run a FlexibleSearch query; rows go to stdout (table on a terminal, tab-separated when piped)',
    load: () => import('./flexsearch.js'),
  },
  {
    name: 'sql',
    usage: '[options] [query]',
    description: 'run an SQL statement; rows go to stdout (table on a terminal, tab-separated when piped)',
    load: () => import('./sql.js'),
  },
  {
    name: 'impex',
    usage: '[options] [action] [file]',
    description: 'import, validate or export ImpEx (import is the default action)',
    load: () => import('./impex.js'),
  },
  {
    name: 'update',
    usage: '',
    description: 'system update: list update data and patches, run an update, show its log',
    load: () => import('./update.js'),
  },
  {
    name: 'logger',
    usage: '',
    description: 'list loggers and change log levels at runtime (until the next restart)',
    load: () => import('./logger.js'),
  },
  {
    name: 'property',
    aliases: ['prop'],
    usage: '',
    description: "read and change HAC's configuration properties (in memory on one node; hac config is hac's own config file)",
    load: () => import('./property.js'),
  },
  {
    name: 'pk',
    usage: '<pk...>',
    description: "decode primary keys with HAC's PK analyzer: type, creation time, cluster",
    load: () => import('./pk.js'),
  },
  {
    name: 'cache',
    usage: '',
    description: 'show region cache statistics and clear the caches',
    load: () => import('./cache.js'),
  },
  {
    name: 'cronjob',
    usage: '',
    description: 'list the running cron jobs and abort them (HAC aborts all at once)',
    load: () => import('./cronjob.js'),
  },
  {
    name: 'session',
    usage: '',
    description: 'log in, import, list and clear cached HAC sessions',
    load: () => import('./session.js'),
  },
  {
    name: 'login',
    usage: '[options]',
    description: 'log in and cache the session (same as: hac session start)',
    load: loginModule,
  },
  {
    name: 'logout',
    usage: '[options]',
    description: "end the target's HAC session and remove it from the cache",
    load: loginModule,
  },
  {
    name: 'env',
    usage: '',
    description: 'list and edit the environments of the config file',
    load: () => import('./env.js'),
  },
  {
    name: 'endpoint',
    usage: '',
    description: 'list and edit the endpoints (URLs) of an environment',
    load: () => import('./endpoint.js'),
  },
  {
    name: 'config',
    usage: '[options]',
    description: 'show and check the configuration file',
    load: () => import('./config.js'),
  },
  {
    name: 'history',
    usage: '[options]',
    description: 'show the audit log: hac mcp tool calls and write commands (commit, import, update…), newest last',
    load: () => import('./history.js'),
  },
  {
    name: 'mcp',
    usage: '[options]',
    description: 'serve HAC to AI agents over the Model Context Protocol (stdio; --http for loopback HTTP), with the rights the config grants',
    load: () => import('./mcp.js'),
  },
  {
    name: 'completion',
    usage: '<shell>',
    description: 'print a shell completion script (commands, options, environment and endpoint names)',
    load: () => import('./completion.js'),
    needsEveryCommand: true,
  },
  {
    name: 'emulator',
    usage: '[options]',
    description: 'run the HAC emulator (admin / nimda) until Ctrl-C; the default matches the default config (https://localhost:9002)',
    load: () => import('./emulator.js'),
  },
];

/** The entry called `name` or aliased so. */
export function findCommandEntry(name: string | undefined): CommandEntry | undefined {
  return commandEntries.find((entry) => entry.name === name || entry.aliases?.includes(name ?? '') === true);
}

/**
 * Entries whose module a run of the named command needs (none for an unknown name), with the other
 * commands of the same module (which it registers too).
 */
export function entriesToLoad(name: string | undefined): readonly CommandEntry[] {
  const entry = findCommandEntry(name);
  if (!entry) return [];
  return entry.needsEveryCommand === true ? commandEntries : commandEntries.filter((other) => other.load === entry.load);
}

/**
 * Register the commands: the modules of `load`, in the table's order. With none (a command line that
 * names no command: `hac --help`, `hac grovy`), every entry as a stand-in that only `hac --help` and
 * commander's "did you mean …?" see. A command line that runs a command (or asks its help) never
 * meets the other commands: commander routes it by its first operand, and the command's help,
 * errors and suggestions name only the command, its subcommands and the options.
 */
export async function registerCommands(program: Command, runtime: CoreRuntime, load: readonly CommandEntry[]): Promise<void> {
  const modules = new Map(await Promise.all(load.map(async (entry) => [entry.load, await entry.load()] as const)));
  for (const entry of commandEntries) {
    if (program.commands.some((command) => command.name() === entry.name)) continue; // its module registered it
    const module = modules.get(entry.load);
    if (module !== undefined) module.register(program, runtime);
    else if (load.length === 0) addStandIn(program, entry);
  }
}

/** Stand-ins: what `hac --help` shows of a command that is not loaded. */
const standIns = new WeakMap<Command, CommandEntry>();

function addStandIn(program: Command, entry: CommandEntry): void {
  const command = program.command(entry.name).description(entry.description);
  for (const alias of entry.aliases ?? []) command.alias(alias);
  // Reached only if the command line was routed differently than `commandNameOf` predicted.
  command.action(() => {
    throw new Error(`internal error: hac ${entry.name} was not loaded`);
  });
  standIns.set(command, entry);
}

/** `hac --help`'s left column for a stand-in (commander derives it from options and arguments). */
export function standInTerm(command: Command): string | undefined {
  const entry = standIns.get(command);
  if (!entry) return undefined;
  const name = [entry.name, ...(entry.aliases ?? []).slice(0, 1)].join('|');
  return entry.usage === '' ? name : `${name} ${entry.usage}`;
}
