import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { downloadRequest } from '../src/consoles/impex-export.js';
import { impexFormFields } from '../src/consoles/impex.js';
import { dedent, parseExportPage, parseImpexPage } from '../src/consoles/parse-impex.js';
import { ShapeError } from '../src/consoles/shape.js';
import { HacClientError } from '../src/errors.js';

function page(body: string): string {
  return `<!DOCTYPE html><html><head><meta name="_csrf" content="0b5e7a3c-0000-4000-8000-000000000000"/><title>ImpEx</title></head>
<body><div id="wrapper"><div class="prepend-top span-17 colborder" id="content">${body}</div></div>
<script>var x = '<span id="impexResult" data-level="error">';</script></body></html>`;
}

describe('parseImpexPage', () => {
  it('reads a successful import with an indented, escaped log', () => {
    const html = page(`<span id="impexResult" data-level="notice" data-result="Import finished successfully"></span>
      <div class="box impexResult quiet"><pre>
        Creating Product &amp; prices
          code &lt;p1&gt; done
      </pre></div>`);
    const result = parseImpexPage(html, false);
    assert.equal(result.success, true);
    assert.equal(result.level, 'notice');
    assert.equal(result.message, 'Import finished successfully');
    assert.equal(result.output, 'Creating Product & prices\n  code <p1> done');
    assert.equal(result.error, null);
    assert.deepEqual(result.validationErrors, []);
    assert.equal(result.validateOnly, false);
  });

  it('lists the unresolved lines of a failed import', () => {
    const html = page(`<span id="impexResult" data-level="error" data-result="Import has encountered problems. Check &#39;unresolved lines&#39;"></span>
      <div class="box impexResult quiet"><pre>
      INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)
      ,,,,column 3: cannot resolve value &#39;nope:Staged&#39; for attribute &#39;catalogVersion&#39;;p1;nope:Staged

      ,8796093054977,,,column 3: cannot resolve value &#39;x:y&#39; for attribute &#39;catalogVersion&#39;;p2;x:y
      </pre></div>`);
    const result = parseImpexPage(html, false);
    assert.equal(result.success, false);
    assert.equal(result.level, 'error');
    assert.equal(result.message, "Import has encountered problems. Check 'unresolved lines'");
    assert.equal(
      result.error,
      "Import has encountered problems. Check 'unresolved lines': column 3: cannot resolve value 'nope:Staged' for attribute 'catalogVersion' (and 1 more unresolved line)",
    );
    assert.deepEqual(result.validationErrors, [
      'INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)',
      ",,,,column 3: cannot resolve value 'nope:Staged' for attribute 'catalogVersion';p1;nope:Staged",
      ",8796093054977,,,column 3: cannot resolve value 'x:y' for attribute 'catalogVersion';p2;x:y",
    ]);
  });

  it('reads the unclosed validation span', () => {
    const valid = page(`<span id="validationResultMsg" data-level="notice" data-result="Import script is valid">
      <div class="box impexResult quiet"><pre></pre></div>`);
    const result = parseImpexPage(valid, true);
    assert.equal(result.success, true);
    assert.equal(result.message, 'Import script is valid');
    assert.equal(result.validateOnly, true);
    assert.equal(result.output, '');

    const invalid = page(`<span id="validationResultMsg" data-level="error" data-result="Import script is invalid: line 1 at main script: unknown type &lt;Foo&gt;">
      <div class="box impexResult quiet"><pre>\n\t\t\t\tline 1 at main script: unknown type &lt;Foo&gt;\nINSERT Foo;code\n\t\t\t</pre></div>`);
    const failed = parseImpexPage(invalid, true);
    assert.equal(failed.success, false);
    assert.equal(failed.message, 'Import script is invalid: line 1 at main script: unknown type <Foo>');
    assert.equal(failed.error, failed.message);
    assert.equal(failed.output, 'line 1 at main script: unknown type <Foo>\nINSERT Foo;code');
    assert.deepEqual(failed.validationErrors, ['line 1 at main script: unknown type <Foo>', 'INSERT Foo;code']);
  });

  it('does not double-decode entities', () => {
    const html = page(`<span id="impexResult" data-level="error" data-result="a &amp;lt; b"></span>
      <div class="box impexResult quiet"><pre>x &amp;amp; y</pre></div>`);
    const result = parseImpexPage(html, false);
    assert.equal(result.message, 'a &lt; b');
    assert.equal(result.output, 'x &amp; y');
  });

  it('reports field errors of a re-rendered form as a failure', () => {
    const html = page(`<form><span><span id="encoding.errors" class="error">Unsupported encoding: FOO-8</span></span></form>`);
    const result = parseImpexPage(html, false);
    assert.equal(result.success, false);
    assert.equal(result.error, 'HAC rejected the form: encoding: Unsupported encoding: FOO-8');
  });

  it('rejects a page without result span', () => {
    assert.throws(() => parseImpexPage(page('<form action="/hac/j_spring_security_check"></form>'), false), ShapeError);
  });
});

