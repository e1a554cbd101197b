/**
 * What the launcher decides before it loads anything: which command lines the help bundle serves.
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
