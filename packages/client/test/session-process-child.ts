/**
 * Child process of session-processes.test.ts: one CLI-like run (new client, one call) against the
 * emulator at argv[2] with the cache directory argv[3]. Prints the script result as JSON.
 */
import { BasicAuthHandler, HacClient } from 'hac-client';

const [baseUrl, cacheDir, start, password = 'nimda'] = process.argv.slice(2);
if (!baseUrl || !cacheDir) throw new Error('usage: session-process-child.ts BASE_URL CACHE_DIR [START_AT_MS [PASSWORD]]');
// Start together: every child waits for the same moment, so they all find the cache empty.
const wait = Number(start ?? 0) - Date.now();
if (wait > 0) await new Promise((r) => setTimeout(r, wait));
const client = new HacClient({ baseUrl, cacheDir, authHandler: new BasicAuthHandler('admin', password), timeoutMs: 10_000 });
try {
  const result = await client.executeGroovy(`return ${process.pid}`);
  process.stdout.write(JSON.stringify({ success: result.success, result: result.executionResult }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: (error as Error).name, message: (error as Error).message }));
  process.exitCode = 1;
}
