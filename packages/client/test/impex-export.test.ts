import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { exportImpex } from '../src/consoles/impex-export.js';
import { HacUnexpectedResponseError } from '../src/errors.js';
import type { HacRequest, HacResponse, HacTransport } from '../src/internal/transport.js';

const EXPORT_URL = 'https://h:9002/hac/console/impex/export';
const SUCCESS_PAGE = `<html><body><span id="impexResult" data-level="notice" data-result="Export finished successfully"></span>
  <div id="downloadExportResultData"><a href="export/download?file=export_1.zip">export_1.zip</a></div></body></html>`;

function response(url: string, body: Buffer): HacResponse {
  return {
    status: 200,
    url,
    headers: new Headers(),
    body,
    text: () => body.toString('utf8'),
    json: () => JSON.parse(body.toString('utf8')) as never,
  };
}

/** Answers the export POST with a success page and the download GET with `download`. */
function transport(download: Buffer, seen: HacRequest[] = []): HacTransport {
  return {
    send: (request) => {
      seen.push(request);
      if (request.method === 'POST') return Promise.resolve(response(EXPORT_URL, Buffer.from(SUCCESS_PAGE)));
      return Promise.resolve(response(`https://h:9002/hac${request.path}`, download));
    },
  };
}

describe('exportImpex: the downloaded ZIP', () => {
  it('unpacks every file (directories skipped), decoded with the export encoding', async () => {
    const zip = Buffer.from(
      zipSync({
        'importscript.impex': strToU8('INSERT_UPDATE Product;code[unique=true]\n'),
        'data/': new Uint8Array(0),
        'data/Product.csv': Buffer.from(';p1\n;Küche\n', 'latin1'),
      }),
    );
    const seen: HacRequest[] = [];
    const result = await exportImpex(transport(zip, seen), 'INSERT_UPDATE Product;code', { encoding: 'ISO-8859-1' });
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.path}`),
      ['POST /console/impex/export', 'GET /console/impex/export/download'],
    );
    assert.equal(result.success, true);
    assert.deepEqual(
      result.files.map((f) => [f.name, f.size, f.content]),
      [
        ['importscript.impex', 40, 'INSERT_UPDATE Product;code[unique=true]\n'],
        ['data/Product.csv', 11, ';p1\n;Küche\n'],
      ],
    );
    assert.ok(result.zip?.equals(zip), 'the ZIP bytes are kept as downloaded');
  });

  it('is JSON-friendly: the ZIP bytes stay out of JSON.stringify and spreads', async () => {
    const zip = Buffer.from(zipSync({ 'a.csv': strToU8(';x\n') }));
    const result = await exportImpex(transport(zip), 'INSERT_UPDATE Product;code');
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), ['error', 'files', 'level', 'message', 'success', 'zipFileName']);
    assert.equal('zip' in { ...result }, false);
    assert.ok(Buffer.isBuffer(result.zip) && result.zip.length === zip.length);
  });

  it('a download that is not a ZIP is a HacUnexpectedResponseError naming the GET', async () => {
    const login = Buffer.from('<html><form action="/hac/j_spring_security_check"><input name="_csrf" value="t0k3n-secret"></form></html>');
    await assert.rejects(exportImpex(transport(login), 'INSERT_UPDATE Product;code'), (error: unknown) => {
      assert.ok(error instanceof HacUnexpectedResponseError);
      assert.match(error.message, /not a readable ZIP: GET https:\/\/h:9002\/hac\/console\/impex\/export\/download$/);
      assert.ok(!error.excerpt.includes('t0k3n-secret'), error.excerpt);
      return true;
    });
  });
});
