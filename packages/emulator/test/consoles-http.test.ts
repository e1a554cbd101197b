import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { startEmulator, type Emulator } from '../src/index.js';
import { Browser } from './server-helpers.js';

/** The consoles end to end: login, CSRF header or query token, bodies as HAC's own pages send them. */
describe('consoles over HTTP', () => {
  let emu: Emulator;
  let browser: Browser;
  before(async () => {
    emu = await startEmulator({ port: 0, updateDurationMs: 150 });
    browser = new Browser(emu.url);
    await browser.login();
  });
  after(() => emu.close());

  const ajax = (): Record<string, string> => ({ 'X-CSRF-TOKEN': browser.token ?? '', 'X-Requested-With': 'XMLHttpRequest' });

  it('runs a script and a registered handler', async () => {
    const answer = await browser.post('/hac/console/scripting/execute', { script: "println 'hi'\nreturn 40 + 2", scriptType: 'groovy', commit: 'false' }, ajax());
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), { executionResult: '42', outputText: 'hi\n', stacktraceText: '' });
    const remove = emu.registerScript((invocation) => (invocation.commit ? { executionResult: 'committed', outputText: '', stacktraceText: '' } : undefined));
    try {
      const committed = await browser.post('/hac/console/scripting/execute', { script: 'x', scriptType: 'groovy', commit: 'true' }, ajax());
      assert.equal(JSON.parse(committed.body).executionResult, 'committed');
    } finally {
      remove();
    }
    assert.equal((await browser.post('/hac/console/scripting/execute', { script: 'return 1' }, ajax())).status, 400);
    assert.equal((await browser.post('/hac/console/scripting/execute/', { script: 'return 1', scriptType: 'groovy' }, ajax())).status, 404);
  });

  it('answers FlexibleSearch with escaped cells', async () => {
    const answer = await browser.post('/hac/console/flexsearch/execute', {
      flexibleSearchQuery: '', sqlQuery: "SELECT '<a & b>' AS v", maxCount: '200', user: 'admin', locale: 'en', dataSource: 'master', commit: 'false',
    }, ajax());
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body).resultList, [['&lt;a &amp; b&gt;']]);
  });

  it('imports a multipart upload authorised by ?_csrf=', async () => {
    const boundary = '----hacEmulatorBoundary7MA4YWxk';
    const part = (name: string, value: string): string => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lang.impex"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from('INSERT_UPDATE Language;isocode[unique=true];active\n;qh;true\n'),
      Buffer.from('\r\n' + part('encoding', 'UTF-8') + part('maxThreads', '1') + part('validationEnum', 'IMPORT_STRICT') + part('_legacyMode', 'on') + `--${boundary}--\r\n`),
    ]);
    const answer = await browser.request(`/hac/console/impex/import/upload?_csrf=${encodeURIComponent(browser.token ?? '')}`, {
      method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body,
    });
    assert.equal(answer.status, 200);
    assert.match(answer.body, /<span id="impexResult" data-level="notice" data-result="Import finished successfully">/);
    assert.equal(emu.engine.flexibleSearch("SELECT {pk} FROM {Language} WHERE {isocode} = 'qh'", { maxCount: 1, locale: 'en', user: 'admin' }).rows.length, 1);
  });

  it('exports and serves the ZIP at /medias/… outside the context path, without a session, as the link resolves in a browser', async () => {
    const page = await browser.post('/hac/console/impex/export', {
      scriptContent: 'INSERT_UPDATE Language;isocode[unique=true]\n"#% impex.exportItems(""Language"", false);"', validationEnum: 'EXPORT_ONLY', encoding: 'UTF-8', _csrf: browser.token ?? '',
    });
    const href = /<div id="downloadExportResultData"[^>]*>[\s\S]*?<a href="([^"]+)">/.exec(page.body)?.[1];
    assert.ok(href, page.body.slice(-600));
    const link = new URL(href.replace(/&amp;/g, '&'), `${emu.url}/hac/console/impex/export`);
    assert.match(link.pathname, /^\/medias\/dataexport_\d+_\d+\.zip$/);
    assert.equal((await fetch(`${emu.url}/medias/nope.zip?context=x`)).status, 404);
    assert.equal((await fetch(`${emu.url}/other/x.zip`)).status, 404);
    const zip = await fetch(link);
    assert.equal(zip.status, 200);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    assert.match(zip.headers.get('content-disposition') ?? '', /^attachment; filename="dataexport_\d+_\d+\.zip"$/);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    assert.match(Buffer.from(files['importscript.impex'] ?? []).toString('utf8'), /^INSERT_UPDATE Language;isocode\[unique=true\]$/m);
  });

  it('runs an update with a JSON body while the log grows', async () => {
    const run = browser.request('/hac/platform/init/execute', {
      method: 'POST',
      headers: { ...ajax(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ dropTables: false, clearHMC: false, createEssentialData: true, localizeTypes: false, createProjectData: false, initMethod: 'UPDATE', allParameters: {}, patches: {} }),
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    const data = JSON.parse((await browser.request('/hac/platform/init/data')).body);
    assert.equal(data.isInitializing, true);
    const answer = await run;
    assert.equal(answer.status, 200);
    const result = JSON.parse(answer.body);
    assert.equal(result.success, true);
    assert.match(result.log, /FINISHED/);
    assert.equal(JSON.parse((await browser.request('/hac/initlog/log')).body).log, result.log);
  });

  it('serves every menu entry of the dashboard', async () => {
    const dashboard = await browser.request('/hac/');
    const links = [...dashboard.body.matchAll(/<li><a href="(\/hac\/[^"]+)">/g)].map((m) => m[1] ?? '');
    assert.ok(links.length >= 10, dashboard.body);
    for (const link of links) {
      const page = await browser.request(link);
      assert.equal(page.status, 200, link);
      assert.match(page.body, /<meta name="_csrf" content="[0-9a-f-]{36}"\/>/, link);
    }
  });

  it('renders the dashboard in the chrome of the console pages: same menu, user, node and logout form', async () => {
    const chrome = (html: string): string => {
      const start = html.indexOf('<div id="header"');
      return html.slice(start, html.indexOf('<div id="page"', start));
    };
    const dashboard = (await browser.request('/hac/')).body;
    assert.match(dashboard, /<h2>Dashboard<\/h2>/);
    assert.match(chrome(dashboard), /<span id="username">admin<\/span> on <span id="nodeId">node0<\/span>/);
    assert.equal(chrome(dashboard), chrome((await browser.request('/hac/console/flexsearch')).body));
  });

  it('still guards console POSTs with the CSRF token', async () => {
    const answer = await browser.post('/hac/console/scripting/execute', { script: 'return 1', scriptType: 'groovy' });
    assert.equal(answer.status, 405);
  });
});
