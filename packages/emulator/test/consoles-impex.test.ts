import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { createConsoles } from '../src/consoles/index.js';
import type { Consoles } from '../src/consoles/route-types.js';
import type { DataEngine } from '../src/data/engine-types.js';
import { attribute, call, consoleRequest, detailsHtml, sampleConsoles, TOKEN, unescapeHtml, type CallResult } from './consoles-helpers.js';

const CHECKBOXES = { _legacyMode: 'on', _enableCodeExecution: 'on', _distributedMode: 'on', _sldEnabled: 'on' };
const BAD_ROW = "INSERT_UPDATE Product;code[unique=true];name[lang=en];catalogVersion(catalog(id),version)\n;x1;A & B <b>;nope:Staged";

describe('ImpEx import console', () => {
  let engine: DataEngine;
  let consoles: Consoles;
  before(async () => {
    ({ engine, consoles } = await sampleConsoles());
  });
  after(() => engine.close());

  const importForm = (scriptContent: string, extra: Record<string, string> = {}): Record<string, string> =>
    ({ scriptContent, validationEnum: 'IMPORT_STRICT', maxThreads: '1', encoding: 'UTF-8', ...CHECKBOXES, ...extra });
  const languages = (iso: string): number =>
    engine.flexibleSearch(`SELECT {pk} FROM {Language} WHERE {isocode} = '${iso}'`, { maxCount: 10, locale: 'en', user: 'admin' }).rows.length;

  it('serves the import page with the CSRF meta and HAC\'s form', async () => {
    const page = await call(consoles, 'GET', '/console/impex/import');
    assert.equal(page.status, 200);
    assert.match(page.headers['Content-Type'] ?? '', /^text\/html/);
    assert.ok(page.text.includes(`<meta name="_csrf" content="${TOKEN}"/>`));
    assert.match(page.text, /<form id="contentForm" method="post" action="\/hac\/console\/impex\/import" data-validateUrl="\/hac\/console\/impex\/import\/validate">/);
    assert.match(page.text, /<textarea id="script" form="contentForm" name="scriptContent"><\/textarea>/);
    assert.ok(page.text.includes(`action="/hac/console/impex/import/upload?_csrf=${TOKEN}"`));
    assert.ok(!page.text.includes('id="impexResult"'));
  });

  it('imports and reports success in span#impexResult with the log in the detail box', async () => {
    const answer = await call(consoles, 'POST', '/console/impex/import', { form: importForm('INSERT_UPDATE Language;isocode[unique=true];active\n;xq;true') });
    assert.equal(answer.status, 200);
    assert.match(answer.text, /<span id="impexResult" data-level="notice" data-result="Import finished successfully">\s*<\/span>/);
    assert.ok(answer.text.includes('<meta name="_csrf"'));
    assert.equal(languages('xq'), 1);
    const details = detailsHtml(answer.text);
    assert.ok(details && /^\s+\S/.test(details), 'details start with whitespace, as in HAC');
  });

  it('reports failure with the unresolved lines, HTML-escaped, and status 200', async () => {
    const answer = await call(consoles, 'POST', '/console/impex/import', { form: importForm(BAD_ROW) });
    assert.equal(answer.status, 200);
    assert.equal(attribute(answer.text, 'impexResult', 'data-level'), 'error');
    assert.match(attribute(answer.text, 'impexResult', 'data-result') ?? '', /^Import has encountered problems/);
    const details = detailsHtml(answer.text) ?? '';
    assert.ok(details.includes('A &amp; B &lt;b&gt;'), details);
    assert.ok(details.includes('&#39;nope:Staged&#39;'));
    assert.ok(!details.includes('<b>'));
    assert.match(unescapeHtml(details).trim(), /^INSERT_UPDATE Product;code\[unique=true\]/);
    // The script comes back escaped in the textarea, not as markup.
    assert.ok(answer.text.includes('A &amp; B &lt;b&gt;;nope:Staged</textarea>'));
  });

  it('validates without importing; the validation span is left unclosed as in HAC', async () => {
    const ok = await call(consoles, 'POST', '/console/impex/import/validate', { form: importForm('INSERT_UPDATE Language;isocode[unique=true];active\n;xv;true') });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /<span id="validationResultMsg" data-level="notice" data-result="Import script is valid">\n(?!\s*<\/span>)/);
    const block = /<div id="validationResult" class="marginBottom">([\s\S]*?)<\/div>/.exec(ok.text)?.[1] ?? '';
    assert.ok(block.includes('validationResultMsg') && !block.includes('</span>'), block);
    assert.equal(languages('xv'), 0);

    const bad = await call(consoles, 'POST', '/console/impex/import/validate', { form: importForm(BAD_ROW) });
    assert.equal(attribute(bad.text, 'validationResultMsg', 'data-level'), 'error');
    const rawResult = /id="validationResultMsg" data-level="error" data-result="([^"]*)"/.exec(bad.text)?.[1] ?? '';
    assert.ok(rawResult.startsWith('Import script is invalid: '));
    assert.ok(rawResult.includes('&#39;nope:Staged&#39;'), 'data-result is escaped');
    assert.ok(detailsHtml(bad.text)?.includes('A &amp; B'));
  });

  it('imports an uploaded file in the given encoding', async () => {
    const script = 'INSERT_UPDATE Language;isocode[unique=true];name[lang=en]\n;xu;Fran\u00e7ais';
    const answer = await call(consoles, 'POST', '/console/impex/import/upload', {
      form: { validationEnum: 'IMPORT_RELAXED', maxThreads: '2', encoding: 'ISO-8859-1', enableCodeExecution: 'true', ...CHECKBOXES },
      files: [{ field: 'file', filename: 'languages.impex', content: Buffer.from(script, 'latin1') }],
    });
    assert.equal(attribute(answer.text, 'impexResult', 'data-level'), 'notice', answer.text.slice(-800));
    const name = engine.flexibleSearch("SELECT {name[en]} FROM {Language} WHERE {isocode} = 'xu'", { maxCount: 1, locale: 'en', user: 'admin' });
    assert.deepEqual(name.rows, [['Fran\u00e7ais']]);
    assert.match(answer.text, /<option value="IMPORT_RELAXED" selected="selected">/);
    assert.match(answer.text, /id="enableCodeExecution1" name="enableCodeExecution" type="checkbox" value="true" checked="checked"/);
  });

  it('shows a form error (no result) for an upload without file or with maxThreads < 1', async () => {
    const noFile = await call(consoles, 'POST', '/console/impex/import/upload', { form: { validationEnum: 'IMPORT_STRICT', ...CHECKBOXES } });
    assert.equal(noFile.status, 200);
    assert.match(noFile.text, /id="file\.errors" class="error"/);
    assert.ok(!noFile.text.includes('id="impexResult"'));
    const threads = await call(consoles, 'POST', '/console/impex/import', { form: importForm('INSERT Language;isocode\n;zz', { maxThreads: '0' }) });
    assert.match(threads.text, /id="maxThreads\.errors" class="error">must be greater than or equal to 1</);
    assert.equal(languages('zz'), 0);
  });

  it('answers 400 when Spring cannot bind validationEnum or maxThreads', async () => {
    assert.equal((await call(consoles, 'POST', '/console/impex/import', { form: importForm('x', { validationEnum: 'LOOSE' }) })).status, 400);
    assert.equal((await call(consoles, 'POST', '/console/impex/import', { form: importForm('x', { maxThreads: 'many' }) })).status, 400);
  });
});

