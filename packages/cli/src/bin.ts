/**
 * The first module of the `hac` binary. `hac --version` is answered here, before commander or any
 * command is loaded (start-up time); everything else is `main.ts`.
 */
import { cliVersion } from './version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${cliVersion()}\n`);
} else {
  await import('./main.js');
}
