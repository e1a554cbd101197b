/**
 * Issue 10 items 1, 7 and 10: a cache directory other users control is not used, files planted in
 * the cache (links, FIFOs, huge or foreign files) are neither followed nor read, and cached values
 * that cannot be sent in a Cookie or header count as no session.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, chown, lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { BasicAuthHandler, HacAuthenticationError, HacClient, HacClientError, SessionManager, securePrivateDirectory, sessionValuesProblem, UnsafeCacheDirError, type StoredSession } from 'hac-client';
import { otherGroupMembers } from '../src/session/cache-dir.js';
import { cacheFs } from '../src/session/cache-fs.js';
import { client, useEmulator, log, LOGIN, tempCacheDir, USER } from './session-helpers.js';

const SCRIPT = 'POST /hac/console/scripting/execute 200';
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const needsRoot = isRoot ? false : 'needs root to give a file to another user';

let live: StoredSession;
const emu = useEmulator({}, async (started) => {
  const source = await tempCacheDir();
  await client(started, source).login();
  live = (await new SessionManager({ cacheDir: source }).loadSession(started.url, USER))!;
});
beforeEach(() => emu.resetRequests());

/** The file the Python tool would write for `session` (snake_case JSON). */
function sessionJson(session: StoredSession, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    session_id: session.sessionId,
    csrf_token: session.csrfToken,
    route_cookie: session.routeCookie,
    environment: 'local',
    base_url: emu.url,
    username: USER,
    created_at: session.createdAt,
    last_used_at: session.lastUsedAt,
    is_authenticated: true,
    ...overrides,
  });
}

function warningsOf(): { warnings: string[]; onWarning: (message: string) => void } {
  const warnings: string[] = [];
  return { warnings, onWarning: (message) => warnings.push(message) };
}

