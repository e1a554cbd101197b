import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { client, emulator, useEmulator, tempCacheDir } from './session-helpers.js';

/** A minimal CONNECT proxy that counts the tunnels it opens (and knows the host `commerce-server`). */
function startProxy(): Promise<{ server: Server; url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, socket, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    // `commerce-server` stands for a bare (dotless) host name only the proxy can resolve.
    const upstream = connect(Number(port), host === 'commerce-server' ? '127.0.0.1' : host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, tunnels });
    });
  });
}

const VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

describe('proxies from the environment', () => {
  const emu = useEmulator();
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const saved = new Map(VARS.map((v) => [v, process.env[v]]));
  before(async () => {
    proxy = await startProxy();
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    proxy.tunnels.length = 0;
  });
  after(async () => {
    proxy.server.closeAllConnections();
    await new Promise((r) => proxy.server.close(r));
  });

  it('goes through HTTP_PROXY, answers read whole and as they arrive', async () => {
    for (const v of VARS) delete process.env[v];
    process.env['HTTP_PROXY'] = proxy.url;
    const c = client(emu, await tempCacheDir());
    assert.equal((await c.executeGroovy('return 1')).success, true);
    const types: string[] = [];
    for await (const part of c.streamFlexibleSearch('SELECT {isocode} FROM {Language}')) types.push(part.type);
    assert.deepEqual([types[0], types.at(-1), types.includes('rows')], ['headers', 'end', true]);
    await c.close();
    assert.ok(proxy.tunnels.length >= 1);
    assert.ok(proxy.tunnels.every((t) => t === new URL(emu.url).host));
  });

  it('logs in on a bare host name (https://commerce-server:PORT): host-only cookies are sent back', async () => {
    for (const v of VARS) delete process.env[v];
    process.env['HTTPS_PROXY'] = proxy.url;
    // HTTPS: HAC's JSESSIONID is Secure, so over http:// only loopback hosts get it back.
    const tlsEmu = await emulator({ tls: true });
    try {
      const baseUrl = tlsEmu.url.replace('127.0.0.1', 'commerce-server');
      const c = client(tlsEmu, await tempCacheDir(), { baseUrl, ignoreSsl: true, quiet: true });
      assert.equal((await c.executeGroovy('return 1')).success, true);
      await c.close();
      assert.deepEqual(tlsEmu.requests.map((r) => `${r.method} ${r.path} ${r.status}`), [
        'GET /hac/login 200',
        'POST /hac/j_spring_security_check 302',
        'GET /hac/ 200',
        'POST /hac/console/scripting/execute 200',
      ]);
      assert.ok(proxy.tunnels.every((t) => t === new URL(baseUrl).host));
    } finally {
      await tlsEmu.close();
    }
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    for (const v of VARS) delete process.env[v];
    process.env['HTTP_PROXY'] = proxy.url;
    process.env['NO_PROXY'] = '127.0.0.1';
    const c = client(emu, await tempCacheDir());
    assert.equal((await c.executeGroovy('return 1')).success, true);
    await c.close();
    assert.deepEqual(proxy.tunnels, []);
  });
});
