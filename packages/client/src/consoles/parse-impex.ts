import type { HTMLElement } from 'node-html-parser';
import type { ImpexResult } from '../models/impex.js';
import { parseHtml } from './html.js';
import { ShapeError } from './shape.js';

/** The result span of an ImpEx page: `span#impexResult` (import, export) or `span#validationResultMsg` (validate). */
interface ResultSpan {
  level: string;
  message: string;
}

function readResultSpan(root: HTMLElement, ids: readonly string[]): ResultSpan | null {
  for (const id of ids) {
    const span = root.querySelector(`#${id}`);
    if (!span) continue;
    // getAttribute decodes entities: data-result is HTML-escaped like every attribute.
    const message = (span.getAttribute('data-result') ?? span.text).trim();
    const level = (span.getAttribute('data-level') ?? '').trim().toLowerCase();
    return { level: level || guessLevel(message), message };
  }
  return null;
}

function guessLevel(message: string): string {
  return /successful|is valid|finished/i.test(message) && !/problem|error|fail/i.test(message) ? 'notice' : 'error';
}

/** Text of the detail box `div.impexResult pre`, entities decoded, template indentation and outer blank lines removed. */
function readDetails(root: HTMLElement): string {
  const pre = root.querySelector('div.impexResult pre') ?? root.querySelector('.impexResult pre') ?? root.querySelector('.impexResult');
  // HAC's template indents only the first line (`<pre>\n\t\t\t\t<c:out …/>`): trimStart drops that,
  // dedent the indentation every line shares.
  return pre ? dedent(pre.text).trimStart() : '';
}

/** Remove the indentation all non-blank lines share and the blank lines around the text. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // A loop, not Math.min(...indents): spreading ~125k lines into a call overflows the stack.
  let common = Infinity;
  for (const line of lines) if (line !== '') common = Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0);
  if (common === Infinity) common = 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

/**
 * Read the HTML page HAC answers an import (`validateOnly: false`) or validation with. The page is a
 * whole HAC page with status 200 either way; success or failure is in the result span's `data-level`.
 */
export function parseImpexPage(html: string, validateOnly: boolean): ImpexResult {
  const root = parseHtml(html);
  const ids = validateOnly ? ['validationResultMsg', 'impexResult'] : ['impexResult', 'validationResultMsg'];
  const span = readResultSpan(root, ids);
  if (!span) {
    const fieldErrors = readFieldErrors(root);
    if (fieldErrors.length === 0) throw new ShapeError(`the page has no ${ids.map((id) => `#${id}`).join(' or ')} result`);
    // HAC rejected a form field (unknown encoding, missing upload) and rendered the form again.
    const message = `HAC rejected the form: ${fieldErrors.join('; ')}`;
    return { success: false, validateOnly, level: 'error', message, output: '', error: message, validationErrors: [] };
  }
  const output = readDetails(root);
  const success = span.level === 'notice';
  const validationErrors = success ? [] : output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return {
    success,
    validateOnly,
    level: span.level,
    message: span.message,
    output,
    error: success ? null : describeFailure(span.message, validationErrors),
    validationErrors,
  };
}

/** Spring's field errors: `<span id="FIELD.errors" class="error">message</span>`. */
function readFieldErrors(root: HTMLElement): string[] {
  return root
    .querySelectorAll('span.error')
    .filter((span) => (span.getAttribute('id') ?? '').endsWith('.errors'))
    .map((span) => `${(span.getAttribute('id') ?? '').slice(0, -'.errors'.length)}: ${span.text.trim()}`);
}

/** An unresolved value line as ImpEx dumps it: `,<pk>,,,<reason>;<cells…>`. */
const UNRESOLVED_LINE = /^,[^,;]*,,,([^;]+)/;
const HEADER_OR_DATA = /^(?:INSERT_UPDATE|INSERT|UPDATE|REMOVE)\s|^[;$#"]/i;

/**
 * The summary plus the first reason HAC gives: the first unresolved line's reason or header error
 * (a line that is neither a header nor data), whichever comes first. No reason is repeated when the
 * summary already carries it (validation: `Import script is invalid: <reason>`).
 */
function describeFailure(message: string, lines: readonly string[]): string {
  const summary = message || 'ImpEx reported an error without message';
  let reason: string | undefined;
  for (const line of lines) {
    const unresolved = UNRESOLVED_LINE.exec(line);
    reason = unresolved?.[1]?.trim() ?? (HEADER_OR_DATA.test(line) ? undefined : line);
    if (reason) break;
  }
  if (!reason || summary.includes(reason)) return summary;
  const problems = lines.filter((line) => UNRESOLVED_LINE.test(line)).length;
  const more = problems > 1 ? ` (and ${problems - 1} more unresolved line${problems > 2 ? 's' : ''})` : '';
  return `${summary}: ${reason}${more}`;
}

/** What an export page says: summary plus, on success, the ZIP link. */
export interface ExportPage {
  success: boolean;
  level: string;
  message: string;
  error: string | null;
  /** The link's `href` as written in the page (`media.getDownloadURL()`: `/medias/…` or relative to the page). */
  zipHref: string | null;
  zipFileName: string | null;
}

export function parseExportPage(html: string): ExportPage {
  const root = parseHtml(html);
  const span = readResultSpan(root, ['impexResult']);
  const link = root.querySelector('#downloadExportResultData a[href]');
  if (!span && !link) throw new ShapeError('the page has neither #impexResult nor #downloadExportResultData');
  const href = link?.getAttribute('href')?.trim() || null;
  const level = span?.level ?? (href ? 'notice' : 'error');
  const success = level === 'notice' && href !== null;
  const message = span?.message ?? '';
  const linkText = link?.text.trim() ?? '';
  return {
    success,
    level,
    message,
    error: success ? null : message || readDetails(root) || 'The export produced no download',
    zipHref: success ? href : null,
    zipFileName: success ? linkText || (href ? fileNameOf(href) : null) : null,
  };
}

function fileNameOf(href: string): string | null {
  const name = href.split(/[?#]/, 1)[0]?.split('/').pop() ?? '';
  return name === '' ? null : decodeURIComponent(name);
}