describe('ImpEx export console', () => {
  let engine: DataEngine;
  let consoles: Consoles;
  before(async () => {
    ({ engine, consoles } = await sampleConsoles());
  });
  after(() => engine.close());

  const EXPORT = 'INSERT_UPDATE Language;isocode[unique=true];active\n"#% impex.exportItems(""Language"", false);"';

  const exportLink = async (target: Consoles): Promise<{ href: string; name: string }> => {
    const answer = await call(target, 'POST', '/console/impex/export', { form: { scriptContent: EXPORT, validationEnum: 'EXPORT_ONLY', encoding: 'UTF-8' } });
    assert.equal(answer.status, 200);
    assert.match(answer.text, /<span id="impexResult" data-level="notice" data-result="Export finished successfully">/);
    const link = /<div id="downloadExportResultData" class="marginBottom box">\s*Download result: <a href="([^"]+)">([^<]+)<\/a>/.exec(answer.text);
    assert.ok(link);
    const [, href = '', name = ''] = link;
    assert.match(name, /^dataexport_\d{17}_\d+\.zip$/);
    return { href: unescapeHtml(href), name };
  };

  const checkZip = (zip: CallResult, name: string): void => {
    assert.equal(zip.status, 200);
    assert.equal(zip.headers['Content-Type'], 'application/zip');
    assert.equal(zip.headers['Content-Disposition'], `attachment; filename="${name}"`);
    const files = unzipSync(new Uint8Array(zip.raw));
    assert.ok('importscript.impex' in files);
    const csv = Object.entries(files).find(([file]) => file !== 'importscript.impex');
    assert.ok(csv);
    assert.match(Buffer.from(csv[1]).toString('utf8'), /;en;true/);
  };

  it('links the ZIP as media.getDownloadURL() does on a standard install: /medias/<file>?context=…&attachment=true', async () => {
    const { href, name } = await exportLink(consoles);
    const url = new URL(href, 'http://h/hac/console/impex/export');
    assert.equal(url.pathname, `/medias/${name}`);
    assert.equal(url.searchParams.get('attachment'), 'true');
    const context = url.searchParams.get('context') ?? '';
    assert.match(context, /^[\w-]{32}$/);
    // The media web app: outside the context path, no session.
    const media = consoles.routes.find((route) => route.outsideContext === true && url.pathname.startsWith(`${route.path}/`));
    assert.ok(media);
    const fetchMedia = async (query: Record<string, string>): Promise<CallResult> => {
      const response = await media.handle(consoleRequest('GET', url.pathname, { query }));
      const raw = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
      return { status: response.status, headers: response.headers, raw, text: raw.toString('utf8'), json: () => JSON.parse(raw.toString('utf8')) as never };
    };
    checkZip(await fetchMedia(Object.fromEntries(url.searchParams)), name);
    assert.equal((await fetchMedia({ context: 'guessed', attachment: 'true' })).status, 404);
  });

  it('with exportLinks: relative, links export/download?name=…, the same URL against the page and against console/impex/', async () => {
    const relative = createConsoles({ engine, updateDurationMs: 0, legacy: false, exportLinks: 'relative' });
    const { href, name } = await exportLink(relative);
    const url = new URL(href, 'http://h/hac/console/impex/');
    assert.equal(url.pathname, '/hac/console/impex/export/download');
    assert.equal(new URL(href, 'http://h/hac/console/impex/export').pathname, url.pathname);
    checkZip(await call(relative, 'GET', '/console/impex/export/download', { query: Object.fromEntries(url.searchParams) }), name);
  });

  it('answers 404 for an unknown download and reports export failures in span#impexResult', async () => {
    assert.equal((await call(consoles, 'GET', '/console/impex/export/download', { query: { name: 'nope.zip' } })).status, 404);
    const bad = await call(consoles, 'POST', '/console/impex/export', { form: { scriptContent: 'INSERT_UPDATE NoSuchType;code\n"#% impex.exportItems(""NoSuchType"", false);"', validationEnum: 'EXPORT_ONLY' } });
    assert.equal(attribute(bad.text, 'impexResult', 'data-level'), 'error');
    assert.equal(attribute(bad.text, 'impexResult', 'data-result'), 'Export has encountered problems');
    assert.ok(!bad.text.includes('downloadExportResultData'));
    assert.equal((await call(consoles, 'POST', '/console/impex/export', { form: { scriptContent: EXPORT, validationEnum: 'IMPORT_STRICT' } })).status, 400);
  });

  it('serves the export page', async () => {
    const page = await call(consoles, 'GET', '/console/impex/export');
    assert.equal(page.status, 200);
    assert.match(page.text, /<select id="validationEnum" name="validationEnum"><option value="EXPORT_ONLY" selected="selected">/);
  });
});
