import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from 'hac-emulator';
import {
  HacAuthenticationError,
  HacClient,
  HacClientError,
  HacConnectionError,
  HacTimeoutError,
  HacUnexpectedResponseError,
  SessionManager,
  BasicAuthHandler,
} from 'hac-client';
import { cleanupDirs, client, emulator, useEmulator, PASSWORD, tempCacheDir, USER } from './session-helpers.js';

/** Everything a user could see of an error: message, own properties and the whole cause chain. */
function visible(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let i = 0; current && i < 6; i++) {
    if (current instanceof Error) parts.push(String(current.stack), JSON.stringify(current, Object.getOwnPropertyNames(current)));
    else parts.push(String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

describe('errors', () => {
  const emu = useEmulator();

  it('every error is a HacClientError with a name of its own', () => {
    for (const E of [HacAuthenticationError, HacConnectionError, HacTimeoutError, HacUnexpectedResponseError]) {
      assert.ok(E.prototype instanceof HacClientError);
    }
    assert.equal(new HacAuthenticationError('x').name, 'HacAuthenticationError');
  });

  it('connection refused: HacConnectionError naming METHOD and URL', async () => {
    const dead = await emulator();
    const url = dead.url;
    await dead.close();
    const c = new HacClient({ baseUrl: url, authHandler: new BasicAuthHandler(USER, PASSWORD), cacheDir: await tempCacheDir(), maxRetries: 0 });
    await assert.rejects(c.login(), (error: unknown) => {
      assert.ok(error instanceof HacConnectionError);
      assert.match(error.message, /^Connection refused by 127\.0\.0\.1:\d+ \(is HAC running there\?\): GET http:\/\/127\.0\.0\.1:\d+\/hac\/login$/);
      assert.equal(error.method, 'GET');
      return true;
    });
  });

  it('https:// on a plain-HTTP port says to use http:// (not to skip certificate checks)', async () => {
    const https = emu.url.replace(/^http:/, 'https:');
    const c = new HacClient({ baseUrl: https, authHandler: new BasicAuthHandler(USER, PASSWORD), cacheDir: await tempCacheDir(), ignoreSsl: true, quiet: true, maxRetries: 0 });
    await assert.rejects(c.login(), (error: unknown) => {
      assert.ok(error instanceof HacConnectionError);
      assert.match(error.message, /^127\.0\.0\.1:\d+ speaks plain HTTP, not HTTPS \(ERR_SSL_[A-Z_]+\): use http:\/\/127\.0\.0\.1:\d+: GET https:/);
      assert.doesNotMatch(error.message, /ignoreSsl/);
      return true;
    });
  });

  it('http:// on a TLS port says to use https://: Tomcat\'s 400 answer, and a Node TLS server\'s reset', async () => {
    // HAC's Tomcat answers plain HTTP on its TLS connector so (TLSClientHelloExtractor.USE_TLS_RESPONSE).
    const tomcat = createServer((socket) =>
      socket.once('data', () =>
        socket.end('HTTP/1.1 400 \r\nContent-Type: text/plain;charset=UTF-8\r\nConnection: close\r\n\r\nBad Request\r\nThis combination of host and port requires TLS.\r\n'),
      ),
    );
    await new Promise<void>((resolve) => tomcat.listen(0, '127.0.0.1', resolve));
    const tls = await emulator({ tls: true });
    try {
      const port = (tomcat.address() as AddressInfo).port;
      const options = { authHandler: new BasicAuthHandler(USER, PASSWORD), cacheDir: await tempCacheDir(), maxRetries: 0 };
      await assert.rejects(new HacClient({ ...options, baseUrl: `http://127.0.0.1:${port}` }).login(), (error: unknown) => {
        assert.ok(error instanceof HacConnectionError);
        assert.equal(
          error.message,
          `127.0.0.1:${port} speaks HTTPS, not plain HTTP (HTTP 400: This combination of host and port requires TLS): use https://127.0.0.1:${port}: GET http://127.0.0.1:${port}/hac/login`,
        );
        return true;
      });
      const plain = tls.url.replace(/^https:/, 'http:');
      await assert.rejects(new HacClient({ ...options, baseUrl: plain }).login(), (error: unknown) => {
        assert.ok(error instanceof HacConnectionError);
        assert.match(error.message, /^Connection to (127\.0\.0\.1:\d+) was closed .*\(ECONNRESET\) \(if \1 speaks HTTPS, use https:\/\/\1\): GET http:\/\/\1\/hac\/login$/);
        return true;
      });
    } finally {
      tomcat.close();
      await tls.close();
    }
  });

  it('HTML where JSON was expected: HacUnexpectedResponseError with a redacted excerpt', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.login();
    const session = await new SessionManager({ cacheDir }).loadSession(emu.url, USER);
    assert.ok(session);
    await assert.rejects(c.transport.send({ method: 'GET', path: '/', expect: 'json' }), (error: unknown) => {
      assert.ok(error instanceof HacUnexpectedResponseError);
      assert.match(error.message, /other than JSON: GET http:\/\/127\.0\.0\.1:\d+\/hac\/$/);
      assert.ok(error.excerpt.length > 0 && error.excerpt.length <= 301);
      assert.ok(!visible(error).includes(session.csrfToken), 'CSRF token of the page is redacted');
      return true;
    });
  });

  it('an aborted call rejects with the signal reason, before or during the request', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    const early = new AbortController();
    early.abort();
    await assert.rejects(c.executeGroovy('return 1', { signal: early.signal }), { name: 'AbortError' });
    await c.login();
    emu.injectFault({ path: '/hac/console/scripting/execute', method: 'POST', kind: 'slow-body', delayMs: 2000 });
    const late = new AbortController();
    const reason = new Error('user pressed Ctrl-C');
    setTimeout(() => late.abort(reason), 100);
    const started = Date.now();
    await assert.rejects(c.executeGroovy('return 1', { signal: late.signal }), (error: unknown) => error === reason);
    assert.ok(Date.now() - started < 1500);
    emu.clearFaults();
  });

  it('a call aborted while it waits for a pooled connection is never sent, and the pool goes on', async () => {
    const slow = await emulator({ latencyMs: 200 });
    try {
      const c = client(slow, await tempCacheDir(), { maxConnections: 1 });
      await c.login();
      const first = c.executeGroovy('return 1');
      const controller = new AbortController();
      const reason = new Error('no longer wanted');
      const queued = c.executeGroovy('return 2', { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 50);
      await assert.rejects(queued, (error: unknown) => error === reason);
      assert.equal((await first).success, true);
      assert.equal((await c.executeGroovy('return 3')).executionResult, '3');
      assert.equal(slow.count('POST', '/hac/console/scripting/execute'), 2);
    } finally {
      await slow.close();
    }
  });

  it('aborting while a login is in flight leaves the shared login running for others', async () => {
    const slow = await emulator({ latencyMs: 150 });
    try {
      const c = client(slow, await tempCacheDir());
      const controller = new AbortController();
      const aborted = c.executeGroovy('return 1', { signal: controller.signal });
      const other = c.executeGroovy('return 2');
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(aborted, { name: 'AbortError' });
      assert.equal((await other).success, true);
      assert.equal(slow.count('POST', '/hac/j_spring_security_check'), 1);
    } finally {
      await slow.close();
    }
  });

  it('a slow server: HacTimeoutError per attempt', async () => {
    const slow = await emulator({ latencyMs: 400 });
    try {
      const c = client(slow, await tempCacheDir(), { timeoutMs: 100, maxRetries: 0 });
      await assert.rejects(c.login(), (error: unknown) => {
        assert.ok(error instanceof HacTimeoutError);
        assert.match(error.message, /^No complete response within 100 ms: GET http/);
        return true;
      });
    } finally {
      await slow.close();
    }
  });

  it('no session id, CSRF token or password in debug lines or errors', async () => {
    const cacheDir = await tempCacheDir();
    const lines: string[] = [];
    const c = client(emu, cacheDir, { debug: (line) => lines.push(line) });
    await c.executeGroovy('return 1');
    // The upload form carries the CSRF token in the URL (?_csrf=): the traced URL must not show it.
    await c.importImpexFile({ name: 'x.impex', content: Buffer.from('INSERT_UPDATE Language;isocode[unique=true]\n;xs') });
    const first = await new SessionManager({ cacheDir }).loadSession(emu.url, USER);
    emu.expireSessions();
    await c.executeGroovy('return 2');
    const second = await new SessionManager({ cacheDir }).loadSession(emu.url, USER);
    emu.injectFault({ path: '/hac/console/scripting/execute', method: 'POST', kind: 'html-error', status: 500 });
    const failure = await c.executeGroovy('return 3').catch((error: unknown) => error);
    emu.clearFaults();
    const wrong = new HacClient({ baseUrl: emu.url, authHandler: new BasicAuthHandler(USER, 'Sup3r-S3cret!'), cacheDir: await tempCacheDir(), debug: (l) => lines.push(l) });
    const authFailure = await wrong.login().catch((error: unknown) => error);
    assert.ok(first && second && failure instanceof HacClientError && authFailure instanceof HacAuthenticationError);
    assert.ok(lines.length > 10);
    const text = [lines.join('\n'), visible(failure), visible(authFailure)].join('\n');
    for (const secret of [first.sessionId, first.csrfToken, second.sessionId, second.csrfToken, PASSWORD, 'Sup3r-S3cret!']) {
      assert.ok(!text.includes(secret), `secret leaked: ${secret.slice(0, 3)}…`);
    }
    assert.ok(lines.some((l) => l.includes('POST') && l.includes('/hac/j_spring_security_check')));
    assert.ok(lines.some((l) => l.includes('/hac/console/impex/import/upload?_csrf=[REDACTED]')));
  });
});

describe('TLS', () => {
  let emu: Emulator;
  before(async () => {
    emu = await emulator({ tls: true });
  });
  after(async () => {
    await emu.close();
    await cleanupDirs();
  });

  it('a self-signed certificate fails with a hint about ignoreSsl and NODE_EXTRA_CA_CERTS, without retries', async () => {
    const c = client(emu, await tempCacheDir());
    await assert.rejects(c.executeGroovy('return 1'), (error: unknown) => {
      assert.ok(error instanceof HacConnectionError);
      assert.match(error.message, /not trusted .*ignoreSsl: true.*NODE_EXTRA_CA_CERTS.*: GET https:\/\//);
      return true;
    });
    assert.equal(emu.requests.length, 0);
  });

  it('keeps verification on and trusts a CA given in NODE_EXTRA_CA_CERTS', { timeout: 30_000 }, async () => {
    const url = new URL(emu.url);
    const der = await new Promise<Buffer>((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate().raw);
        socket.end();
      });
      socket.on('error', reject);
    });
    const cacheDir = await tempCacheDir();
    const caFile = `${cacheDir}.ca.pem`;
    await writeFile(caFile, `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`);
    // NODE_EXTRA_CA_CERTS is read at process start: run one call in a child process.
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', fileURLToPath(new URL('./session-process-child.ts', import.meta.url)), emu.url, cacheDir],
      { cwd: fileURLToPath(new URL('../../../', import.meta.url)), env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, out);
    assert.equal((JSON.parse(out) as { success: boolean }).success, true);
  });

  it('ignoreSsl: true warns once per process (process warning HAC_CLIENT_INSECURE_TLS), never when quiet', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      if ((warning as Error & { code?: string }).code === 'HAC_CLIENT_INSECURE_TLS') warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      await client(emu, await tempCacheDir(), { ignoreSsl: true, quiet: true }).login();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(warnings.length, 0, 'quiet: no warning');
      for (let i = 0; i < 2; i++) await client(emu, await tempCacheDir(), { ignoreSsl: true }).login();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(warnings.length, 1, 'one warning per process');
      assert.match(warnings[0]?.message ?? '', /^TLS certificate verification is off for https:\/\/127\.0\.0\.1:\d+ \(ignoreSsl: true\).*NODE_EXTRA_CA_CERTS/);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('ignoreSsl: true logs in over HTTPS (Secure cookies included)', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir, { ignoreSsl: true });
    emu.resetRequests();
    assert.equal((await c.executeGroovy('return 1')).success, true);
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), 1);
  });
});
