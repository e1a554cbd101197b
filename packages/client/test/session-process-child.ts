/**
 * Child process of session-processes.test.ts: one CLI-like run (new client, one call) against the
 * emulator at argv[2] with the cache directory argv[3]. Prints the script result as JSON.
 */
import { existsSync } from 'node:fs';
import { BasicAuthHandler, HacClient } from 'hac-client';

const [baseUrl, cacheDir, goFile, password = 'nimda'] = process.argv.slice(2);
if (!baseUrl || !cacheDir) throw new Error('usage: session-process-child.ts BASE_URL CACHE_DIR [GO_FILE [PASSWORD]]');
// Start together: say "ready", then wait for the parent's go file, so that all children find the cache empty.
if (goFile) {
  // The parts a first call loads on demand are loaded before "ready": transpiled from the sources under
  // load, they took longer than the other children's whole login, and a child that reached the login
  // lock after it was released logged in on its own instead of waiting (the refused-login test saw two attempts).
  await Promise.all([import('../src/implementation.js'), import('../src/console-implementation.js')]);
  process.stderr.write('ready\n');
  while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 2));
}
const client = new HacClient({ baseUrl, cacheDir, authHandler: new BasicAuthHandler('admin', password), timeoutMs: 10_000 });
try {
  const result = await client.executeGroovy(`return ${process.pid}`);
  process.stdout.write(JSON.stringify({ success: result.success, result: result.executionResult }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: (error as Error).name, message: (error as Error).message }));
  process.exitCode = 1;
}
