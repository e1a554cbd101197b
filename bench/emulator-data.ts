/**
 * The emulator's data at benchmark size: generating N products (`--generate Product=N`), then what a
 * FlexibleSearch page costs at the start and at the end of the table (keyset paging by PK, in the form
 * a paging client sends), and paging through every row against one query for every row.
 * In-process, through the data engine; prints numbers, asserts nothing. CPU times are less sensitive
 * to machine load than wall times; compare rows of the same run.
 *
 *   node --conditions=source --import tsx bench/emulator-data.ts [--products 1000000] [--page 10000]
 */
import { startEmulator } from 'hac-emulator';
import { cpuMs, flag, median, mib, ms, peakRss } from './emulator-helpers.js';

const products = flag('--products', 1_000_000);
const pageSize = flag('--page', 10_000);
const OPTIONS = { locale: 'en', user: 'admin' };
const pageQuery = (afterPk: string): string =>
  `SELECT x.pk, x.code, x.name FROM ({{ SELECT {pk} AS pk, {code} AS code, {name} AS name FROM {Product} }}) x WHERE x.pk > ${afterPk} ORDER BY x.pk`;

let started = performance.now();
let cpu = process.cpuUsage();
const emu = await startEmulator({ port: 0, data: 'sample', generate: { Product: products } });
const startMs = performance.now() - started;
const startCpu = cpuMs(process.cpuUsage(cpu));
try {
  const { engine } = emu;
  const run = (query: string, maxCount: number): { rows: (string | null)[][]; ms: number } => {
    const began = performance.now();
    const outcome = engine.flexibleSearch(query, { ...OPTIONS, maxCount });
    if (outcome.error) throw new Error(outcome.error.message);
    return { rows: outcome.rows, ms: performance.now() - began };
  };
  const nearEnd = run(`SELECT {pk} FROM {Product} ORDER BY {pk} DESC`, pageSize + 1).rows.at(-1)?.[0] ?? '0';
  const timed = (afterPk: string): number => median(Array.from({ length: 9 }, () => run(pageQuery(afterPk), pageSize).ms));
  const firstPage = timed('0');
  const lastPage = timed(nearEnd);

  started = performance.now();
  cpu = process.cpuUsage();
  let last = '0';
  let paged = 0;
  for (;;) {
    const { rows } = run(pageQuery(last), pageSize);
    if (rows.length === 0) break;
    paged += rows.length;
    last = rows.at(-1)?.[0] ?? last;
  }
  const pagedMs = performance.now() - started;
  const pagedCpu = cpuMs(process.cpuUsage(cpu));
  started = performance.now();
  cpu = process.cpuUsage();
  const all = run('SELECT {pk}, {code}, {name} FROM {Product}', -1).rows.length;
  const allMs = performance.now() - started;
  const allCpu = cpuMs(process.cpuUsage(cpu));

  const rate = (rows: number, time: number): string => `${Math.round(rows / (time / 1000)).toLocaleString('en')} rows/s`;
  console.log(`${products} generated products, pages of ${pageSize} (target: 1M products in seconds; a page costs the page, not the table)`);
  console.log(`start with --generate Product=${products}   ${ms(startMs)}  (CPU ${ms(startCpu)})`);
  console.log(`page at the start of the table           ${ms(firstPage)}`);
  console.log(`page at the end of the table             ${ms(lastPage)}  (${(lastPage / firstPage).toFixed(2)}x the first)`);
  console.log(`all ${paged} rows in pages                 ${ms(pagedMs)}  (CPU ${ms(pagedCpu)})  ${rate(paged, pagedMs)}`);
  console.log(`all ${all} rows in one query (maxCount -1) ${ms(allMs)}  (CPU ${ms(allCpu)})  ${rate(all, allMs)}`);
  console.log(`peak RSS                                 ${mib(peakRss())}`);
} finally {
  await emu.close();
}
