/**
 * The emulator's ImpEx import at size: `INSERT_UPDATE Product` of N lines (creates), the same script
 * again (updates by unique key), through the data engine directly; then the same size through HTTP
 * (the console's text form) while the control API is polled, to show the server keeps answering.
 * Prints numbers; asserts nothing. Wall times vary with machine load (CPU time less so): compare rows
 * of the same run.
 *
 *   node --conditions=source --import tsx bench/emulator-impex.ts [--lines 100000]
 */
import { startEmulator } from 'hac-emulator';
import { BasicAuthHandler, HacClient } from 'hac-client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMs, flag, mib, ms, peakRss } from './emulator-helpers.js';

const lines = flag('--lines', 100_000);
const IMPORT = { validationMode: 'IMPORT_STRICT', validateOnly: false, enableCodeExecution: false, legacyMode: false, maxThreads: 1 } as const;

function productScript(count: number, suffix: string): string {
  const out = ['$cv=catalogVersion(catalog(id[default=electronicsProductCatalog]),version[default=Staged])[unique=true]', 'INSERT_UPDATE Product;code[unique=true];$cv;name[lang=en];unit(code)'];
  for (let i = 0; i < count; i++) out.push(`;BENCH-${i};;Bench product ${i} ${suffix};pieces`);
  return `${out.join('\n')}\n`;
}

const emu = await startEmulator({ port: 0, control: true });
const root = await mkdtemp(join(tmpdir(), 'hac-bench-'));
try {
  const engine = emu.engine;
  let started = performance.now();
  let cpu = process.cpuUsage();
  const created = engine.importImpex(productScript(lines, 'a'), IMPORT);
  const createMs = performance.now() - started;
  const createCpu = cpuMs(process.cpuUsage(cpu));
  if (!created.success) throw new Error(created.errorMessage ?? 'import failed');
  started = performance.now();
  cpu = process.cpuUsage();
  const updated = engine.importImpex(productScript(lines, 'b'), IMPORT);
  const updateMs = performance.now() - started;
  const updateCpu = cpuMs(process.cpuUsage(cpu));
  if (!updated.success) throw new Error(updated.errorMessage ?? 'import failed');

  // Through HTTP: updates of the same items, while the control API is asked for counts every 20 ms.
  const client = new HacClient({ baseUrl: emu.url, authHandler: new BasicAuthHandler('admin', 'nimda'), cacheDir: join(root, 'cache'), hacPath: emu.contextPath });
  await client.login();
  const controlLatencies: number[] = [];
  let importing = true;
  const poller = (async () => {
    while (importing) {
      const asked = performance.now();
      await fetch(`${emu.url}/__emulator/counts`).then((r) => r.text());
      controlLatencies.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  started = performance.now();
  const http = await client.importImpex(productScript(lines, 'c'));
  const httpMs = performance.now() - started;
  importing = false;
  await poller;
  if (!http.success) throw new Error(`HTTP import failed: ${http.error ?? http.message}`);
  const slowest = Math.max(0, ...controlLatencies.slice(0, -1), controlLatencies.at(-1) ?? 0);

  console.log(`ImpEx INSERT_UPDATE Product, ${lines} lines (target: 100k lines <= 20 s)`);
  console.log(`engine, creating ${lines} items      ${ms(createMs)}  (CPU ${ms(createCpu)})  ${(lines / (createMs / 1000)).toFixed(0)} lines/s`);
  console.log(`engine, updating the same items    ${ms(updateMs)}  (CPU ${ms(updateCpu)})  ${(lines / (updateMs / 1000)).toFixed(0)} lines/s`);
  console.log(`HTTP text form, updating them      ${ms(httpMs)}`);
  console.log(`control API during the HTTP import ${controlLatencies.length} answers, slowest ${ms(slowest)}`);
  console.log(`peak RSS of this process           ${mib(peakRss())}`);
} finally {
  await emu.close();
  await rm(root, { recursive: true, force: true });
}
