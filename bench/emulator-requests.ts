/**
 * Memory of the emulator under a long run: N requests (default 300 000) over 20 keep-alive
 * connections, a third each of: a login page without cookies (a new session every time, as curl in a
 * loop), a Groovy call and a FlexibleSearch of a logged-in client. The emulator runs in this process
 * so its memory can be read after a full garbage collection: the JavaScript heap that stays (the
 * client keeps nothing), the external memory (sql.js's WASM heap, which never shrinks) and the RSS.
 * Flat: the figures after the request log is full (100 000 records) stay where they are.
 * Asserts nothing.
 *
 *   node --conditions=source --import tsx bench/emulator-requests.ts [--requests 300000]
 */
import { Agent, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startEmulator } from 'hac-emulator';
import { flag, mib } from './emulator-helpers.js';

const total = flag('--requests', 300_000);
const CONCURRENCY = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function memory(): string {
  gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  return `heap ${mib(heapUsed)}  external ${mib(external)}  RSS ${mib(rss)}`;
}

const emu = await startEmulator({ port: 0, data: 'sample' });
const base = emu.url;

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
interface Answer {
  status: number;
  cookies: string[];
  body: string;
}
function send(method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request(`${base}${path}`, { method, agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, cookies: response.headers['set-cookie'] ?? [], body: Buffer.concat(chunks).toString() }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}
const cookieOf = (answer: Answer): string => answer.cookies.map((line) => line.split(';')[0]).join('; ');
const tokenOf = (answer: Answer): string => /<meta name="_csrf" content="([^"]+)"/.exec(answer.body)?.[1] ?? '';
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

// One logged-in client: the login dance once, then its session for every call.
const loginPage = await send('GET', '/hac/login');
const login = await send('POST', '/hac/j_spring_security_check', { ...FORM, Cookie: cookieOf(loginPage) }, form({ j_username: 'admin', j_password: 'nimda', _csrf: tokenOf(loginPage) }));
const cookie = cookieOf(login);
const token = tokenOf(await send('GET', '/hac/', { Cookie: cookie }));
const calls: (() => Promise<Answer>)[] = [
  () => send('GET', '/hac/login'),
  () => send('POST', '/hac/console/scripting/execute', { ...FORM, Cookie: cookie, 'X-CSRF-TOKEN': token }, form({ script: 'return 1', scriptType: 'groovy', commit: 'false' })),
  () =>
    send('POST', '/hac/console/flexsearch/execute', { ...FORM, Cookie: cookie, 'X-CSRF-TOKEN': token }, form({ flexibleSearchQuery: 'SELECT {pk}, {code} FROM {Product}', maxCount: '20', user: 'admin', locale: 'en', commit: 'false' })),
];

try {
  console.log(`${total} requests, ${CONCURRENCY} connections; the emulator's memory after a full GC as the run goes (flat: no growth once the request log is full)`);
  console.log(`before the run                 ${memory()}`);
  let next = 0;
  let failed = 0;
  const marks = new Set([0.1, 0.25, 0.5, 0.75, 1].map((share) => Math.round(total * share)));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const index = next++;
        const call = calls[index % calls.length];
        if (!call) break;
        const answer = await call();
        if (answer.status !== 200) failed++;
        if (marks.has(index + 1)) console.log(`after ${String(index + 1).padStart(7)} requests ${memory()}  (${((index + 1) / ((performance.now() - started) / 1000)).toFixed(0)} requests/s)`);
      }
    }),
  );
  if (failed > 0) console.log(`${failed} requests did not answer 200`);
} finally {
  agent.destroy();
  await emu.close();
}
