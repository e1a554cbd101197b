/**
 * What the launcher decides before it loads anything: which bundle runs a command line.
 */

/**
 * Command lines that print the top-level help and name no command: `hac --help`, `hac -h`,
 * `hac help`, and `hac` alone (the help on stderr, exit 2). The help bundle serves them; it holds
 * the CLI without its commands, which `commandsFor` loads for none of these
 * (`test/help-fast-path.test.ts` checks both, and that the output is the full program's).
 */
export function startsAsHelp(argv: readonly string[]): boolean {
  return argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help'));
}

/**
 * The bundle for `argv` (`hotBundles`: each name and alias of a command with a hot bundle, with
 * that bundle): the help bundle for the top-level help; else the hot bundle of the command that the
 * first word naming a command names; else the full CLI. Commander routes by the first operand, so
 * where a global option's value names a command (`hac -e groovy fs …`) the guess is wrong: the hot
 * bundle's `serves` (`main.ts`) then says no, and the launcher runs the full CLI.
 */
export function bundleFor(argv: readonly string[], hotBundles: Readonly<Record<string, string>>, commandNames: readonly string[]): string {
  if (startsAsHelp(argv)) return 'help';
  const command = argv.find((arg) => commandNames.includes(arg));
  return command !== undefined && Object.hasOwn(hotBundles, command) ? (hotBundles[command] as string) : 'cli';
}
