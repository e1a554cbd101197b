/**
 * Memory of the emulator under a long run: N requests (default 300 000) against a `hac-emulator`
 * process, over 20 keep-alive connections, a third each of: a login page without cookies (a new
 * session every time, as curl in a loop), a Groovy call and a FlexibleSearch of a logged-in client.
 * Prints the emulator's resident memory as the run goes; flat means the last figures stay near the
 * ones after warm-up. Linux only (reads /proc). Asserts nothing. Needs `npm run build` first.
 *
 *   node --conditions=source --import tsx bench/emulator-requests.ts [--requests 300000]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { flag, mib } from './emulator-helpers.js';

const BIN = fileURLToPath(new URL('../packages/emulator/bin/hac-emulator.js', import.meta.url));
const total = flag('--requests', 300_000);
const CONCURRENCY = 20;

const child = spawn(process.execPath, [BIN, '--port', '0', '--data', 'sample'], { stdio: ['ignore', 'pipe', 'ignore'] });
const base = await new Promise<string>((resolve, reject) => {
  child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().split('\n')[0] ?? ''));
  child.once('exit', (code) => reject(new Error(`hac-emulator exited with ${String(code)}`)));
});
const rss = (): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

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
  console.log(`${total} requests, ${CONCURRENCY} connections; emulator RSS as the run goes (flat: the last figures near the early ones)`);
  console.log(`before the run ${mib(rss())}`);
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
        if (marks.has(index + 1)) console.log(`after ${String(index + 1).padStart(7)} requests ${mib(rss())}  (${((index + 1) / ((performance.now() - started) / 1000)).toFixed(0)} requests/s)`);
      }
    }),
  );
  if (failed > 0) console.log(`${failed} requests did not answer 200`);
} finally {
  agent.destroy();
  child.kill('SIGTERM');
}
