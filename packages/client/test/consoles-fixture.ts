/**
 * Shared setup of the console integration tests: a fresh emulator with the sample data on a random
 * port and a logged-in client without session cache, so every console call afterwards is "warm" and
 * must cost exactly one request.
 */
import { startEmulator } from 'hac-emulator';
import { BasicAuthHandler } from '../src/auth.js';
import { HacClient } from '../src/client.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface ConsoleFixture {
  emu: Emulator;
  client: HacClient;
  /** Requests the emulator saw since the last call, as `METHOD path` (context path included); resets the log. */
  takeRequests(): string[];
  close(): Promise<void>;
}

export async function startConsoleFixture(options: Parameters<typeof startEmulator>[0] = {}): Promise<ConsoleFixture> {
  const emu = await startEmulator({ port: 0, data: 'sample', updateDurationMs: 400, ...options });
  const client = new HacClient({
    baseUrl: emu.url,
    authHandler: new BasicAuthHandler('admin', 'nimda'),
    sessionPersistence: false,
    timeoutMs: 10_000,
    ...(options.contextPath !== undefined ? { hacPath: options.contextPath } : {}),
  });
  await client.login();
  emu.resetRequests();
  return {
    emu,
    client,
    takeRequests() {
      const seen = emu.requests.map((request) => `${request.method} ${request.path}`);
      emu.resetRequests();
      return seen;
    },
    async close() {
      await client.close();
      await emu.close();
    },
  };
}
