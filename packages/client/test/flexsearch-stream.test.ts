import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  BasicAuthHandler,
  HacClient,
  HacClientError,
  HacConnectionError,
  HacHttpError,
  HacResponseTooLargeError,
  HacTimeoutError,
  HacUnexpectedResponseError,
  streamFlexibleSearch,
  type FlexibleSearchResult,
  type FlexibleSearchStreamPart,
} from '../src/index.js';
import { client, useEmulator, LOGIN, log, startFakeHac, tempCacheDir, type FakeHac } from './session-helpers.js';

const EXECUTE = '/hac/console/flexsearch/execute';

/** Every part of a streamed answer, and the result they make up (as `executeFlexibleSearch` returns it). */
async function collect(parts: AsyncIterable<FlexibleSearchStreamPart>): Promise<{ parts: FlexibleSearchStreamPart[]; result: FlexibleSearchResult }> {
  const all: FlexibleSearchStreamPart[] = [];
  for await (const part of parts) all.push(part);
  const head = all[0];
  const end = all.at(-1);
  assert.ok(head?.type === 'headers' && end?.type === 'end', JSON.stringify(all.map((part) => part.type)));
  const rows = all.flatMap((part) => (part.type === 'rows' ? part.rows : []));
  return { parts: all, result: { headers: head.headers, rows, ...end.summary } };
}

