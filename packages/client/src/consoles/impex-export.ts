import { HacClientError, HacUnexpectedResponseError } from '../errors.js';
import type { HacRequest, HacTransport } from '../internal/transport.js';
import type { ExportImpexOptions, ExportMode, ExportedFile, ImpexExportResult } from '../models/impex.js';
import { parseExportPage } from './parse-impex.js';
import { excerptOf } from '../internal/redact.js';
import { callFields, parseResponse } from './shape.js';

const EXPORT_PATH = '/console/impex/export';
const EXPORT_MODES = ['EXPORT_ONLY', 'EXPORT_REIMPORT_STRICT', 'EXPORT_REIMPORT_RELAXED'];

/**
 * Run an ImpEx export script and download the ZIP HAC produces (two requests on success). The files
 * in the ZIP come back decoded in `files`; the raw ZIP in `zip`.
 */
export async function exportImpex(transport: HacTransport, script: string, options: ExportImpexOptions = {}): Promise<ImpexExportResult> {
  if (script.trim() === '') throw new HacClientError('The export script is empty: nothing to export');
  const mode: ExportMode = options.mode ?? 'export_only';
  const validationEnum = mode.toUpperCase();
  if (!EXPORT_MODES.includes(validationEnum)) {
    throw new HacClientError(`Unknown export mode "${mode}": use export_only, export_reimport_strict or export_reimport_relaxed`);
  }
  const encoding = options.encoding ?? 'UTF-8';
  const request: HacRequest = {
    method: 'POST',
    path: EXPORT_PATH,
    form: { scriptContent: script, validationEnum, encoding },
    expect: 'html',
    ...callFields(options),
  };
  const response = await transport.send(request);
  const page = parseResponse(request, response, (r) => parseExportPage(r.text()));
  const base = { success: page.success, level: page.level, message: page.message, error: page.error, zipFileName: page.zipFileName };
  if (!page.success || page.zipHref === null) return withZip({ ...base, files: [] }, null);

  const download = downloadRequest(page.zipHref, response.url, options);
  const downloaded = await transport.send(download);
  const zip = downloaded.body;
  // Loaded here: only an export needs it.
  const { unzipSync } = await import('fflate');
  let entries: Record<string, Uint8Array>;
  try {
    // Directory entries come back as empty files named `…/`: skipped below.
    entries = unzipSync(zip);
  } catch (error) {
    throw new HacUnexpectedResponseError(`The export download is not a readable ZIP: GET ${downloaded.url}`, {
      status: downloaded.status,
      method: 'GET',
      url: downloaded.url,
      excerpt: excerptOf(zip.subarray(0, 1200).toString('latin1')),
      cause: error,
    });
  }
  const files: ExportedFile[] = Object.entries(entries)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, content]) => ({ name, size: content.byteLength, content: decode(content, encoding) }));
  return withZip({ ...base, files }, zip);
}

/**
 * The GET that downloads the ZIP, from the link as a browser resolves it against the export page.
 * HAC links `media.getDownloadURL()`: on a standard install `/medias/<file>.zip?context=…`, outside the
 * context path (fetched without HAC's session cookie, whose `Path` is the context path); some versions
 * link relative to the console (`export/download?…` → `<ctx>/console/impex/export/download`). A link
 * to another origin is refused: the request would carry HAC's session there.
 */
export function downloadRequest(href: string, exportUrl: string, options: ExportImpexOptions): HacRequest {
  const pageUrl = new URL(exportUrl);
  const contextPath = pageUrl.pathname.endsWith(EXPORT_PATH) ? pageUrl.pathname.slice(0, -EXPORT_PATH.length) : '';
  const target = new URL(href, pageUrl);
  if (target.origin !== pageUrl.origin) {
    throw new HacClientError(
      `The export link points to another origin (${target.origin}), not HAC's (${pageUrl.origin}); refusing to send the HAC session there`,
    );
  }
  const inside = contextPath === '' || target.pathname.startsWith(`${contextPath}/`);
  const request: HacRequest = {
    method: 'GET',
    path: inside ? target.pathname.slice(contextPath.length) : target.pathname,
    expect: 'binary',
    ...callFields(options),
  };
  if (!inside) request.outsideContext = true;
  if ([...target.searchParams.keys()].length > 0) request.query = Object.fromEntries(target.searchParams);
  return request;
}

/**
 * Attaches the ZIP bytes as a non-enumerable property: `JSON.stringify(result)` (what `--json` output
 * and loggers do) would otherwise print every byte as a number, while `result.zip` stays one property
 * access away for `writeFile`.
 */
function withZip(result: Omit<ImpexExportResult, 'zip'>, zip: Buffer | null): ImpexExportResult {
  return Object.defineProperty(result, 'zip', { value: zip, enumerable: false }) as ImpexExportResult;
}

function decode(content: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(content);
  } catch {
    // An encoding name TextDecoder does not know (e.g. a Java-only alias): UTF-8 is HAC's default.
    return new TextDecoder().decode(content);
  }
}
