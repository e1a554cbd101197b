/**
 * ImpEx export console: `GET /console/impex/export` (the page), `POST /console/impex/export`, and the
 * ZIP download `GET /console/impex/export/download?name=NAME.zip`.
 *
 * HAC's href format is not documented; public clients fetch `<ctx>/console/impex/` + href. The page
 * therefore links the relative `export/download?name=dataexport_<yyyyMMddHHmmssSSS>_<n>.zip`, which
 * resolves to the same URL both against the export page (`…/console/impex/export`) and against
 * `…/console/impex/`.
 */
import { zipSync } from 'fflate';
import type { DataEngine } from '../../data/engine-types.js';
import { badRequest, htmlResponse, notFound } from '../http.js';
import type { ConsoleRoute } from '../route-types.js';
import { bindExportForm, DEFAULT_EXPORT_FORM } from './form.js';
import { renderExportPage } from './page.js';

export const EXPORT_SUCCESS = 'Export finished successfully';
export const EXPORT_FAILURE = 'Export has encountered problems';
export const DOWNLOAD_PATH = '/console/impex/export/download';
/** Exports kept for download; older ones expire as media would be cleaned up. */
const KEEP = 20;

export class ExportStore {
  private readonly zips = new Map<string, Buffer>();
  private counter = 0;

  add(zip: Buffer, at: Date): string {
    const stamp = at.toISOString().replace(/\D/g, '').slice(0, 17);
    const name = `dataexport_${stamp}_${++this.counter}.zip`;
    this.zips.set(name, zip);
    for (const old of [...this.zips.keys()].slice(0, Math.max(0, this.zips.size - KEEP))) this.zips.delete(old);
    return name;
  }

  get(name: string): Buffer | undefined {
    return this.zips.get(name);
  }
}

export function impexExportRoutes(engine: DataEngine, store = new ExportStore()): ConsoleRoute[] {
  return [
    { method: 'GET', path: '/console/impex/export', handle: (request) => htmlResponse(renderExportPage(request, DEFAULT_EXPORT_FORM, null)) },
    {
      method: 'POST',
      path: '/console/impex/export',
      handle(request) {
        const bound = bindExportForm(request.form);
        if (!bound.ok) return badRequest(bound.reason);
        const { form, errors } = bound;
        if (Object.keys(errors).length > 0) return htmlResponse(renderExportPage(request, form, null, errors));
        const outcome = engine.exportImpex(form.scriptContent, { mode: form.validationEnum });
        if (!outcome.success) {
          return htmlResponse(renderExportPage(request, form, {
            kind: 'export', success: false, message: EXPORT_FAILURE, details: outcome.errorMessage ?? '', href: null, fileName: null,
          }));
        }
        const entries = Object.fromEntries(outcome.files.map((file) => [file.name, new Uint8Array(encode(file.content, form.encoding))]));
        const name = store.add(Buffer.from(zipSync(entries)), new Date());
        return htmlResponse(renderExportPage(request, form, {
          kind: 'export', success: true, message: EXPORT_SUCCESS, details: '', href: `export/download?name=${encodeURIComponent(name)}`, fileName: name,
        }));
      },
    },
    {
      method: 'GET',
      path: DOWNLOAD_PATH,
      handle(request) {
        const name = request.query.get('name') ?? '';
        const zip = store.get(name);
        if (!zip) return notFound();
        return {
          status: 200,
          headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}"` },
          body: zip,
        };
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
