import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from 'hac-emulator';
import { HacClientError, HacResponseTooLargeError } from 'hac-client';
import { cleanupDirs, client, emulator, useEmulator, LOGIN, log, tempCacheDir } from './session-helpers.js';

const SCRIPT_PATH = '/hac/console/scripting/execute';
const connectedLines = (lines: string[]): string[] => lines.filter((line) => line.startsWith('connected to '));

/**
 * A reverse proxy in front of the emulator whose `endless` path answers 200 with a body that never
 * ends (the hostile server of issue 10 item 8); it counts the bytes it managed to send.
 */
function endlessProxy(emu: Emulator, endless: string): Promise<{ server: Server; url: string; sent: () => number; closed: Promise<void> }> {
  const target = new URL(emu.url);
  let sent = 0;
  let onClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0] === endless) {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
      };
      res.on('drain', pump);
      res.on('close', onClosed);
      pump();
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, sent: () => sent, closed });
    });
  });
}

describe('connections', () => {
  const emu = useEmulator();

  it('keeps one connection alive across the login and the call', async () => {
    const lines: string[] = [];
    const c = client(emu, await tempCacheDir(), { debug: (line) => lines.push(line) });
    emu.resetRequests();
    await c.executeGroovy('return 1');
    await c.close();
    assert.deepEqual(log(emu), [...LOGIN(), `POST ${SCRIPT_PATH} 200`]);
    assert.equal(connectedLines(lines).length, 1, lines.join('\n'));
  });

  it('50 concurrent calls share a bounded pool (maxConnections), and every call succeeds', async () => {
    // The connection trace once left a listener per queued request on a busy socket (a leak Node warns about).
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    for (const [maxConnections, bound] of [[undefined, 10], [3, 3]] as const) {
      const lines: string[] = [];
      const c = client(emu, await tempCacheDir(), { debug: (line) => lines.push(line), ...(maxConnections ? { maxConnections } : {}) });
      await c.login();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => c.executeGroovy(`return ${i}`)));
      await c.close();
      assert.deepEqual(results.map((r) => r.executionResult), Array.from({ length: 50 }, (_, i) => String(i)));
      const opened = connectedLines(lines).length;
      assert.ok(opened >= 2 && opened <= bound, `${opened} connections for a bound of ${bound}`);
    }
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    assert.deepEqual(warnings.map((w) => w.message), []);
  });

  it('an answer beyond maxResponseBytes is a HacResponseTooLargeError; a GET is not retried for it', async () => {
    const c = client(emu, await tempCacheDir(), { maxResponseBytes: 4096 });
    await c.login();
    const unregister = emu.registerScript((invocation) =>
      invocation.script === '// big' ? { executionResult: 'x'.repeat(10_000), outputText: '', stacktraceText: '' } : undefined,
    );
    await assert.rejects(c.executeGroovy('// big').finally(unregister), (error: unknown) => {
      assert.ok(error instanceof HacResponseTooLargeError, String(error));
      assert.equal(error.limitBytes, 4096);
      assert.match(error.message, /^HAC's answer exceeded maxResponseBytes \(4 KiB\) \(the request has run on the server; only its answer was dropped\); raise maxResponseBytes .*: POST http:\/\/127\.0\.0\.1:\d+\/hac\/console\/scripting\/execute$/);
      return true;
    });
    emu.resetRequests();
    await assert.rejects(c.getConfiguration(), HacResponseTooLargeError);
    assert.deepEqual(log(emu), ['GET /hac/platform/config 200']);
  });

  it('an endless body is cut at the limit: a typed error, the connection closed', async () => {
    const proxy = await endlessProxy(emu, SCRIPT_PATH);
    try {
      const c = client(emu, await tempCacheDir(), { baseUrl: proxy.url, maxResponseBytes: 1024 * 1024 });
      await assert.rejects(c.executeGroovy('return 1'), (error: unknown) => {
        assert.ok(error instanceof HacResponseTooLargeError, String(error));
        assert.match(error.message, /exceeded maxResponseBytes \(1 MiB\)/);
        return true;
      });
      await proxy.closed;
      // What the client took in before hanging up: the limit plus what was in flight, not more.
      assert.ok(proxy.sent() < 16 * 1024 * 1024, `${proxy.sent()} bytes sent`);
    } finally {
      proxy.server.closeAllConnections();
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });

  it('a per-call timeout past the timer range, NaN, Infinity or below 1 ms is refused before any request', async () => {
    const c = client(emu, await tempCacheDir());
    emu.resetRequests();
    for (const timeoutMs of [2 ** 31, 99_999_999_999, Number.NaN, Number.POSITIVE_INFINITY, 0, 1e-7]) {
      await assert.rejects(c.executeGroovy('return 1', { timeoutMs }), (error: unknown) => {
        assert.ok(error instanceof HacClientError);
        assert.match(error.message, /^Invalid call option: timeoutMs must be a number of milliseconds from 1 to 2147483647/);
        return true;
      });
    }
    assert.deepEqual(log(emu), []);
    // The top of the range is a long timeout, not an immediate one.
    assert.equal((await c.executeGroovy('return 1', { timeoutMs: 2 ** 31 - 1 })).success, true);
  });
});

describe('connections over TLS', () => {
  let emu: Emulator;
  before(async () => {
    emu = await emulator({ tls: true });
  });
  after(async () => {
    await emu.close();
    await cleanupDirs();
  });

  it('a cold login and its call make one TLS handshake', async () => {
    const lines: string[] = [];
    const c = client(emu, await tempCacheDir(), { ignoreSsl: true, quiet: true, debug: (line) => lines.push(line) });
    emu.resetRequests();
    await c.executeGroovy('return 1');
    await c.close();
    assert.equal(emu.requests.length, 4);
    assert.deepEqual(connectedLines(lines).map((line) => line.replace(/ in [\d.]+ ms$/, '')), [`connected to ${new URL(emu.url).host} (TLS full handshake)`]);
  });
});
