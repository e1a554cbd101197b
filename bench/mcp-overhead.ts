/**
 * What a `hac mcp` tool call adds to the library call it wraps: the same FlexibleSearch query, warm,
 * against the emulator, once as `client.executeFlexibleSearch` and once as the `flexible_search` tool
 * through the MCP SDK (Client and server in one process over the SDK's in-memory transport: the
 * JSON-RPC round trip, argument and output validation, rights, the audit line, budgets and the text
 * rendering; not the stdio pipe). Both run interleaved in one process, so machine noise affects both
 * sides. Prints medians, the difference (target: at most 2 ms) and the ratio; asserts nothing.
 *
 *   node --conditions=source --import tsx bench/mcp-overhead.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { startEmulator } from 'hac-emulator';
import { AuditLog } from '../packages/cli/src/audit/audit-log.js';
import { parseConfig } from '../packages/cli/src/config/schema.js';
import { createHacMcpServer } from '../packages/cli/src/mcp/server.js';
import { TargetRegistry } from '../packages/cli/src/mcp/targets.js';

const ROUNDS = 300;
const QUERY = "SELECT {pk}, {isocode} FROM {Language} WHERE {isocode} IN ('en', 'de')";

const emu = await startEmulator({ port: 0, data: 'sample' });
const root = await mkdtemp(join(tmpdir(), 'hac-mcp-bench-'));
const config = parseConfig({ default_environment: 'bench', environments: { bench: { username: 'admin', endpoints: { hac: { url: emu.url } } } } }, join(root, 'config.toml'), true);
const registry = new TargetRegistry(config, { vars: { HAC_PASSWORD: 'nimda' }, cacheDir: join(root, 'cache'), rememberSecret: () => undefined }, () => undefined);
const audit = new AuditLog(join(root, 'state', 'hac-client', 'audit.jsonl'));
const server = createHacMcpServer({ registry, budget: config.mcp, audit, redact: (text) => text, log: () => undefined });
const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
await server.connect(serverTransport);
const mcp = new Client({ name: 'bench', version: '1.0.0' });
await mcp.connect(clientTransport);
const { client } = await registry.client(registry.resolve(undefined, undefined));

const direct = (): Promise<unknown> => client.executeFlexibleSearch(QUERY, { maxCount: 200 });
const viaTool = (): Promise<unknown> => mcp.callTool({ name: 'flexible_search', arguments: { query: QUERY } });

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

try {
  for (let i = 0; i < 30; i++) {
    await direct();
    await viaTool();
  }
  const directMs: number[] = [];
  const toolMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    directMs.push(await time(direct));
    toolMs.push(await time(viaTool));
  }
  const d = median(directMs);
  const t = median(toolMs);
  console.log(`flexible_search, ${ROUNDS} interleaved warm calls against the emulator (medians)`);
  console.log(`  library call              ${d.toFixed(2)} ms`);
  console.log(`  MCP tool call (in-memory) ${t.toFixed(2)} ms`);
  console.log(`  added by the tool         ${(t - d).toFixed(2)} ms (target ≤ 2 ms), ratio ${(t / d).toFixed(2)}`);
} finally {
  await mcp.close();
  await registry.close();
  await emu.close();
  await rm(root, { recursive: true, force: true });
}
