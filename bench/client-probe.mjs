/**
 * One measurement of hac-client in a fresh process, against an emulator started elsewhere, next to
 * the same work done with bare `node:http` (floor-post.mjs) where one exists. Prints one JSON object.
 * Run by client-perf.ts; plain JavaScript against the built package, so that module loading is timed
 * as users get it (not through a TypeScript loader).
 *
 *   node bench/client-probe.mjs TASK BASE_URL [ARG]
 *   TASK: login | login-floor | warm | warm-lib | concurrent | tls-login | fs ROWS | fs-stream ROWS | fs-floor ROWS | fs-parse-floor ROWS | impex-text FILE | impex-upload FILE
 *
 * An https BASE_URL is an emulator with its self-signed certificate (`--tls`): the client ignores it,
 * as `hac -k` does (the Python peer can only be measured over https, and hac beside it the same way).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { URLSearchParams } from 'node:url';
import { BasicAuthHandler, HacClient, SessionManager } from 'hac-client';
import { floorPost } from './floor-post.mjs';

const [task, baseUrl, arg] = process.argv.slice(2);
const cacheDir = mkdtempSync(join(tmpdir(), 'hac-probe-'));
const auth = new BasicAuthHandler('admin', 'nimda');
const tls = baseUrl.startsWith('https:');
// quiet over https: no ignoreSsl process warning, as the Python probe filters urllib3's (its printing
// builds process.stderr, ~4 ms of the first login that neither side would pay in a script that wants it off).
const newClient = (options = {}) => new HacClient({ baseUrl, authHandler: auth, cacheDir, timeoutMs: 600_000, ignoreSsl: tls, quiet: tls, ...options });

/** The FlexibleSearch query of the big-result figures (products the emulator generated). */
const FS_QUERY = 'SELECT {pk}, {code}, {name[en]}, {creationtime}, {modifiedtime} FROM {Product}';
const fsRows = Number(arg ?? 100_000);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/**
 * This process's CPU milliseconds (user + system, GC threads included) since `usage`: the client's
 * own work, without the time it waits for the emulator, which moves the wall times by ±100 ms.
 */
const cpuSince = (usage) => {
  const used = process.cpuUsage(usage);
  return (used.user + used.system) / 1000;
};
/** Peak RSS since process start minus the RSS at `before`, in MiB. */
const peakSince = (beforeRss) => (process.resourceUsage().maxRSS * 1024 - beforeRss) / 1048576;

async function session(client) {
  await client.login();
  const s = await new SessionManager({ cacheDir }).loadSession(baseUrl, 'admin');
  if (!s) throw new Error('no cached session after login');
  return s;
}