describe('a cache directory that is not safely the user’s own', () => {
  it('is not used inside a directory others can write to: one warning, the calls go on, nothing is created', async () => {
    const shared = join(dirname(await tempCacheDir()), 'shared');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const { warnings, onWarning } = warningsOf();
    const c = client(emu, join(shared, 'hac-client'), { onWarning });
    assert.equal((await c.executeGroovy('return 1')).success, true);
    assert.equal((await c.executeGroovy('return 2')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT, SCRIPT]);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /^session cache not used: .*shared\/hac-client is inside .*shared, which other users can write to; .*calls go on without it/);
    assert.deepEqual(await readdir(shared), [], 'the cache directory was not even created');
  });

  it('is not used when it belongs to another user', { skip: needsRoot }, async () => {
    const cacheDir = await tempCacheDir();
    await mkdir(cacheDir, { mode: 0o700 });
    await writeFile(join(cacheDir, 'session_00000000000000000000000000000000.json'), sessionJson(live));
    await chown(cacheDir, NOBODY, NOBODY);
    const { warnings, onWarning } = warningsOf();
    const c = client(emu, cacheDir, { onWarning });
    assert.equal((await c.executeGroovy('return 1')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
    assert.match(warnings.join('\n'), /cache belongs to another user \(uid 65534\)/);
    assert.deepEqual(await readdir(cacheDir), ['session_00000000000000000000000000000000.json']);
  });

  it('is not used by root with a user’s HOME (sudo): nothing is created in that home', { skip: needsRoot }, async () => {
    const home = join(dirname(await tempCacheDir()), 'home');
    await mkdir(home);
    await chown(home, NOBODY, NOBODY);
    const { warnings, onWarning } = warningsOf();
    const c = client(emu, join(home, '.cache', 'hac-client'), { onWarning });
    assert.equal((await c.executeGroovy('return 1')).success, true);
    assert.match(warnings.join('\n'), /is inside .*home, which belongs to another user \(uid 65534\)/);
    assert.deepEqual(await readdir(home), []);
  });

  describe('a directory writable by its group', () => {
    const ownGid = process.getgid?.() ?? 0;
    const groupWritable = async (name: string, gid = ownGid): Promise<string> => {
      const dir = join(dirname(await tempCacheDir()), name);
      await mkdir(dir);
      await chmod(dir, 0o770);
      if (gid !== ownGid) await chown(dir, process.getuid?.() ?? 0, gid);
      return join(dir, 'hac-client');
    };
    const files = (group: string, passwd: string): { restore: () => void } => {
      const original = cacheFs.readSystemFile;
      cacheFs.readSystemFile = async (path) => (path === '/etc/group' ? group : path === '/etc/passwd' ? passwd : original(path));
      return { restore: () => (cacheFs.readSystemFile = original) };
    };
    const me = process.getuid?.() ?? 0;
    const passwd = (extra = ''): string => `me:x:${me}:${ownGid}::/home/me:/bin/sh\n${extra}`;

    it('is used when the group is the user’s own and nobody else is in it (a user private group)', async () => {
      const stub = files(`me:x:${ownGid}:\nstaff:x:50:me,bob\n`, passwd('bob:x:1001:1001::/home/bob:/bin/sh\n'));
      try {
        const cacheDir = await groupWritable('private-group');
        const mgr = new SessionManager({ cacheDir });
        assert.deepEqual(await mgr.listSessions(), []);
        assert.equal((await lstat(cacheDir)).mode & 0o777, 0o700);
      } finally {
        stub.restore();
      }
    });

    for (const [name, group, extraPasswd] of [
      ['listed as a member', `me:x:${ownGid}:bob\n`, ''],
      ['whose primary group it is', `me:x:${ownGid}:\n`, `bob:x:1001:${ownGid}::/home/bob:/bin/sh\n`],
      ['when the group is not in /etc/group (its members are unknown)', 'other:x:4242:\n', ''],
    ] as const) {
      it(`is not used when another account can be in the group: ${name}`, async () => {
        const stub = files(group, passwd(extraPasswd));
        try {
          const cacheDir = await groupWritable(`shared-${name.length}`);
          await assert.rejects(new SessionManager({ cacheDir }).listSessions(), (error: unknown) => {
            assert.ok(error instanceof HacClientError);
            assert.match(error.message, /is inside .*shared-\d+, which other members of its group \(gid \d+\) can write to; run chmod g-w /);
            return true;
          });
          assert.deepEqual(await readdir(dirname(cacheDir)), [], 'nothing created');
        } finally {
          stub.restore();
        }
      });
    }

    it('is not used when the group is not the user’s', { skip: needsRoot }, async () => {
      const cacheDir = await groupWritable('foreign-group', NOBODY);
      await assert.rejects(new SessionManager({ cacheDir }).listSessions(), /which other users can write to; run chmod go-w/);
    });

    it('otherGroupMembers reads /etc/group and /etc/passwd as they are written', () => {
      const group = 'root:x:0:\nusers:x:100:alice,me\n# comment\nme:x:1000:\n';
      const passwdText = 'root:x:0:0:root:/root:/bin/bash\nme:x:1000:1000::/home/me:/bin/sh\nalice:x:1001:100::/home/alice:/bin/sh\ncarol:x:1002:100::/home/carol:/bin/sh\n';
      assert.deepEqual(otherGroupMembers(1000, 1000, group, passwdText), []);
      assert.deepEqual(otherGroupMembers(100, 1000, group, passwdText), ['alice', 'carol']);
      assert.equal(otherGroupMembers(4242, 1000, group, passwdText), undefined, 'a group not listed: members unknown');
    });
  });

  it('SessionManager refuses it with a one-line HacClientError', async () => {
    const shared = join(dirname(await tempCacheDir()), 'open');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const mgr = new SessionManager({ cacheDir: join(shared, 'hac-client') });
    await assert.rejects(mgr.listSessions(), (error: unknown) => {
      assert.ok(error instanceof HacClientError);
      assert.match(error.message, /^.*open\/hac-client is inside .*open, which other users can write to; run chmod go-w .*open$/);
      return true;
    });
  });
});

describe('a cache directory reached through symbolic links, or already there', () => {
  it('is used at its real path: a link above it or the directory itself as a link is resolved, and the session lands in the real directory', async () => {
    const base = dirname(await tempCacheDir());
    await mkdir(join(base, 'real', 'hac-client'), { recursive: true, mode: 0o700 });
    await symlink(join(base, 'real'), join(base, 'above'));
    await symlink(join(base, 'real', 'hac-client'), join(base, 'itself'));
    assert.equal(await securePrivateDirectory(join(base, 'above', 'hac-client')), join(base, 'real', 'hac-client'));
    assert.equal(await securePrivateDirectory(join(base, 'itself')), join(base, 'real', 'hac-client'));
    await client(emu, join(base, 'above', 'hac-client')).login();
    assert.deepEqual(await readdir(join(base, 'real', 'hac-client')), [basename(new SessionManager({ cacheDir: base }).sessionPath(emu.url, USER))]);
  });

  it('is checked where the links lead: a link to a directory others can write to is refused, and nothing is created there', async () => {
    const base = dirname(await tempCacheDir());
    await mkdir(join(base, 'open'));
    await chmod(join(base, 'open'), 0o777);
    await symlink(join(base, 'open'), join(base, 'tidy-name'));
    await assert.rejects(securePrivateDirectory(join(base, 'tidy-name', 'hac-client')), (error: unknown) => {
      assert.ok(error instanceof UnsafeCacheDirError);
      assert.match(error.message, /tidy-name\/hac-client is inside .*\/open, which other users can write to; run chmod go-w /);
      return true;
    });
    assert.deepEqual(await readdir(join(base, 'open')), []);
  });

  it('an existing directory open to others is closed to 0700; a file in its place, or one in place of a directory above it, is refused', async () => {
    const base = dirname(await tempCacheDir());
    await mkdir(join(base, 'loose'), { mode: 0o755 });
    await chmod(join(base, 'loose'), 0o755);
    assert.equal(await securePrivateDirectory(join(base, 'loose')), join(base, 'loose'));
    assert.equal((await lstat(join(base, 'loose'))).mode & 0o777, 0o700);
    await writeFile(join(base, 'plain-file'), '');
    await assert.rejects(securePrivateDirectory(join(base, 'plain-file')), /plain-file is not a directory; remove it/);
    await assert.rejects(securePrivateDirectory(join(base, 'plain-file', 'hac-client')), /cannot be created: .*plain-file is not a directory; remove it/);
  });

  it('missing directories are created, the cache 0700', async () => {
    const base = dirname(await tempCacheDir());
    assert.equal(await securePrivateDirectory(join(base, 'a', 'b', 'hac-client')), join(base, 'a', 'b', 'hac-client'));
    assert.equal((await lstat(join(base, 'a', 'b', 'hac-client'))).mode & 0o777, 0o700);
  });
});

describe('files planted in the cache directory', () => {
  it('a symbolic link as the session file is not followed: a login replaces it, its target is untouched', async () => {
    const cacheDir = await tempCacheDir();
    const path = new SessionManager({ cacheDir }).sessionPath(emu.url, USER);
    await mkdir(cacheDir, { mode: 0o700 });
    const target = join(dirname(cacheDir), 'elsewhere.json');
    const planted = sessionJson(live);
    await writeFile(target, planted);
    await symlink(target, path);
    assert.equal((await client(emu, cacheDir).executeGroovy('return 1')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT], 'the linked session was not used');
    assert.equal(await readFile(target, 'utf8'), planted);
    assert.ok((await lstat(path)).isFile());
  });

  it('a symbolic link as the login-failure marker is not written through', async () => {
    const cacheDir = await tempCacheDir();
    const path = new SessionManager({ cacheDir }).sessionPath(emu.url, USER);
    await mkdir(cacheDir, { mode: 0o700 });
    const victim = join(dirname(cacheDir), 'victim.txt');
    await writeFile(victim, 'precious');
    await symlink(victim, `${path}.failed`);
    const c = new HacClient({ baseUrl: emu.url, authHandler: new BasicAuthHandler(USER, 'wrong'), cacheDir, timeoutMs: 5000 });
    await assert.rejects(c.executeGroovy('return 1'), HacAuthenticationError);
    assert.equal(await readFile(victim, 'utf8'), 'precious');
  });

  it('a FIFO as the session file does not hang the call', { timeout: 10_000 }, async () => {
    const cacheDir = await tempCacheDir();
    const path = new SessionManager({ cacheDir }).sessionPath(emu.url, USER);
    await mkdir(cacheDir, { mode: 0o700 });
    execFileSync('mkfifo', [path]);
    assert.equal((await client(emu, cacheDir).executeGroovy('return 1')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
    assert.ok((await lstat(path)).isFile());
  });

  it('a session file over 64 KiB is not read', async () => {
    const cacheDir = await tempCacheDir();
    const mgr = new SessionManager({ cacheDir });
    await mkdir(cacheDir, { mode: 0o700 });
    await writeFile(mgr.sessionPath(emu.url, USER), sessionJson(live).replace('{', `{${' '.repeat(64 * 1024)}`));
    assert.equal(await mgr.loadSession(emu.url, USER), null);
    assert.equal((await client(emu, cacheDir).executeGroovy('return 1')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
  });

  it('a session file owned by another user is not used', { skip: needsRoot }, async () => {
    const cacheDir = await tempCacheDir();
    const path = new SessionManager({ cacheDir }).sessionPath(emu.url, USER);
    await mkdir(cacheDir, { mode: 0o700 });
    await writeFile(path, sessionJson(live));
    await chown(path, NOBODY, NOBODY);
    assert.equal((await client(emu, cacheDir).executeGroovy('return 1')).success, true);
    assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
  });
});

describe('session values read from the cache', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['a session id with CR/LF', { session_id: 'ABC\r\nX-Injected: 1' }],
    ['a CSRF token with ";"', { csrf_token: 'tok;en' }],
    ['a ROUTE with a space', { route_cookie: 'ROUTE=.pod 1' }],
  ];
  for (const [name, overrides] of cases) {
    it(`${name} counts as no session: one login, and the file is replaced`, async () => {
      const cacheDir = await tempCacheDir();
      const mgr = new SessionManager({ cacheDir });
      await mkdir(cacheDir, { mode: 0o700 });
      await writeFile(mgr.sessionPath(emu.url, USER), sessionJson(live, overrides));
      assert.equal((await client(emu, cacheDir).executeGroovy('return 1')).success, true);
      assert.deepEqual(log(emu), [...LOGIN(), SCRIPT]);
      const saved = await mgr.loadSession(emu.url, USER);
      assert.ok(saved && saved.sessionId !== live.sessionId && sessionValuesProblem(saved) === undefined);
    });
  }

  it('sessionValuesProblem names the value and what is wrong with it', () => {
    assert.equal(sessionValuesProblem({ sessionId: 'A1B2.node0', csrfToken: '1f0e-42', routeCookie: 'ROUTE=.pod-1' }), undefined);
    assert.equal(sessionValuesProblem({ sessionId: '"quoted"', csrfToken: 'x+/=' }), undefined);
    assert.equal(sessionValuesProblem({ sessionId: 'a\nb', csrfToken: 't' }), 'the session id contains a line break');
    assert.equal(sessionValuesProblem({ sessionId: 'a', csrfToken: 't;x' }), "the CSRF token contains ';'");
    assert.equal(sessionValuesProblem({ sessionId: 'a', csrfToken: 't', routeCookie: '.pod 1' }), 'the ROUTE cookie contains white space');
    assert.equal(sessionValuesProblem({ sessionId: 'a,b', csrfToken: 't' }), 'the session id contains a character not allowed in a cookie or header (" , or \\)');
    assert.equal(sessionValuesProblem({ sessionId: 'é', csrfToken: 't' }), 'the session id contains a control or non-ASCII character');
    assert.equal(sessionValuesProblem({ sessionId: '', csrfToken: 't' }), 'the session id is empty');
  });

  it('saveSession refuses such a value with a TypeError naming it, and writes nothing', async () => {
    const cacheDir = await tempCacheDir();
    const mgr = new SessionManager({ cacheDir });
    await assert.rejects(
      mgr.saveSession({ baseUrl: emu.url, username: USER, sessionId: 'ABC', csrfToken: 'tok', routeCookie: 'ROUTE=a;b' }),
      { name: 'TypeError', message: "saveSession: the ROUTE cookie contains ';'" },
    );
    assert.deepEqual(await mgr.listSessions(), []);
  });
});