describe('dedent', () => {
  it('removes the common indentation and the outer blank lines', () => {
    assert.equal(dedent('\n\n    a\n      b\n\n    c   \n  \n'), 'a\n  b\n\nc');
    assert.equal(dedent('   '), '');
  });

  it('handles the log of a 150 000-line import (no spread of the lines into a call)', () => {
    const text = dedent(Array.from({ length: 150_000 }, (_, i) => `  line ${i}`).join('\n'));
    assert.ok(text.startsWith('line 0\nline 1\n'));
  });
});

describe('impexFormFields', () => {
  it('maps the Python spellings and always sends the checkbox markers', () => {
    const fields = impexFormFields({ validationMode: 'relaxed', enableCodeExecution: true });
    assert.deepEqual(fields, {
      validationEnum: 'IMPORT_RELAXED',
      maxThreads: '1',
      encoding: 'UTF-8',
      _legacyMode: 'on',
      enableCodeExecution: 'true',
      _enableCodeExecution: 'on',
      _distributedMode: 'on',
      _sldEnabled: 'on',
    });
    assert.equal(impexFormFields({}).validationEnum, 'IMPORT_STRICT');
    assert.equal(impexFormFields({ validationMode: 'import_strict' }).validationEnum, 'IMPORT_STRICT');
    assert.equal(impexFormFields({ validationMode: 'IMPORT_RELAXED', maxThreads: 4 }).maxThreads, '4');
  });

  it('rejects unknown modes and bad thread counts', () => {
    // @ts-expect-error an invalid mode from untyped input
    assert.throws(() => impexFormFields({ validationMode: 'lenient' }), HacClientError);
    assert.throws(() => impexFormFields({ maxThreads: 0 }), /maxThreads/);
  });
});

describe('parseExportPage', () => {
  it('reads the page as HAC\'s impexExport.jsp renders it: the message, then the link to media.getDownloadURL()', () => {
    const html = page(`<span id="impexResult" data-level="notice" data-result="Export finished successfully" >
      </span>
      <div id="downloadExportResultData" class="marginBottom box">
        Download result: <a href="/medias/dataexport_20240501120000000.zip?context=bWFzdGVy&amp;attachment=true">dataexport_20240501120000000.zip</a>
      </div>`);
    const result = parseExportPage(html);
    assert.equal(result.success, true);
    assert.equal(result.zipHref, '/medias/dataexport_20240501120000000.zip?context=bWFzdGVy&attachment=true');
    assert.equal(result.zipFileName, 'dataexport_20240501120000000.zip');
  });

  it('finds the ZIP link and its name', () => {
    const html = page(`<span id="impexResult" data-level="notice" data-result="Export finished successfully"></span>
      <div id="downloadExportResultData"><p>Download:</p><a href="export/download?file=export_123.zip&amp;x=1">export_123.zip</a></div>`);
    const result = parseExportPage(html);
    assert.equal(result.success, true);
    assert.equal(result.zipHref, 'export/download?file=export_123.zip&x=1');
    assert.equal(result.zipFileName, 'export_123.zip');
    assert.equal(result.error, null);
  });

  it('reports a failed export', () => {
    const html = page(`<span id="impexResult" data-level="error" data-result="Export has encountered problems: unknown type Foo"></span>`);
    const result = parseExportPage(html);
    assert.equal(result.success, false);
    assert.equal(result.zipHref, null);
    assert.equal(result.error, 'Export has encountered problems: unknown type Foo');
  });
});

describe('downloadRequest: the link resolved against the export page, as a browser does', () => {
  const PAGE = 'https://h:9002/hac/console/impex/export';

  it('a standard install links media.getDownloadURL(): /medias/… outside the context path, fetched without the HAC session', () => {
    // LocalMediaWebURLStrategy's form: /medias/<real file name>?context=<locator>&attachment=true
    const href = '/medias/dataexport_20240501120000000.zip?context=bWFzdGVyfGltcGV4fDEyMzQ1&attachment=true';
    assert.deepEqual(downloadRequest(href, PAGE, {}), {
      method: 'GET',
      path: '/medias/dataexport_20240501120000000.zip',
      outsideContext: true,
      query: { context: 'bWFzdGVyfGltcGV4fDEyMzQ1', attachment: 'true' },
      expect: 'binary',
    });
    // An absolute link to the same origin is the same thing.
    assert.equal(downloadRequest(`https://h:9002${href}`, PAGE, {}).outsideContext, true);
  });

  it('a relative link resolves against the page and stays inside the context path (with the session)', () => {
    const request = downloadRequest('export/data.zip?id=7', PAGE, {});
    assert.deepEqual(request, { method: 'GET', path: '/console/impex/export/data.zip', query: { id: '7' }, expect: 'binary' });
    assert.equal(downloadRequest('/hac/impex/x.zip', PAGE, {}).path, '/impex/x.zip');
    // HAC at the root: every path of the origin is HAC's.
    assert.deepEqual(downloadRequest('/medias/x.zip', 'http://h/console/impex/export', {}), { method: 'GET', path: '/medias/x.zip', expect: 'binary' });
  });

  it('refuses a link to another origin (the session would go there)', () => {
    assert.throws(() => downloadRequest('https://cdn.example/medias/x.zip', PAGE, {}), /another origin \(https:\/\/cdn\.example\).*refusing/);
    assert.throws(() => downloadRequest('http://h:9002/medias/x.zip', PAGE, {}), HacClientError);
  });
});
