/**
 * ImpEx import console: `GET /console/impex/import` (the page), `POST …/import`, `POST …/import/validate`
 * and the multipart `POST …/import/upload`. Every answer is the whole page with status 200; the
 * outcome is in the result span.
 */
import type { DataEngine, ImpexOutcome } from '../../data/engine-types.js';
import { badRequest, htmlResponse } from '../http.js';
import type { ConsoleRequest, ConsoleResponse, ConsoleRoute } from '../route-types.js';
import { bindImportForm, DEFAULT_IMPORT_FORM } from './form.js';
import { renderImportPage, type ImpexPageResult } from './page.js';

export const IMPORT_SUCCESS = 'Import finished successfully';
export const IMPORT_FAILURE = 'Import has encountered problems';
export const VALIDATION_SUCCESS = 'Import script is valid';
export const VALIDATION_FAILURE = 'Import script is invalid';

type Source = 'content' | 'upload';

export function impexImportRoutes(engine: DataEngine): ConsoleRoute[] {
  return [
    { method: 'GET', path: '/console/impex/import', handle: (request) => htmlResponse(renderImportPage(request, DEFAULT_IMPORT_FORM, null)) },
    { method: 'POST', path: '/console/impex/import', handle: (request) => runImport(engine, request, 'content', false) },
    { method: 'POST', path: '/console/impex/import/validate', handle: (request) => runImport(engine, request, 'content', true) },
    { method: 'POST', path: '/console/impex/import/upload', handle: (request) => runImport(engine, request, 'upload', false) },
  ];
}

async function runImport(engine: DataEngine, request: ConsoleRequest, source: Source, validateOnly: boolean): Promise<ConsoleResponse> {
  const encoding = (request.form.get('encoding') ?? '').trim() || 'UTF-8';
  const upload = source === 'upload' ? request.files.find((file) => file.field === 'file') : undefined;
  const script = source === 'upload' ? (upload ? decode(upload.content, encoding) : '') : (request.form.get('scriptContent') ?? '');
  const bound = bindImportForm(request.form, script ?? '');
  if (!bound.ok) return badRequest(bound.reason);
  const { form, errors } = bound;
  if (source === 'upload' && (!upload || upload.content.length === 0)) errors.file = 'Please choose a file to import';
  if (Object.keys(errors).length > 0) return htmlResponse(renderImportPage(request, form, null, errors));
  const outcome = await engine.importImpexAsync(form.scriptContent, {
    validationMode: form.validationEnum,
    validateOnly,
    enableCodeExecution: form.enableCodeExecution,
    legacyMode: form.legacyMode,
    maxThreads: form.maxThreads,
  });
  return htmlResponse(renderImportPage(request, form, toPageResult(outcome, validateOnly)));
}

function toPageResult(outcome: ImpexOutcome, validateOnly: boolean): ImpexPageResult {
  if (validateOnly) {
    return {
      kind: 'validation',
      valid: outcome.success,
      message: outcome.success ? VALIDATION_SUCCESS : `${VALIDATION_FAILURE}: ${outcome.errorMessage ?? 'unknown error'}`,
      details: outcome.success ? '' : outcome.details,
    };
  }
  return { kind: 'import', success: outcome.success, message: outcome.success ? IMPORT_SUCCESS : IMPORT_FAILURE, details: outcome.details };
}

/** Decode an uploaded file in the form's encoding; a leading BOM is dropped, as ImpEx's reader does. */
function decode(content: Buffer, encoding: string): string | null {
  try {
    return new TextDecoder(encoding).decode(content);
  } catch {
    return null;
  }
}
