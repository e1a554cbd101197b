/**
 * Binding of the ImpEx import/export forms, as Spring does it: an unknown enum value is a binding
 * failure (400); out-of-range values are form errors shown next to the field (page, status 200).
 */
import type { ExportMode, ImpexValidationMode } from '../../data/engine-types.js';
import { checkbox, intField } from '../http.js';

export interface ImportForm {
  scriptContent: string;
  validationEnum: ImpexValidationMode;
  maxThreads: number;
  encoding: string;
  legacyMode: boolean;
  enableCodeExecution: boolean;
  distributedMode: boolean;
  sldEnabled: boolean;
}

export interface ExportForm {
  scriptContent: string;
  validationEnum: ExportMode;
  encoding: string;
}

/** Field → message, rendered as `<span id="FIELD.errors" class="error">`. */
export type FieldErrors = Record<string, string>;

export type Bound<T> = { ok: true; form: T; errors: FieldErrors } | { ok: false; reason: string };

const IMPORT_MODES: readonly ImpexValidationMode[] = ['IMPORT_STRICT', 'IMPORT_RELAXED'];
const EXPORT_MODES: readonly ExportMode[] = ['EXPORT_ONLY', 'EXPORT_REIMPORT_STRICT', 'EXPORT_REIMPORT_RELAXED'];
export const DEFAULT_IMPORT_FORM: ImportForm = {
  scriptContent: '', validationEnum: 'IMPORT_STRICT', maxThreads: 1, encoding: 'UTF-8',
  legacyMode: false, enableCodeExecution: false, distributedMode: false, sldEnabled: false,
};
export const DEFAULT_EXPORT_FORM: ExportForm = { scriptContent: '', validationEnum: 'EXPORT_ONLY', encoding: 'UTF-8' };

function enumField<T extends string>(form: URLSearchParams, values: readonly T[], fallback: T): T | null {
  const raw = form.get('validationEnum');
  if (raw === null || raw === '') return fallback;
  return values.includes(raw as T) ? (raw as T) : null;
}

function bindingFailure(field: string, value: string | null, type: string): { ok: false; reason: string } {
  return { ok: false, reason: `Failed to convert property value of type 'java.lang.String' to required type '${type}' for property '${field}'; value '${value ?? ''}'` };
}

function encodingField(form: URLSearchParams, errors: FieldErrors): string {
  const encoding = (form.get('encoding') ?? '').trim() || 'UTF-8';
  if (!isSupportedEncoding(encoding)) errors.encoding = `Unsupported encoding: ${encoding}`;
  return encoding;
}

export function isSupportedEncoding(encoding: string): boolean {
  try {
    new TextDecoder(encoding);
    return true;
  } catch {
    return false;
  }
}

export function bindImportForm(form: URLSearchParams, scriptContent: string): Bound<ImportForm> {
  const validationEnum = enumField(form, IMPORT_MODES, 'IMPORT_STRICT');
  if (validationEnum === null) return bindingFailure('validationEnum', form.get('validationEnum'), 'de.hybris.platform.servicelayer.impex.ImportConfig$ValidationMode');
  const maxThreads = intField(form, 'maxThreads');
  if (maxThreads === null) return bindingFailure('maxThreads', form.get('maxThreads'), 'int');
  const errors: FieldErrors = {};
  if (maxThreads !== undefined && maxThreads < 1) errors.maxThreads = 'must be greater than or equal to 1';
  return {
    ok: true,
    errors,
    form: {
      scriptContent,
      validationEnum,
      maxThreads: maxThreads ?? 1,
      encoding: encodingField(form, errors),
      legacyMode: checkbox(form, 'legacyMode'),
      enableCodeExecution: checkbox(form, 'enableCodeExecution'),
      distributedMode: checkbox(form, 'distributedMode'),
      sldEnabled: checkbox(form, 'sldEnabled'),
    },
  };
}

export function bindExportForm(form: URLSearchParams): Bound<ExportForm> {
  const validationEnum = enumField(form, EXPORT_MODES, 'EXPORT_ONLY');
  if (validationEnum === null) return bindingFailure('validationEnum', form.get('validationEnum'), 'de.hybris.platform.impex.jalo.exp.ExportConfiguration$ValidationMode');
  const errors: FieldErrors = {};
  return { ok: true, errors, form: { scriptContent: form.get('scriptContent') ?? '', validationEnum, encoding: encodingField(form, errors) } };
}

export { IMPORT_MODES, EXPORT_MODES };