describe('streamFlexibleSearch against the emulator', () => {
  const emu = useEmulator({ data: 'sample' });
  let c: HacClient;
  before(async () => {
    c = client(emu, await tempCacheDir());
    await c.login();
  });
  afterEach(() => {
    emu.clearFaults();
    emu.resetRequests();
  });
  after(() => c.close());

  it('gives the result executeFlexibleSearch gives (escaped cells, nulls), in one request', async () => {
    const query = 'SELECT {code}, {name}, {description} FROM {Product} ORDER BY {code}';
    const expected = await c.executeFlexibleSearch(query, { maxCount: 1000 });
    emu.resetRequests();
    const { result } = await collect(c.streamFlexibleSearch(query, { maxCount: 1000 }));
    assert.deepEqual(log(emu), [`POST ${EXECUTE} 200`]);
    // The query's own time is the emulator's, different on each run.
    assert.deepEqual({ ...result, executionTimeMs: 0 }, { ...expected, executionTimeMs: 0 });
    assert.ok(result.rows.some((row) => row[1] === 'Caffè & Crème <deluxe>'), 'cells are unescaped');
    assert.ok(result.rows.some((row) => row[2] === null), 'NULL stays null');
    const sql = await c.executeSql('SELECT p_code FROM products ORDER BY p_code', { maxCount: 3 });
    const streamed = (await collect(c.streamSql('SELECT p_code FROM products ORDER BY p_code', { maxCount: 3 }))).result;
    assert.deepEqual({ ...streamed, executionTimeMs: 0 }, { ...sql, executionTimeMs: 0 });
  });

  it('a failing query: the verdict comes in the headers part, no rows, success false at the end', async () => {
    const { parts, result } = await collect(c.streamFlexibleSearch('SELECT {pk} FROM {NoSuchType}'));
    assert.deepEqual(parts.map((part) => part.type), ['headers', 'end']);
    assert.match(String(result.exception), /NoSuchType/);
    assert.deepEqual(parts[0], { type: 'headers', headers: [], exception: result.exception });
    assert.equal(result.success, false);
    assert.deepEqual(log(emu), [`POST ${EXECUTE} 200`]);
  });

  it('an empty result has its headers and no rows part; a capped one says maxCountReached', async () => {
    const empty = await collect(c.streamFlexibleSearch("SELECT {code} FROM {Product} WHERE {code} = 'none'"));
    assert.deepEqual(empty.parts.map((part) => part.type), ['headers', 'end']);
    assert.deepEqual(empty.result.headers, ['P_CODE']);
    assert.equal(empty.result.resultCount, 0);
    const capped = await collect(c.streamFlexibleSearch('SELECT {pk} FROM {Product}', { maxCount: 2 }));
    assert.equal(capped.result.rows.length, 2);
    assert.equal(capped.result.maxCountReached, true);
  });

  it('applies the client-side rules at once, before any request', () => {
    assert.throws(() => c.streamFlexibleSearch(' ; '), HacClientError);
    assert.throws(() => c.streamSql('SELECT 1', { maxCount: 0 }), /maxCount 0/);
    assert.deepEqual(log(emu), []);
  });

  it('recovers from an expired session like every call: one replay after the login, nothing else repeated', async () => {
    emu.expireSessions();
    const { result } = await collect(c.streamFlexibleSearch('SELECT {code} FROM {Product}', { maxCount: 3 }));
    assert.equal(result.rows.length, 3);
    assert.deepEqual(log(emu), [`POST ${EXECUTE} 405`, ...LOGIN(), `POST ${EXECUTE} 200`]);
  });

  it('an error page and a body cut short are the errors send() gives, and the request is never repeated', async () => {
    emu.injectFault({ path: EXECUTE, kind: 'html-error', status: 500 });
    await assert.rejects(collect(c.streamFlexibleSearch('SELECT {pk} FROM {Product}')), (error: unknown) => error instanceof HacHttpError && error.status === 500);
    assert.deepEqual(log(emu), [`POST ${EXECUTE} 500`]);
    emu.resetRequests();
    emu.injectFault({ path: EXECUTE, kind: 'truncate' });
    await assert.rejects(collect(c.streamFlexibleSearch('SELECT {pk} FROM {Product}')), (error: unknown) => error instanceof HacConnectionError && /cut short|closed/.test(error.message));
    assert.deepEqual(log(emu), [`POST ${EXECUTE} 200`]);
  });

  it('a 503 or a reset is not retried either (the query is one request that may have run); a paged read is (pageFlexibleSearch)', async () => {
    emu.injectFault({ path: EXECUTE, kind: 'status', status: 503 });
    await assert.rejects(collect(c.streamFlexibleSearch('SELECT {pk} FROM {Product}')), (error: unknown) => error instanceof HacHttpError && error.status === 503);
    emu.injectFault({ path: EXECUTE, kind: 'reset' });
    await assert.rejects(collect(c.streamFlexibleSearch('SELECT {pk} FROM {Product}')), HacConnectionError);
    assert.deepEqual(log(emu), [`POST ${EXECUTE} 503`, `POST ${EXECUTE} 0`]);
  });

  it('an abort in the loop after the whole answer came in ends it with the signal’s reason', async () => {
    // A small answer is read whole before the loop gets its first part: ending the exchange then
    // once crashed the process (the socket, already back in the pool, failed with no listener).
    const controller = new AbortController();
    const reason = new Error('enough');
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const part of c.streamFlexibleSearch('SELECT {code} FROM {Product}', { maxCount: 5, signal: controller.signal })) {
          seen.push(part.type);
          controller.abort(reason);
        }
      })(),
      (error: unknown) => error === reason,
    );
    assert.equal(seen.includes('end'), false);
    // The client goes on working.
    assert.equal((await collect(c.streamFlexibleSearch('SELECT {code} FROM {Product}', { maxCount: 2 }))).result.rows.length, 2);
  });

  it('refuses an answer over maxResponseBytes while it streams in', async () => {
    const small = client(emu, await tempCacheDir(), { maxResponseBytes: 4096 });
    await assert.rejects(collect(small.streamFlexibleSearch('SELECT {pk}, {code}, {name} FROM {Product}', { maxCount: -1 })), HacResponseTooLargeError);
    await small.close();
  });

  it('a body that stalls past timeoutMs is HacTimeoutError saying the query may have run, not repeated', async () => {
    emu.injectFault({ path: EXECUTE, kind: 'slow-body', delayMs: 800 });
    await assert.rejects(
      collect(c.streamFlexibleSearch('SELECT {pk} FROM {Product}', { timeoutMs: 200 })),
      (error: unknown) => error instanceof HacTimeoutError && /may still have run/.test(error.message),
    );
    // The emulator records the request once it has sent the rest of its answer.
    while (emu.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(log(emu), [`POST ${EXECUTE} 200`]);
  });

  it('falls back to send() on a transport without stream()', async () => {
    const { result } = await collect(streamFlexibleSearch({ send: (request) => c.transport.send(request) }, 'SELECT {code} FROM {Product}', { maxCount: 2 }));
    assert.equal(result.rows.length, 2);
    assert.deepEqual(log(emu), [`POST ${EXECUTE} 200`]);
  });
});

/**
 * A HAC that writes its answer in steps the test controls: the headers first, then rows, then the
 * rest only once `release` is called; it records when the client closed the connection.
 */
