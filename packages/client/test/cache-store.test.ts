import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SessionManager } from 'hac-client';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'hac-cache-test-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function freshDir(name: string): Promise<string> {
  return join(root, name, 'cache');
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

describe('SessionManager cache files', () => {
  it('names files like the Python tool and writes snake_case JSON without a password', async () => {
    const cacheDir = await freshDir('format');
    const mgr = new SessionManager({ cacheDir });
    await mgr.saveSession({
      baseUrl: 'https://localhost:9002/',
      username: 'admin',
      environment: 'dev',
      sessionId: 'ABCDEF0123456789',
      csrfToken: '11111111-2222-3333-4444-555555555555',
      routeCookie: 'node-a',
      createdAt: 1764140000.123,
    });
    const name = `session_${md5('https://localhost:9002:admin:dev')}.json`;
    assert.deepEqual(await readdir(cacheDir), [name]);
    const json = JSON.parse(await readFile(join(cacheDir, name), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), [
      'base_url', 'created_at', 'csrf_token', 'environment', 'is_authenticated', 'last_used_at', 'route_cookie', 'session_id', 'username',
    ]);
    assert.equal(json['session_id'], 'ABCDEF0123456789');
    assert.equal(json['route_cookie'], 'ROUTE=node-a');
    assert.equal(json['base_url'], 'https://localhost:9002');
    assert.equal(json['created_at'], 1764140000.123);
    assert.equal(typeof json['last_used_at'], 'number');
    assert.ok(!JSON.stringify(json).includes('password'));
  });

  it('uses mode 0700 for the directory and 0600 for files, and tightens existing ones', async () => {
    const cacheDir = await freshDir('modes');
    await mkdir(cacheDir, { recursive: true, mode: 0o755 });
    await chmod(cacheDir, 0o755);
    const mgr = new SessionManager({ cacheDir });
    const path = mgr.sessionPath('https://h:9002', 'admin', 'local');
    await writeFile(path, '{}', { mode: 0o644 });
    await chmod(path, 0o644);
    await mgr.saveSession({ baseUrl: 'https://h:9002', username: 'admin', sessionId: 'S1234567', csrfToken: 'T1234567' });
    assert.equal((await stat(cacheDir)).mode & 0o777, 0o700);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    // no temp files left behind by the atomic write
    assert.deepEqual((await readdir(cacheDir)).filter((n) => n.endsWith('.tmp')), []);
  });

  it('reads sessions written by the Python tool (route null, same key)', async () => {
    const cacheDir = await freshDir('python');
    await mkdir(cacheDir, { recursive: true });
    const file = {
      session_id: 'PYSESSION1', csrf_token: 'pytoken', route_cookie: null, environment: 'local',
      base_url: 'https://localhost:9002', username: 'admin', created_at: 1764140000.5, last_used_at: 1764140100.25, is_authenticated: true,
    };
    await writeFile(join(cacheDir, `session_${md5('https://localhost:9002:admin:local')}.json`), JSON.stringify(file));
    const mgr = new SessionManager({ cacheDir });
    const loaded = await mgr.loadSession('https://localhost:9002', 'admin', 'local');
    assert.equal(loaded?.sessionId, 'PYSESSION1');
    assert.equal(loaded?.routeCookie, null);
    assert.equal(loaded?.lastUsedAt, 1764140100.25);
  });

  it('deletes a corrupt file and treats it as missing', async () => {
    const cacheDir = await freshDir('corrupt');
    const mgr = new SessionManager({ cacheDir });
    await mkdir(cacheDir, { recursive: true });
    const path = mgr.sessionPath('https://h', 'admin', 'local');
    await writeFile(path, '{"session_id": "abc", trunc');
    assert.equal(await mgr.loadSession('https://h', 'admin', 'local'), null);
    await assert.rejects(stat(path), { code: 'ENOENT' });
    await writeFile(path, JSON.stringify({ session_id: 42 }));
    assert.deepEqual(await mgr.listSessions(), []);
    await assert.rejects(stat(path), { code: 'ENOENT' });
  });

  it('lists most recently used first with derived ages, touches, removes and clears', async () => {
    const cacheDir = await freshDir('list');
    const mgr = new SessionManager({ cacheDir });
    const now = Date.now() / 1000;
    await mgr.saveSession({ baseUrl: 'https://a', username: 'admin', environment: 'dev', sessionId: 'S-A-1234', csrfToken: 'T-A-1234', createdAt: now - 100 });
    await new Promise((r) => setTimeout(r, 20));
    await mgr.saveSession({ baseUrl: 'https://b', username: 'admin', environment: 'prod', sessionId: 'S-B-1234', csrfToken: 'T-B-1234', createdAt: now - 50 });
    let list = await mgr.listSessions();
    assert.deepEqual(list.map((s) => s.environment), ['prod', 'dev']);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(await mgr.touchSession('https://a', 'admin', 'dev'), true);
    assert.equal(await mgr.touchSession('https://zzz', 'admin', 'dev'), false);
    list = await mgr.listSessions();
    assert.deepEqual(list.map((s) => s.environment), ['dev', 'prod']);
    const first = list[0]!;
    assert.ok(first.ageSeconds >= 99 && first.ageSeconds < 200);
    assert.ok(first.idleSeconds < 5);
    assert.match(first.createdAtFormatted, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.match(first.lastUsedAtFormatted, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.ok(!JSON.stringify(list).includes('S-A-1234') && !JSON.stringify(list).includes('T-A-1234'));
    assert.equal(await mgr.removeSession('https://a', 'admin', 'dev'), true);
    assert.equal(await mgr.removeSession('https://a', 'admin', 'dev'), false);
    assert.equal(await mgr.clearAllSessions(), 1);
    assert.equal(await mgr.clearAllSessions(), 0);
  });

  it('lists the sessions of one target whatever the user', async () => {
    const cacheDir = await freshDir('filter');
    const mgr = new SessionManager({ cacheDir });
    const save = (baseUrl: string, username: string, environment: string, hacPath?: string): Promise<unknown> =>
      mgr.saveSession({ baseUrl, username, environment, ...(hacPath !== undefined ? { hacPath } : {}), sessionId: `S-${username}-${environment}`, csrfToken: 'T' });
    await save('https://a:9002', 'admin', 'dev/hac');
    await save('https://a:9002', 'ops', 'dev/hac');
    await save('https://a:9002', 'admin', 'prod/hac');
    await save('https://a:9002', 'admin', 'dev/hac', '/hac_admin');
    const dev = await mgr.listSessions({ baseUrl: 'https://a:9002/', environment: 'dev/hac' });
    assert.deepEqual(dev.map((s) => s.username).sort(), ['admin', 'ops']);
    const other = await mgr.listSessions({ baseUrl: 'https://a:9002', hacPath: '/hac_admin' });
    assert.deepEqual(other.map((s) => [s.baseUrl, s.environment]), [['https://a:9002/hac_admin', 'dev/hac']]);
    assert.equal((await mgr.listSessions({ environment: 'prod/hac', username: 'ops' })).length, 0);
    assert.equal((await mgr.listSessions()).length, 4);
  });

  it('keys a non-default context path apart from /hac', async () => {
    const cacheDir = await freshDir('paths');
    const mgr = new SessionManager({ cacheDir });
    const hac = mgr.sessionPath('https://h:9002', 'admin', 'local');
    const root = mgr.sessionPath('https://h:9002', 'admin', 'local', '');
    const custom = mgr.sessionPath('https://h:9002', 'admin', 'local', '/hac_admin');
    assert.equal(new Set([hac, root, custom]).size, 3);
    assert.ok(custom.endsWith(`session_${md5('https://h:9002/hac_admin:admin:local')}.json`));
    assert.ok(root.endsWith(`session_${md5('https://h:9002/:admin:local')}.json`));
  });

  it('never writes ROUTE=ROUTE=… and strips a JSESSIONID= prefix from imported ids', async () => {
    const cacheDir = await freshDir('import');
    const mgr = new SessionManager({ cacheDir });
    await mgr.saveSession({ baseUrl: 'https://h', username: 'u', sessionId: 'JSESSIONID=XYZ12345', csrfToken: 'tok12345', routeCookie: 'ROUTE=ROUTE=.pod-1' });
    const s = await mgr.loadSession('https://h', 'u');
    assert.equal(s?.sessionId, 'XYZ12345');
    assert.equal(s?.routeCookie, 'ROUTE=.pod-1');
  });
});
