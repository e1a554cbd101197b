/** `hac emulator`: start the HAC emulator for a quick start without SAP Commerce. */
import { InvalidArgumentError, type Command } from 'commander';
import { withExamples } from '../help.js';
import type { CoreRuntime } from '../runtime.js';
import { integerAtLeast } from './shared/options.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0 = any free port).');
  return n;
}

export function register(program: Command, runtime: CoreRuntime): void {
  withExamples(
    program
      .command('emulator')
      .description('run the HAC emulator (admin / nimda) until Ctrl-C; the default matches the default config (https://localhost:9002)')
      .option('--port <port>', 'port (0 = any free port)', port, 9002)
      .option('--host <host>', 'interface to listen on', '127.0.0.1')
      .option('--no-tls', 'plain HTTP instead of HTTPS with a self-signed certificate')
      .option('--nodes <count>', 'simulate a load-balanced cluster (ROUTE cookie)', integerAtLeast(1), 1)
      .action(async (options: { port: number; host: string; tls: boolean; nodes: number }) => {
        const { allInterfacesNote, startEmulator } = await import('hac-emulator');
        const emu = await startEmulator({ port: options.port, host: options.host, tls: options.tls, nodes: options.nodes });
        // Listening for SIGTERM before the URL is printed: a script may stop the emulator as soon as it reads it.
        const stopped = new Promise<void>((resolve) => {
          if (runtime.signal.aborted) resolve();
          runtime.signal.addEventListener('abort', () => resolve(), { once: true });
          process.once('SIGTERM', () => resolve());
        });
        runtime.output.data(emu.url);
        const local = emu.url.replace('127.0.0.1', 'localhost');
        const interfaces = allInterfacesNote(options.host, emu.url);
        runtime.output.info(
          `HAC emulator at ${emu.url}${emu.contextPath} (user admin, password nimda). Stop with Ctrl-C.\n` +
            (interfaces ? `${interfaces[0]?.toUpperCase()}${interfaces.slice(1)}.\n` : '') +
            (local === 'https://localhost:9002'
              ? 'Try: HAC_USERNAME=admin HAC_PASSWORD=nimda hac groovy "return 1 + 1"'
              : `Try: HAC_USERNAME=admin HAC_PASSWORD=nimda hac --url ${emu.url}${options.tls ? ' -k' : ''} groovy "return 1 + 1"`),
        );
        await stopped;
        await emu.close();
        runtime.output.info('emulator stopped');
      }),
    ['hac emulator', 'hac emulator --port 0 --no-tls', 'hac emulator --nodes 2'],
  );
}
