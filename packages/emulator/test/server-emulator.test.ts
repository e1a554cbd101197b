import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../src/index.js';
import { Browser } from './server-helpers.js';

describe('startEmulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ updateDurationMs: 10 });
  });
  after(() => emu.close());

  it('listens on loopback with HAC under /hac and the consoles wired in', async () => {
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(emu.contextPath, '/hac');
    const browser = new Browser(emu.url);
    await browser.login();
    const answer = await browser.post(
      '/hac/console/flexsearch/execute',
      { flexibleSearchQuery: 'SELECT {pk} FROM {Product}', sqlQuery: '', maxCount: '2', user: 'admin', locale: 'en', dataSource: 'master', commit: 'false' },
      { 'X-CSRF-TOKEN': browser.token ?? '', 'X-Requested-With': 'XMLHttpRequest' },
    );
    assert.equal(answer.status, 200);
    const result = JSON.parse(answer.body) as { resultCount: number; exception: unknown };
    assert.equal(result.exception, null);
    assert.equal(result.resultCount, 2);
    assert.equal(emu.count('POST', '/hac/console/flexsearch/execute'), 1);
    assert.equal(emu.engine.flexibleSearch('SELECT {pk} FROM {Product}', { maxCount: 1, locale: 'en', user: 'admin' }).error, null);
  });

  it('routes scripting calls to registered handlers until unregistered', async () => {
    const seen: string[] = [];
    const unregister = emu.registerScript((invocation) => {
      seen.push(`${invocation.username}:${invocation.scriptType}:${invocation.commit}`);
      return invocation.script === 'magic' ? { executionResult: '42', outputText: 'hi', stacktraceText: '' } : undefined;
    });
    const browser = new Browser(emu.url);
    await browser.login();
    const run = async (): Promise<{ executionResult: string }> =>
      JSON.parse(
        (await browser.post('/hac/console/scripting/execute', { script: 'magic', scriptType: 'groovy', commit: 'false' }, { 'X-CSRF-TOKEN': browser.token ?? '' })).body,
      ) as { executionResult: string };
    assert.equal((await run()).executionResult, '42');
    assert.deepEqual(seen, ['admin:groovy:false']);
    unregister();
    assert.notEqual((await run()).executionResult, '42');
  });

  it('drives sessions and faults through the returned controls', async () => {
    const browser = new Browser(emu.url);
    await browser.login();
    emu.expireSessions();
    assert.equal((await browser.request('/hac/')).status, 302);
    emu.injectFault({ path: '/hac/login', kind: 'status', status: 503 });
    assert.equal((await browser.request('/hac/login')).status, 503);
    emu.resetRequests();
    assert.equal(emu.requests.length, 0);
  });

  it('makes configured users platform users, so queries and scripts run as them', async () => {
    const custom = await startEmulator({ data: 'empty', users: [{ username: "dev.o'neil", password: 'secret' }, { username: 'admin', password: 'other' }] });
    try {
      const browser = new Browser(custom.url);
      await browser.login('/hac', "dev.o'neil", 'secret');
      const headers = { 'X-CSRF-TOKEN': browser.token ?? '' };
      const query = await browser.post('/hac/console/flexsearch/execute', { flexibleSearchQuery: 'SELECT {uid} FROM {Employee} ORDER BY {uid}', maxCount: '10' }, headers);
      const result = JSON.parse(query.body) as { exception: unknown; resultList: string[][] };
      assert.equal(result.exception, null);
      assert.deepEqual(result.resultList, [['admin'], ['dev.o&#39;neil']]);
      const script = await browser.post('/hac/console/scripting/execute', { script: 'flexibleSearchService.search("SELECT {pk} FROM {UserGroup}").result.size()', scriptType: 'groovy' }, headers);
      assert.equal(JSON.parse(script.body).stacktraceText, '');
      const groups = custom.engine.flexibleSearch(
        "SELECT {g.uid} FROM {Employee AS u JOIN PrincipalGroupRelation AS r ON {r.source}={u.pk} JOIN UserGroup AS g ON {r.target}={g.pk}} WHERE {u.uid}='dev.o''neil'",
        { maxCount: -1, locale: 'en', user: 'admin' },
      );
      assert.deepEqual(groups.rows, [['admingroup']]);
    } finally {
      await custom.close();
    }
  });

  it('rejects impossible options with a RangeError', async () => {
    await assert.rejects(startEmulator({ nodes: 0 }), RangeError);
    await assert.rejects(startEmulator({ contextPath: 'hac' }), RangeError);
    await assert.rejects(startEmulator({ contextPath: '/hac"><script>' }), RangeError);
    await assert.rejects(startEmulator({ users: [] }), RangeError);
    // A delay beyond a timer's range would fire after 1 ms; every duration is bounded.
    await assert.rejects(startEmulator({ latencyMs: 1e300 }), /latencyMs must be a number from 0 to 600000 \(ms\), got 1e\+300/);
    await assert.rejects(startEmulator({ updateDurationMs: Number.POSITIVE_INFINITY }), /updateDurationMs must be a number from 0 to 3600000/);
    await assert.rejects(startEmulator({ sessionTimeoutSeconds: 0 }), /sessionTimeoutSeconds must be a number from 1/);
    await assert.rejects(startEmulator({ lockoutAfter: 2.5 }), /lockoutAfter must be an integer/);
    await assert.rejects(startEmulator({ generate: { Product: 1e9 } }), /generate.Product must be an integer from 1 to 10000000/);
    await assert.rejects(startEmulator({ generate: { Media: 5 } as never }), /generate takes Product and Order, got 'Media'/);
  });

  it('adds generated items to the data set', async () => {
    const generated = await startEmulator({ data: 'empty', generate: { Product: 3, Order: 2 } });
    try {
      const count = (type: string): string | null | undefined =>
        generated.engine.flexibleSearch(`SELECT COUNT({pk}) FROM {${type}} WHERE {code} LIKE 'GEN-%'`, { maxCount: 1, locale: 'en', user: 'admin' }).rows[0]?.[0];
      assert.deepEqual([count('Product'), count('Order')], ['3', '2']);
    } finally {
      await generated.close();
    }
  });

  it('bounds the update duration set on the consoles and through the control API', async () => {
    assert.throws(() => emu.consoles.setUpdateDuration(1e300), /update duration must be a number from 0 to 3600000/);
    const controlled = await startEmulator({ data: 'empty', control: true });
    try {
      const answer = await fetch(`${controlled.url}/__emulator/update-duration`, { method: 'POST', body: JSON.stringify({ ms: 1e300 }) });
      assert.equal(answer.status, 400);
      assert.match(((await answer.json()) as { error: string }).error, /update duration must be a number from 0 to 3600000/);
    } finally {
      await controlled.close();
    }
  });
});
