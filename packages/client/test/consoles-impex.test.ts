import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importImpex } from '../src/consoles/index.js';
import { HacClientError } from '../src/errors.js';
import { BasicAuthHandler } from '../src/auth.js';
import { HacClient } from '../src/client.js';
import { startConsoleFixture, type ConsoleFixture } from './consoles-fixture.js';

const BAD_CATALOG = `INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];name[lang=en]
;IMPX-1;nope:Staged;First
;IMPX-2;electronicsProductCatalog:Staged;Second
;IMPX-3;nope:Online;Third`;

describe('ImpEx consoles against the emulator', () => {
  let f: ConsoleFixture;
  let dir: string;
  before(async () => {
    f = await startConsoleFixture();
    dir = await mkdtemp(join(tmpdir(), 'hac-impex-'));
  });
  after(async () => {
    await f.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function languageExists(isocode: string): Promise<boolean> {
    const result = await f.client.executeFlexibleSearch(`SELECT {pk} FROM {Language} WHERE {isocode} = '${isocode}'`);
    assert.equal(result.success, true, result.exception ?? '');
    return result.rows.length > 0;
  }

  it('imports a script in one request', async () => {
    const result = await f.client.importImpex('INSERT_UPDATE Language;isocode[unique=true];active\n;xa;true');
    assert.deepEqual(f.takeRequests(), ['POST /hac/console/impex/import']);
    assert.equal(result.success, true, result.error ?? '');
    assert.equal(result.level, 'notice');
    assert.equal(result.message, 'Import finished successfully');
    assert.equal(result.error, null);
    assert.deepEqual(result.validationErrors, []);
    assert.equal(result.validateOnly, false);
    assert.equal(result.output, result.output.trim());
    assert.equal(await languageExists('xa'), true);
  });

  it('imports a script that mentions the login page markers exactly once (not mistaken for a dead session)', async () => {
    f.takeRequests();
    const script = '# redirect_detection j_spring_security_check j_password\nINSERT_UPDATE Language;isocode[unique=true];active\n;xr;true';
    const result = await f.client.importImpex(script);
    assert.equal(result.success, true, result.error ?? '');
    assert.deepEqual(f.takeRequests(), ['POST /hac/console/impex/import']);
  });

  it('lists unresolved lines of a failed import', async () => {
    const result = await importImpex(f.client.transport, BAD_CATALOG, { validationMode: 'relaxed' });
    assert.equal(result.success, false);
    assert.equal(result.level, 'error');
    assert.match(result.message, /^Import has encountered problems/);
    assert.match(result.error ?? '', /nope/);
    assert.ok(result.validationErrors.some((line) => line.startsWith('INSERT_UPDATE Product')), result.validationErrors.join('\n'));
    const unresolved = result.validationErrors.filter((line) => line.includes('IMPX-'));
    assert.deepEqual(unresolved.map((line) => /IMPX-\d/.exec(line)?.[0]), ['IMPX-1', 'IMPX-3']);
    assert.ok(!result.output.includes('&#39;') && !result.output.includes('&amp;'), 'output is unescaped');
  });

  it('validates without importing', async () => {
    f.takeRequests();
    const valid = await f.client.validateImpex('INSERT_UPDATE Language;isocode[unique=true];active\n;xb;true');
    assert.deepEqual(f.takeRequests(), ['POST /hac/console/impex/import/validate']);
    assert.equal(valid.success, true, valid.error ?? '');
    assert.equal(valid.validateOnly, true);
    assert.equal(valid.message, 'Import script is valid');
    assert.equal(await languageExists('xb'), false);

    const invalid = await f.client.validateImpex('INSERT_UPDATE NoSuchType;code[unique=true]\n;x');
    assert.equal(invalid.success, false);
    assert.match(invalid.message, /NoSuchType/);
    assert.equal(invalid.error, invalid.message);
  });

  it('sends every option HAC binds (and a bad encoding comes back as a failure)', async () => {
    const result = await f.client.importImpex('INSERT_UPDATE Language;isocode[unique=true];active\n;xc;true', {
      validationMode: 'import_relaxed',
      maxThreads: 2,
      legacyMode: true,
      enableCodeExecution: true,
      distributedMode: false,
      sldEnabled: true,
    });
    assert.equal(result.success, true, result.error ?? '');
    const bad = await f.client.importImpex('INSERT_UPDATE Language;isocode[unique=true]\n;xd', { encoding: 'NO-SUCH-ENCODING' });
    assert.equal(bad.success, false);
    assert.match(bad.error ?? '', /encoding/i);
  });

  it('rejects an empty script and invalid options without a request', async () => {
    f.takeRequests();
    await assert.rejects(f.client.importImpex('  '), HacClientError);
    await assert.rejects(f.client.validateImpex('x', { maxThreads: 0 }), /maxThreads/);
    await assert.rejects(f.client.importImpexFile(join(dir, 'missing.impex')), (error: unknown) => {
      assert.ok(error instanceof HacClientError);
      assert.match(error.message, /^Cannot read the ImpEx file .*missing\.impex \(ENOENT\)$/);
      return true;
    });
    assert.deepEqual(f.takeRequests(), []);
  });

  it('uploads a file as multipart, decoded with the given encoding', async () => {
    f.takeRequests();
    const path = join(dir, 'languages.impex');
    await writeFile(path, Buffer.from('INSERT_UPDATE Language;isocode[unique=true];name[lang=en]\n;xe;Küche\n', 'latin1'));
    const result = await f.client.importImpexFile(path, { encoding: 'ISO-8859-1' });
    assert.deepEqual(f.takeRequests(), ['POST /hac/console/impex/import/upload']);
    assert.equal(result.success, true, result.error ?? '');
    const name = await f.client.executeFlexibleSearch("SELECT {name} FROM {Language} WHERE {isocode} = 'xe'");
    assert.equal(name.rows[0]?.[0], 'Küche');

    const failed = await f.client.importImpexFile({ name: 'bad.impex', content: Buffer.from(BAD_CATALOG) });
    assert.equal(failed.success, false);
    assert.ok(failed.validationErrors.length > 0);
  });

  it('uploads a named pipe (what <(…) gives), read to its end rather than by its size', { timeout: 10_000 }, async () => {
    const path = join(dir, 'pipe.impex');
    execFileSync('mkfifo', [path]);
    // The writer's open() waits for the reader: importImpexFile must open the pipe and read it through.
    const [result] = await Promise.all([
      f.client.importImpexFile(path),
      writeFile(path, 'INSERT_UPDATE Language;isocode[unique=true];active\n;xp;true\n'),
    ]);
    assert.equal(result.success, true, result.error ?? '');
    assert.equal(await languageExists('xp'), true);
  });

  it('names an empty file by its whole path', async () => {
    const path = join(dir, 'empty.impex');
    await writeFile(path, '');
    await assert.rejects(f.client.importImpexFile(path), { message: `The ImpEx file ${path} is empty: nothing to import` });
  });

  it('exports to a ZIP and downloads it', async () => {
    f.takeRequests();
    const result = await f.client.exportImpex('INSERT_UPDATE Language;isocode[unique=true];active\n"#% impex.exportItems(""Language"", false);"');
    assert.equal(result.success, true, result.error ?? '');
    assert.match(result.zipFileName ?? '', /\.zip$/);
    assert.ok(result.zip && result.zip.length > 0);
    assert.equal(result.zip.readUInt32LE(0), 0x04034b50);
    assert.ok(!JSON.stringify(result).includes('"zip"'), 'the bytes stay out of JSON');
    const requests = f.takeRequests();
    assert.equal(requests.length, 2);
    assert.equal(requests[0], 'POST /hac/console/impex/export');
    // A standard install links media.getDownloadURL(): /medias/…, outside the context path.
    assert.match(requests[1] ?? '', /^GET \/medias\/dataexport_\d+_\d+\.zip$/);
    assert.ok(result.files.length >= 1);
    const all = result.files.map((file) => file.content).join('\n');
    assert.match(all, /xa/);
  });

  it('fetches a /medias/… link as a browser does: without the HAC session cookie (Path=/hac)', async () => {
    const trace: string[] = [];
    const client = new HacClient({ baseUrl: f.emu.url, authHandler: new BasicAuthHandler('admin', 'nimda'), sessionPersistence: false, debug: (line) => trace.push(line) });
    try {
      const result = await client.exportImpex('INSERT_UPDATE Language;isocode[unique=true]\n"#% impex.exportItems(""Language"", false);"');
      assert.equal(result.success, true, result.error ?? '');
      const sent = trace.filter((line) => line.startsWith('→ '));
      assert.match(sent.find((line) => line.includes('/console/impex/export')) ?? '', /with session cookies/);
      const download = sent.find((line) => line.includes('/medias/')) ?? '';
      assert.match(download, /^→ GET http:\/\/127\.0\.0\.1:\d+\/medias\/dataexport_/);
      assert.doesNotMatch(download, /cookies/);
    } finally {
      await client.close();
    }
  });

  it('reports a failed export without download', async () => {
    f.takeRequests();
    const result = await f.client.exportImpex('INSERT_UPDATE NoSuchType;code[unique=true]\n"#% impex.exportItems(""NoSuchType"", false);"');
    assert.equal(result.success, false);
    assert.equal(result.zip, null);
    assert.deepEqual(result.files, []);
    assert.ok(result.error);
    assert.deepEqual(f.takeRequests(), ['POST /hac/console/impex/export']);
  });
});

describe('ImpEx export on a HAC that links the ZIP relative to the export page', () => {
  let f: ConsoleFixture;
  before(async () => {
    f = await startConsoleFixture({ exportLinks: 'relative' });
  });
  after(async () => {
    await f.close();
  });

  it('resolves the link against the page and downloads it inside the context path', async () => {
    const result = await f.client.exportImpex('INSERT_UPDATE Currency;isocode[unique=true]\n"#% impex.exportItems(""Currency"", false);"');
    assert.equal(result.success, true, result.error ?? '');
    assert.deepEqual(f.takeRequests(), ['POST /hac/console/impex/export', 'GET /hac/console/impex/export/download']);
    assert.ok(result.files.some((file) => /EUR/.test(file.content)));
  });
});

describe('ImpEx export with HAC at the root context path', () => {
  let f: ConsoleFixture;
  before(async () => {
    f = await startConsoleFixture({ contextPath: '' });
  });
  after(async () => {
    await f.close();
  });

  it('resolves the download link without a context path', async () => {
    const result = await f.client.exportImpex('INSERT_UPDATE Currency;isocode[unique=true]\n"#% impex.exportItems(""Currency"", false);"', {
      mode: 'export_reimport_relaxed',
    });
    assert.equal(result.success, true, result.error ?? '');
    const requests = f.takeRequests();
    assert.equal(requests[0], 'POST /console/impex/export');
    // At the root every path is HAC's, /medias/… included (its session cookie has Path=/).
    assert.match(requests[1] ?? '', /^GET \/medias\/dataexport_/);
    assert.ok(result.files.some((file) => /EUR/.test(file.content)), result.files.map((file) => file.name).join(', '));
  });
});