const tasks = {
  /** The first login of a process (lazy modules included), then the median of ten more. */
  async login() {
    let started = performance.now();
    const usage = process.cpuUsage();
    const first = newClient({ sessionPersistence: false });
    await first.login();
    const firstMs = performance.now() - started;
    const firstCpuMs = cpuSince(usage);
    await first.close();
    const more = [];
    for (let i = 0; i < 10; i++) {
      const c = newClient({ sessionPersistence: false });
      started = performance.now();
      await c.login();
      more.push(performance.now() - started);
      await c.close();
    }
    return { firstMs, firstCpuMs, laterMs: median(more) };
  },

  /**
   * The floor of a login: the same three requests (login page, form POST, start page for the new
   * token) with bare node:http, or node:https over an https URL, on one keep-alive connection, and a
   * regular expression for the token, first in its process (node:http(s) loaded on the way, as the
   * library's first login loads what it needs). Over https the certificate is not verified, as with
   * ignoreSsl, and no CA certificates are given (Node would build its root store otherwise, ~25 ms).
   */
  async 'login-floor'() {
    const started = performance.now();
    const usage = process.cpuUsage();
    const { request, Agent } = await import(tls ? 'node:https' : 'node:http');
    const agent = new Agent({ keepAlive: true, ...(tls && { rejectUnauthorized: false, ca: [] }) });
    const send = (method, path, headers = {}, body) =>
      new Promise((resolve, reject) => {
        const req = request(`${baseUrl}/hac${path}`, { method, headers, agent }, (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => resolve({ res, text: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const cookieOf = (res) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const page = await send('GET', '/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const form = `j_username=admin&j_password=nimda&_csrf=${encodeURIComponent(token)}`;
    const posted = await send('POST', '/j_spring_security_check', { cookie: cookieOf(page.res), 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) }, form);
    const home = await send('GET', '/', { cookie: cookieOf(posted.res) });
    const csrf = /name="_csrf" content="([^"]+)"/.exec(home.text)?.[1];
    const firstMs = performance.now() - started;
    const firstCpuMs = cpuSince(usage);
    agent.destroy();
    if (posted.res.statusCode !== 302 || !csrf) throw new Error('the floor login failed');
    return { firstMs, firstCpuMs };
  },

  /** Sequential warm calls, library and floor in alternating blocks: per-call means of each block. */
  async warm() {
    const client = newClient();
    const s = await session(client);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const floor = () => floorPost({ baseUrl, sessionId: s.sessionId, csrfToken: s.csrfToken, agent });
    const lib = () => client.executeGroovy('return 1');
    const noCache = newClient({ sessionPersistence: false });
    await noCache.login();
    const libNoCache = () => noCache.executeGroovy('return 1');
    const runs = { floor: [], lib: [], libNoCache: [] };
    const block = async (name, call, n = 200) => {
      const started = performance.now();
      for (let i = 0; i < n; i++) await call();
      runs[name].push((performance.now() - started) / n);
    };
    for (let i = 0; i < 2; i++) await Promise.all([block('floor', floor, 50), block('lib', lib, 50)]); // warm-up, discarded
    for (const name of Object.keys(runs)) runs[name].length = 0;
    for (let round = 0; round < 7; round++) {
      await block('floor', floor);
      await block('lib', lib);
      await block('libNoCache', libNoCache);
    }
    return { floorMs: median(runs.floor), libMs: median(runs.lib), libNoCacheMs: median(runs.libNoCache) };
  },

  /**
   * Sequential warm calls through the library alone, as the Python probe's `warm` makes them (50
   * discarded, then the median per-call time of 7 blocks of 200): for an https emulator, where the
   * node:http floor of `warm` does not apply.
   */
  async 'warm-lib'() {
    const client = newClient();
    await client.login();
    for (let i = 0; i < 50; i++) await client.executeGroovy('return 1');
    const times = [];
    for (let block = 0; block < 7; block++) {
      const started = performance.now();
      for (let i = 0; i < 200; i++) await client.executeGroovy('return 1');
      times.push((performance.now() - started) / 200);
    }
    return { ms: median(times) };
  },

  /**
   * 50 calls in flight at all times, 3000 in all: calls per second of the library and of bare
   * node:http (a 10-socket agent, as the library's default pool), alternating; and the most sockets
   * one run of the library opened (each run has a client of its own, so every socket it uses is new).
   */
  async concurrent() {
    const total = 3000;
    const inFlight = 50;
    let opened = 0;
    let connections = 0;
    const tracedClient = () => newClient({ debug: (line) => void (line.startsWith('connected to ') && opened++) });
    let client = tracedClient();
    const s = await session(client);
    const agent = new Agent({ keepAlive: true, maxSockets: 10 });
    /** Calls per second; this process's CPU per call (µs) in `cpu` (the emulator's is elsewhere). */
    const cpu = { floor: [], lib: [] };
    const drive = async (call, name) => {
      let next = 0;
      const started = performance.now();
      const usage = process.cpuUsage();
      await Promise.all(Array.from({ length: inFlight }, async () => {
        while (next++ < total) await call();
      }));
      const used = process.cpuUsage(usage);
      if (name) cpu[name].push((used.user + used.system) / total);
      return total / ((performance.now() - started) / 1000);
    };
    const floor = () => floorPost({ baseUrl, sessionId: s.sessionId, csrfToken: s.csrfToken, agent });
    const lib = () => client.executeGroovy('return 1');
    await drive(floor);
    await drive(lib);
    const result = { floorPerSec: [], libPerSec: [] };
    for (let round = 0; round < 5; round++) {
      result.floorPerSec.push(await drive(floor, 'floor'));
      await client.close();
      client = tracedClient();
      await client.executeGroovy('return 1'); // the cached session, one socket: not counted below
      opened = 1;
      result.libPerSec.push(await drive(lib, 'lib'));
      connections = Math.max(connections, opened);
    }
    return { floorPerSec: median(result.floorPerSec), libPerSec: median(result.libPerSec), connections, floorCpuUs: median(cpu.floor), libCpuUs: median(cpu.lib) };
  },

  /** A cold login and one call over TLS: connections and full TLS handshakes made. */
  async 'tls-login'() {
    const lines = [];
    const client = newClient({ sessionPersistence: false, ignoreSsl: true, quiet: true, debug: (line) => lines.push(line) });
    const started = performance.now();
    await client.executeGroovy('return 1');
    const ms = performance.now() - started;
    const connected = lines.filter((line) => line.startsWith('connected to '));
    return { ms, connections: connected.length, handshakes: connected.filter((line) => line.includes('full handshake')).length };
  },

  /** FlexibleSearch, ARG rows through the library: time and peak memory of the call. */
  async fs() {
    const client = newClient();
    await client.login();
    const before = process.memoryUsage.rss();
    const started = performance.now();
    const usage = process.cpuUsage();
    const result = await client.executeFlexibleSearch(FS_QUERY, { maxCount: fsRows });
    const ms = performance.now() - started;
    const cpuMs = cpuSince(usage);
    if (result.rows.length !== fsRows) throw new Error(`expected ${fsRows} rows, got ${result.rows.length}: ${result.exception}`);
    return { ms, cpuMs, peakMiB: peakSince(before), rows: result.rows.length };
  },

  /**
   * The same query read as it arrives (`streamFlexibleSearch`), each batch of rows dropped once
   * counted: what a consumer that passes rows on (a CSV export) holds.
   */
  async 'fs-stream'() {
    const client = newClient();
    await client.login();
    const before = process.memoryUsage.rss();
    const started = performance.now();
    const usage = process.cpuUsage();
    let rows = 0;
    for await (const part of client.streamFlexibleSearch(FS_QUERY, { maxCount: fsRows })) if (part.type === 'rows') rows += part.rows.length;
    const ms = performance.now() - started;
    const cpuMs = cpuSince(usage);
    if (rows !== fsRows) throw new Error(`expected ${fsRows} rows, got ${rows}`);
    return { ms, cpuMs, peakMiB: peakSince(before), rows };
  },

  /** The same query with bare node:http: the emulator's own time and the payload size. */
  async 'fs-floor'() {
    const s = await session(newClient());
    const form = new URLSearchParams({ flexibleSearchQuery: FS_QUERY, sqlQuery: '', maxCount: String(fsRows), locale: 'en', dataSource: 'master', commit: 'false' }).toString();
    const before = process.memoryUsage.rss();
    const started = performance.now();
    const usage = process.cpuUsage();
    const { status, body } = await floorPost({ baseUrl, sessionId: s.sessionId, csrfToken: s.csrfToken, path: '/console/flexsearch/execute', form });
    const ms = performance.now() - started;
    const cpuMs = cpuSince(usage);
    if (status !== 200) throw new Error(`HTTP ${status}`);
    return { ms, cpuMs, bytes: body.length, peakMiB: peakSince(before) };
  },

  /**
   * The same query with bare node:http and one `JSON.parse` of the body: the least any reader that
   * hands out every row at once holds (the body, its text while parsed, the parsed rows).
   */
  async 'fs-parse-floor'() {
    const s = await session(newClient());
    const form = new URLSearchParams({ flexibleSearchQuery: FS_QUERY, sqlQuery: '', maxCount: String(fsRows), locale: 'en', dataSource: 'master', commit: 'false' }).toString();
    const before = process.memoryUsage.rss();
    const started = performance.now();
    const usage = process.cpuUsage();
    const { status, body } = await floorPost({ baseUrl, sessionId: s.sessionId, csrfToken: s.csrfToken, path: '/console/flexsearch/execute', form });
    const rows = JSON.parse(body.toString('utf8')).resultList.length;
    const ms = performance.now() - started;
    const cpuMs = cpuSince(usage);
    if (status !== 200 || rows !== fsRows) throw new Error(`HTTP ${status}, ${rows} rows`);
    return { ms, cpuMs, peakMiB: peakSince(before) };
  },

  /** An ImpEx file through the text form (`importImpex`). */
  async 'impex-text'() {
    const client = newClient();
    await client.login();
    const script = readFileSync(arg, 'utf8');
    const before = process.memoryUsage.rss();
    const started = performance.now();
    const usage = process.cpuUsage();
    const result = await client.importImpex(script);
    return { ms: performance.now() - started, cpuMs: cpuSince(usage), peakMiB: peakSince(before), success: result.success };
  },

  /** The same file through the upload form (`importImpexFile`). */
  async 'impex-upload'() {
    const client = newClient();
    await client.login();
    const content = readFileSync(arg);
    const before = process.memoryUsage.rss();
    const started = performance.now();
    const usage = process.cpuUsage();
    const result = await client.importImpexFile({ name: basename(arg), content });
    return { ms: performance.now() - started, cpuMs: cpuSince(usage), peakMiB: peakSince(before), success: result.success };
  },
};

try {
  const run = tasks[task];
  if (!run || !baseUrl) throw new Error(`usage: client-probe.mjs ${Object.keys(tasks).join('|')} BASE_URL [FILE]`);
  process.stdout.write(`${JSON.stringify(await run())}\n`);
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
