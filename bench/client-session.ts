/**
 * Session costs of hac-client against the emulator with 50 ms latency per request: how many HTTP
 * requests and how much wall time each scenario takes. Prints numbers; asserts nothing.
 *
 *   node --conditions=source --import tsx bench/client-session.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from 'hac-emulator';
import { BasicAuthHandler, HacClient } from 'hac-client';

const LATENCY_MS = 50;
const SCRIPT = 'return 1';

interface Row {
  scenario: string;
  requests: number;
  logins: number;
  ms: number;
}

async function measure(emu: Emulator, scenario: string, run: () => Promise<void>): Promise<Row> {
  emu.resetRequests();
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  return { scenario, requests: emu.requests.length, logins: emu.count('POST', '/hac/j_spring_security_check'), ms };
}

const emu = await startEmulator({ port: 0, latencyMs: LATENCY_MS });
const root = await mkdtemp(join(tmpdir(), 'hac-bench-'));
const cacheDir = join(root, 'cache');
const newClient = (): HacClient =>
  new HacClient({ baseUrl: emu.url, authHandler: new BasicAuthHandler('admin', 'nimda'), cacheDir, hacPath: emu.contextPath });

try {
  const rows: Row[] = [];
  rows.push(await measure(emu, 'cold: login + call (empty cache)', async () => void (await newClient().executeGroovy(SCRIPT))));
  rows.push(await measure(emu, 'warm: new client, cached session, call', async () => void (await newClient().executeGroovy(SCRIPT))));
  rows.push(await measure(emu, 'warm GET console: new client, getUpdateData', async () => void (await newClient().getUpdateData())));
  rows.push(
    await measure(emu, 'cached-eager: login() then call', async () => {
      const c = newClient();
      await c.login();
      await c.executeGroovy(SCRIPT);
    }),
  );
  rows.push(await measure(emu, 'cached-lazy: call directly', async () => void (await newClient().executeGroovy(SCRIPT))));
  const live = newClient();
  await live.executeGroovy(SCRIPT);
  emu.expireSessions();
  rows.push(await measure(emu, 'recovery: call after the session expired', async () => void (await live.executeGroovy(SCRIPT))));
  rows.push(
    await measure(emu, '8 concurrent calls, one client, empty cache', async () => {
      await rm(cacheDir, { recursive: true, force: true });
      const c = newClient();
      await Promise.all(Array.from({ length: 8 }, () => c.executeGroovy(SCRIPT)));
    }),
  );

  console.log(`hac-client session benchmark: emulator latency ${LATENCY_MS} ms per request\n`);
  const width = Math.max(...rows.map((r) => r.scenario.length));
  console.log(`${'scenario'.padEnd(width)}  requests  logins  wall ms`);
  for (const r of rows) {
    console.log(`${r.scenario.padEnd(width)}  ${String(r.requests).padStart(8)}  ${String(r.logins).padStart(6)}  ${r.ms.toFixed(0).padStart(7)}`);
  }
} finally {
  await emu.close();
  await rm(root, { recursive: true, force: true });
}
