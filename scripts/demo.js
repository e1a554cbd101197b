// The quick-start demo: starts an emulated HAC, then drives it with the library the way a real project
// would — log in, query, run a script, import ImpEx, query again — and shows the session cache at work.
// Run with `npm run demo` after `npm ci`. Everything stays on 127.0.0.1 and in a temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from 'hac-emulator';
import { HacClient, BasicAuthHandler } from 'hac-client';

const cacheDir = await mkdtemp(join(tmpdir(), 'hac-demo-'));
const emulator = await startEmulator({ data: 'sample', latencyMs: 5 });
const hac = `${emulator.url}${emulator.contextPath}`;
const step = (title) => console.log(`\n\u001b[1m== ${title}\u001b[0m`);
const newClient = () =>
  new HacClient({ baseUrl: emulator.url, authHandler: new BasicAuthHandler('admin', 'nimda'), environment: 'demo', cacheDir });

try {
  console.log(`Emulated HAC running at ${hac} (admin / nimda)`);

  step('Log in (Spring Security form + CSRF), session cached on disk');
  const client = newClient();
  emulator.resetRequests();
  await client.login();
  console.log(`logged in with ${emulator.requests.length} HTTP requests`);

  step('FlexibleSearch');
  const products = await client.executeFlexibleSearch(
    'SELECT {p.code}, {p.name[en]} FROM {Product AS p} ORDER BY {p.code}',
    { maxCount: 5 },
  );
  console.table(products.rows.map((row) => Object.fromEntries(products.headers.map((h, i) => [h, row[i]]))));
  console.log(`${products.resultCount} rows in ${products.executionTimeMs} ms${products.maxCountReached ? ' (capped by maxCount: there may be more)' : ''}`);

  step('Groovy script (rollback mode)');
  const script = await client.executeGroovy('def n = 6 * 7\nprintln "The answer is ${n}"\nreturn n');
  console.log(`output: ${script.outputText.trim()}\nresult: ${script.executionResult}  success: ${script.success}`);

  step('ImpEx import, then query what it created');
  const impex = [
    '$catalogVersion=catalogVersion(catalog(id),version)[unique=true,default=electronicsProductCatalog:Staged]',
    'INSERT_UPDATE Product;code[unique=true];name[lang=en];$catalogVersion',
    ';demo-0001;"Demo product, with a comma & an ampersand"',
  ].join('\n');
  const imported = await client.importImpex(impex);
  console.log(`import: ${imported.success ? 'ok' : 'failed'} — ${imported.message}`);
  if (!imported.success) console.log(imported.validationErrors.join('\n'));
  const check = await client.executeFlexibleSearch("SELECT {code}, {name[en]} FROM {Product} WHERE {code} = 'demo-0001'");
  console.log(check.rows);

  step('A new client (think: the next CI job) reuses the cached session');
  const warm = newClient();
  emulator.resetRequests();
  const count = await warm.executeFlexibleSearch('SELECT COUNT({pk}) FROM {Product}');
  console.log(`${count.rows[0]?.[0]} products, fetched with ${emulator.requests.length} HTTP request (no login)`);

  step('The session expires on the server; the next call recovers by itself');
  emulator.expireSessions();
  emulator.resetRequests();
  const again = await warm.executeGroovy('return "still here"');
  console.log(`result: ${again.executionResult} after ${emulator.requests.length} requests (rejected, re-login, replay)`);

  await warm.logout();
  console.log('\nDone. Next, the CLI against a long-running emulator (see README.md):');
  console.log('  npx hac-emulator --data sample --port 9002 &');
  console.log('  HAC_USERNAME=admin HAC_PASSWORD=nimda npx hac --url http://127.0.0.1:9002 fs "SELECT {code} FROM {Product}"');
} finally {
  await emulator.close();
  await rm(cacheDir, { recursive: true, force: true });
}