describe('streamFlexibleSearch reading as the answer arrives (a HAC writing its answer in steps)', () => {
  let hac: FakeHac;
  let release: () => void = () => undefined;
  let closedEarly: Promise<boolean>;
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  before(async () => {
    hac = await startFakeHac((req, res) => {
      req.resume();
      req.on('end', () => answer(req, res));
    });
  });
  after(() => hac.close());
  const newClient = (options: { timeoutMs?: number } = {}): HacClient =>
    new HacClient({ baseUrl: hac.baseUrl, authHandler: new BasicAuthHandler('admin', 'nimda'), cacheDir: hac.cacheDir, ...options });

  /** Writes the headers and two rows, then the rest (or nothing) once released. */
  function stepwise(rest: string | null): void {
    closedEarly = new Promise((resolve) => {
      answer = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"exception":null,"headers":["A","B"],"resultList":[["1","x"],["2",null],');
        let done = false;
        res.on('close', () => resolve(!done));
        release = () => {
          if (rest === null) return;
          done = true;
          res.end(rest);
        };
      };
    });
  }

  it('hands out the headers and the first rows while the rest of the answer is still on the wire', async () => {
    stepwise('["3","y"]],"resultCount":3,"executionTime":5}');
    const client = newClient();
    const seen: string[] = [];
    for await (const part of client.streamFlexibleSearch('SELECT {a}, {b} FROM {T}', { maxCount: -1 })) {
      seen.push(part.type === 'rows' ? `rows ${part.rows.length}` : part.type);
      // The server sends the rest only now: these parts came before the answer's end.
      if (part.type === 'rows' && seen.length === 2) release();
    }
    assert.deepEqual(seen, ['headers', 'rows 2', 'rows 1', 'end']);
    assert.equal(await closedEarly, false);
    await client.close();
  });

  it('leaving the loop early closes the connection; a signal ends the read with its reason', async () => {
    stepwise(null);
    const client = newClient();
    for await (const part of client.streamFlexibleSearch('SELECT {a} FROM {T}', { maxCount: -1 })) if (part.type === 'rows') break;
    assert.equal(await closedEarly, true, 'the server saw the connection close before the answer ended');
    stepwise(null);
    const controller = new AbortController();
    const reason = new Error('stop');
    await assert.rejects(
      (async () => {
        for await (const part of client.streamFlexibleSearch('SELECT {a} FROM {T}', { maxCount: -1, signal: controller.signal })) {
          if (part.type === 'rows') controller.abort(reason);
        }
      })(),
      (error: unknown) => error === reason,
    );
    assert.equal(await closedEarly, true);
    await client.close();
  });

  it('the time the loop holds a part does not count against timeoutMs; the server\'s silence does', async () => {
    stepwise('["3","y"]]}');
    const client = newClient({ timeoutMs: 150 });
    let rows = 0;
    for await (const part of client.streamFlexibleSearch('SELECT {a} FROM {T}', { maxCount: -1 })) {
      if (part.type !== 'rows') continue;
      rows += part.rows.length;
      if (rows === 2) {
        // A slow consumer (a pager, a slow pipe) holds the part for twice the timeout, then asks on.
        await new Promise((resolve) => setTimeout(resolve, 300));
        release();
      }
    }
    assert.equal(rows, 3);
    stepwise(null);
    await assert.rejects(collect(client.streamFlexibleSearch('SELECT {a} FROM {T}', { maxCount: -1 })), HacTimeoutError);
    await client.close();
  });

  it('an answer that is not HAC\'s JSON is HacUnexpectedResponseError, even after rows were handed out', async () => {
    const client = newClient();
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>');
    await assert.rejects(collect(client.streamFlexibleSearch('SELECT {a} FROM {T}')), (error: unknown) => error instanceof HacUnexpectedResponseError && /other than JSON/.test(error.message));
    answer = (_req, res) => res.writeHead(200).end('{"exception":null,"headers":["A"],"resultList":[["1"],"2"]}');
    await assert.rejects(
      collect(client.streamFlexibleSearch('SELECT {a} FROM {T}')),
      (error: unknown) => error instanceof HacUnexpectedResponseError && /row 1 is not an array/.test(error.message) && error.excerpt.includes('resultList'),
    );
    answer = (_req, res) => res.writeHead(200).end('{"exception":null,"headers":["A"],"resultList":[["1"]');
    await assert.rejects(collect(client.streamFlexibleSearch('SELECT {a} FROM {T}')), /other than JSON/);
    await client.close();
  });
});
