/**
 * ImpEx export console: `GET /console/impex/export` (the page), `POST /console/impex/export`, and the
 * ZIP download.
 *
 * HAC's page links `media.getDownloadURL()` of the export media (`impexExport.jsp`,
 * `DefaultImpexFacadeTest`): on a standard install `/medias/<file>.zip?context=<locator>&attachment=true`,
 * served by the media web app outside HAC's context path (`LocalMediaWebURLStrategyTest`). That is the
 * default here (route `/medias`, no session needed, the `context` locator must match). With
 * `exportLinks: 'relative'` the page links `export/download?name=<file>.zip` instead, which resolves to
 * `<ctx>/console/impex/export/download` against the export page and against `<ctx>/console/impex/`
 * (how public clients fetch it); that route answers in both modes.
 */
import { randomBytes } from 'node:crypto';
import type { DataEngine } from '../../data/engine-types.js';
import { badRequest, htmlResponse, notFound } from '../http.js';
import type { ConsoleResponse, ConsoleRoute, ExportLinks } from '../route-types.js';
import { bindExportForm, DEFAULT_EXPORT_FORM } from './form.js';
import { renderExportPage } from './page.js';

export const EXPORT_SUCCESS = 'Export finished successfully';
export const EXPORT_FAILURE = 'Export has encountered problems';
export const DOWNLOAD_PATH = '/console/impex/export/download';
export const MEDIA_ROOT = '/medias';
/** Exports kept for download; older ones expire as media would be cleaned up. */
const KEEP = 20;

interface StoredExport {
  zip: Buffer;
  /** The media's `context` locator: whoever has the link can download, nobody can guess it. */
  context: string;
}

export class ExportStore {
  private readonly exports = new Map<string, StoredExport>();
  private counter = 0;

  add(zip: Buffer, at: Date): { name: string; context: string } {
    const stamp = at.toISOString().replace(/\D/g, '').slice(0, 17);
    const name = `dataexport_${stamp}_${++this.counter}.zip`;
    const context = randomBytes(24).toString('base64url');
    this.exports.set(name, { zip, context });
    for (const old of [...this.exports.keys()].slice(0, Math.max(0, this.exports.size - KEEP))) this.exports.delete(old);
    return { name, context };
  }

  get(name: string): StoredExport | undefined {
    return this.exports.get(name);
  }
}

function zipAnswer(name: string, zip: Buffer): ConsoleResponse {
  return { status: 200, headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}"` }, body: zip };
}

export function impexExportRoutes(engine: DataEngine, links: ExportLinks = 'medias', store = new ExportStore()): ConsoleRoute[] {
  return [
    { method: 'GET', path: '/console/impex/export', handle: (request) => htmlResponse(renderExportPage(request, DEFAULT_EXPORT_FORM, null)) },
    {
      method: 'POST',
      path: '/console/impex/export',
      async handle(request) {
        const bound = bindExportForm(request.form);
        if (!bound.ok) return badRequest(bound.reason);
        const { form, errors } = bound;
        if (Object.keys(errors).length > 0) return htmlResponse(renderExportPage(request, form, null, errors));
        const outcome = await engine.exportImpexAsync(form.scriptContent, { mode: form.validationEnum });
        if (!outcome.success) {
          return htmlResponse(renderExportPage(request, form, {
            kind: 'export', success: false, message: EXPORT_FAILURE, details: outcome.errorMessage ?? '', href: null, fileName: null,
          }));
        }
        const entries = Object.fromEntries(outcome.files.map((file) => [file.name, new Uint8Array(encode(file.content, form.encoding))]));
        // The ZIP writer loads with the first export, not at start-up.
        const { zipSync } = await import('fflate');
        const { name, context } = store.add(Buffer.from(zipSync(entries)), new Date());
        const href = links === 'medias'
          ? `${MEDIA_ROOT}/${encodeURIComponent(name)}?context=${context}&attachment=true`
          : `export/download?name=${encodeURIComponent(name)}`;
        return htmlResponse(renderExportPage(request, form, {
          kind: 'export', success: true, message: EXPORT_SUCCESS, details: '', href, fileName: name,
        }));
      },
    },
    {
      method: 'GET',
      path: DOWNLOAD_PATH,
      handle(request) {
        const name = request.query.get('name') ?? '';
        const stored = store.get(name);
        return stored ? zipAnswer(name, stored.zip) : notFound();
      },
    },
    {
      // The media web app: `request.path` is the whole path from the server root.
      method: 'GET',
      path: MEDIA_ROOT,
      outsideContext: true,
      handle(request) {
        const name = decodeURIComponent(request.path.slice(MEDIA_ROOT.length + 1));
        const stored = store.get(name);
        if (!stored || request.query.get('context') !== stored.context) return notFound();
        return zipAnswer(name, stored.zip);
      },
    },
  ];
}

/** Export files are written in the form's encoding (ImpEx writes CSV through a Writer of that charset). */
function encode(text: string, encoding: string): Buffer {
  const label = encoding.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (['iso88591', 'latin1', 'windows1252', 'cp1252'].includes(label)) return Buffer.from(text, 'latin1');
  if (['utf16le', 'utf16'].includes(label)) return Buffer.from(text, 'utf16le');
  return Buffer.from(text, 'utf8');
}
