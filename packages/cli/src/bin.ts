/**
 * `hac` run from source (`node --conditions=source --import tsx src/bin.ts`) or from tsc's output.
 * The installed binary is the bundle (`launcher/hac.ts`). `hac --version` is answered here, before
 * commander or any command is loaded.
 */
import { cliVersion, isVersionRequest } from './version.js';

const argv = process.argv.slice(2);
if (isVersionRequest(argv)) {
  process.stdout.write(`${cliVersion()}\n`);
} else {
  await (await import('./main.js')).runCli(argv);
}
