/**
 * The command tree as completion scripts need it, read from the commander program so that the
 * scripts always list every command and option that exists.
 */
import type { Command, Option } from 'commander';

export interface CompletionOption {
  flags: string[];
  description: string;
  takesValue: boolean;
  choices: string[];
}

export interface CompletionNode {
  /** `hac`, `hac/session`, `hac/session/start`. */
  path: string;
  name: string;
  /** Other names of the command (`fs` for `flexsearch`). */
  aliases: string[];
  description: string;
  options: CompletionOption[];
  commands: CompletionNode[];
  /** The first argument names an environment of the config (completed from `hac env list --names`). */
  takesEnvironment: boolean;
}

function toOption(option: Option): CompletionOption {
  return {
    flags: [option.short, option.long].filter((flag): flag is string => typeof flag === 'string'),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: [...(option.argChoices ?? [])],
  };
}

const helpOption: CompletionOption = { flags: ['-h', '--help'], description: 'show help', takesValue: false, choices: [] };

export function completionTree(command: Command, parentPath = ''): CompletionNode {
  const path = parentPath ? `${parentPath}/${command.name()}` : command.name();
  const visible = (option: Option): boolean => !(option as Option & { hidden?: boolean }).hidden;
  return {
    path,
    name: command.name(),
    aliases: command.aliases(),
    description: command.description().split('\n')[0] ?? '',
    options: [...command.options.filter(visible).map(toOption), helpOption],
    commands: command.commands
      .filter((sub) => !(sub as Command & { _hidden?: boolean })._hidden)
      .map((sub) => completionTree(sub, path)),
    takesEnvironment: takesEnvironment(command),
  };
}

/** `session show [env]`, `env remove <name>`, `endpoint add <env-or-name> [name]`… */
function takesEnvironment(command: Command): boolean {
  const first = command.registeredArguments[0]?.name();
  if (first === 'env' || first === 'env-or-name') return true;
  return first === 'name' && command.parent?.name() === 'env' && command.name() !== 'add';
}

/** Paths of the commands whose first argument is an environment. */
export function environmentPaths(root: CompletionNode): string[] {
  return allNodes(root)
    .filter((node) => node.takesEnvironment)
    .map((node) => node.path);
}

/** Every node, depth first. */
export function allNodes(root: CompletionNode): CompletionNode[] {
  return [root, ...root.commands.flatMap(allNodes)];
}

/** Flags that consume the next word (so the scripts can skip option values when finding the command). */
export function valueFlags(root: CompletionNode): string[] {
  return [...new Set(allNodes(root).flatMap((node) => node.options.filter((o) => o.takesValue).flatMap((o) => o.flags)))];
}

/** Global options (the root's) apply to every command. */
export function optionsFor(root: CompletionNode, node: CompletionNode): CompletionOption[] {
  return node === root ? root.options : [...node.options.filter((o) => o !== helpOption && o.flags[0] !== '-h'), ...root.options];
}

/** Every alias as `[parent path, alias, name]` (`['hac', 'fs', 'flexsearch']`), to map a typed alias to its command. */
export function aliasesOf(root: CompletionNode): [string, string, string][] {
  return allNodes(root).flatMap((node) => node.commands.flatMap((sub) => sub.aliases.map((alias): [string, string, string] => [node.path, alias, sub.name])));
}

// Options that choose the target: passed on to `hac … --names` so that names come from the same target.
const TARGET_FLAGS = ['--env', '--environment', '--endpoint', '--url', '--user', '--username', '--insecure'];

/** The root's target-choosing flags: those taking a value, and switches (`-k`). */
export function targetFlags(root: CompletionNode): { withValue: string[]; switches: string[] } {
  const chosen = root.options.filter((o) => o.flags.some((f) => TARGET_FLAGS.includes(f)));
  return {
    withValue: chosen.filter((o) => o.takesValue).flatMap((o) => o.flags),
    switches: chosen.filter((o) => !o.takesValue).flatMap((o) => o.flags),
  };
}

/** Path of the command whose `--patch` takes a pending patch's name. */
export const PATCH_COMMAND_PATH = 'hac/update/run';
