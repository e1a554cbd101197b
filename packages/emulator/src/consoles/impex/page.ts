/**
 * The ImpEx import and export pages. Structure, ids and result markers follow HAC's own templates
 * (`#content`, `#contentForm` with `data-validateUrl`, `textarea#script[name=scriptContent]`,
 * `span#impexResult`, the unclosed `span#validationResultMsg`, `div.box.impexResult.quiet pre`,
 * `div#downloadExportResultData a`).
 */
import { escapeHtml } from '../../server/html.js';
import { renderPage } from '../pages/layout.js';
import type { ConsoleRequest } from '../route-types.js';
import { EXPORT_MODES, IMPORT_MODES, type ExportForm, type FieldErrors, type ImportForm } from './form.js';

export type ImpexPageResult =
  | { kind: 'import'; success: boolean; message: string; details: string }
  | { kind: 'validation'; valid: boolean; message: string; details: string }
  | { kind: 'export'; success: boolean; message: string; details: string; href: string | null; fileName: string | null };

type PageRequest = Pick<ConsoleRequest, 'contextPath' | 'csrfToken' | 'username' | 'nodeId'>;

/** The detail box: HAC prints the text through `<c:out>` inside an indented `<pre>`. */
function detailsBox(details: string): string {
  return `\t\t<div class="box impexResult quiet">\n\t\t\t<pre>\n\t\t\t\t${escapeHtml(details)}\n\t\t\t</pre>\n\t\t</div>\n`;
}

function renderResult(result: ImpexPageResult | null): string {
  if (!result) return '';
  if (result.kind === 'validation') {
    // The span is left open, exactly as HAC's template does; clients must parse leniently.
    return `\t<div id="validationResult" class="marginBottom">\n\t\t<span id="validationResultMsg" data-level="${result.valid ? 'notice' : 'error'}" data-result="${escapeHtml(result.message)}">\n`
      + (result.details ? detailsBox(result.details) : '') + '\t</div>\n';
  }
  const level = result.success ? 'notice' : 'error';
  let html = `\t<span id="impexResult" data-level="${level}" data-result="${escapeHtml(result.message)}">\n\t</span>\n`;
  if (result.kind === 'export' && result.href && result.fileName) {
    html += `\t<div id="downloadExportResultData" class="marginBottom box">\n\t\tDownload result: <a href="${escapeHtml(result.href)}">${escapeHtml(result.fileName)}</a>\n\t</div>\n`;
  }
  if (result.details) html += detailsBox(result.details);
  return html;
}

function fieldError(errors: FieldErrors, field: string): string {
  const message = errors[field];
  return message ? `<span><span id="${field}.errors" class="error">${escapeHtml(message)}</span></span>` : '';
}

function options(values: readonly string[], selected: string): string {
  return values.map((v) => `<option value="${v}"${v === selected ? ' selected="selected"' : ''}>${v}</option>`).join('');
}

function checkboxInput(name: string, checked: boolean): string {
  return `<input id="${name}1" name="${name}" type="checkbox" value="true"${checked ? ' checked="checked"' : ''}/><input type="hidden" name="_${name}" value="on"/>`;
}

/** HAC's `#content` block: the tabs with the forms, then the result of the last action. */
function impexPage(request: PageRequest, title: string, tabs: string, result: ImpexPageResult | null): string {
  const ctx = request.contextPath;
  const content = `<div class="prepend-top span-17 colborder" id="content" typeAttr-Url="${ctx}/console/impex/typeAndAttributes" allTypes-Url="${ctx}/console/impex/allTypes">
<button id="toggleSidebarButton">&gt;</button>
<div class="marginLeft">
<h2>${title}</h2>
${tabs}
<div style="clear:both;margin-bottom:10px"></div>
<!-- result -->
${renderResult(result)}</div>
</div>`;
  return renderPage(request, { title, content });
}

export function renderImportPage(request: PageRequest, form: ImportForm, result: ImpexPageResult | null, errors: FieldErrors = {}): string {
  const ctx = request.contextPath;
  const csrf = escapeHtml(request.csrfToken);
  const tabs = `<div id="tabsNoSidebar">
\t<ul><li><a href="#tabs-1">Import content</a></li><li><a href="#tabs-2">Import script</a></li></ul>
\t<div id="tabs-1">
\t\t<form id="contentForm" method="post" action="${ctx}/console/impex/import" data-validateUrl="${ctx}/console/impex/import/validate">
\t\t<fieldset>
\t\t\t<legend>Import content</legend>
\t\t\t<div id="textarea-container"><textarea id="script" form="contentForm" name="scriptContent">${escapeHtml(form.scriptContent)}</textarea></div>
\t\t\t<button id="clearScriptContent">Clear content</button>
\t\t\t${fieldError(errors, 'encoding')}${fieldError(errors, 'maxThreads')}
\t\t\t<p><input type="submit" value="Import content"/> <input id="validate" type="submit" value="Validate content"/></p>
\t\t\t<div id="settings" style="width:630px">
\t\t\t\t<h3>Settings</h3>
\t\t\t\t<table>
\t\t\t\t\t<tr><td>Validation mode</td><td><select id="validationEnum" name="validationEnum">${options(IMPORT_MODES, form.validationEnum)}</select></td>
\t\t\t\t\t\t<td>Max threads</td><td><input type="number" min="1" id="maxThreads" name="maxThreads" value="${form.maxThreads}"/></td></tr>
\t\t\t\t\t<tr><td>Encoding</td><td><input id="encoding" name="encoding" type="text" value="${escapeHtml(form.encoding)}" size="4"/></td>
\t\t\t\t\t\t<td>Legacy mode</td><td>${checkboxInput('legacyMode', form.legacyMode)}</td></tr>
\t\t\t\t\t<tr><td>Enable code execution</td><td>${checkboxInput('enableCodeExecution', form.enableCodeExecution)}</td>
\t\t\t\t\t\t<td><label>Syntax Highlighting</label></td><td><input type="checkbox" checked="checked" id="syntaxHighlighting"/><input type="hidden" name="_csrf" value="${csrf}"/></td></tr>
\t\t\t\t\t<tr><td>Distributed mode</td><td>${checkboxInput('distributedMode', form.distributedMode)}</td>
\t\t\t\t\t\t<td>Direct persistence</td><td>${checkboxInput('sldEnabled', form.sldEnabled)}</td></tr>
\t\t\t\t</table>
\t\t\t</div>
\t\t</fieldset>
\t\t</form>
\t</div>
\t<div id="tabs-2">
\t\t<form id="fileForm" method="post" action="${ctx}/console/impex/import/upload?_csrf=${csrf}" enctype="multipart/form-data">
\t\t<fieldset>
\t\t\t<legend>Import script</legend>
\t\t\t<div>${fieldError(errors, 'file')}<br/><input type="file" name="file"/></div>
\t\t\t<table>
\t\t\t\t<tr><td>Encoding</td><td><input id="fileEncoding" name="encoding" type="text" value="${escapeHtml(form.encoding)}" size="4"/></td></tr>
\t\t\t\t<tr><td>Max threads</td><td><input type="number" min="1" id="fileMaxThreads" name="maxThreads" value="${form.maxThreads}"/></td></tr>
\t\t\t\t<tr><td>Validation mode</td><td><select id="fileValidationEnum" name="validationEnum">${options(IMPORT_MODES, form.validationEnum)}</select></td></tr>
\t\t\t</table>
\t\t\t<input type="submit" value="Import file"/>
\t\t</fieldset>
\t\t</form>
\t</div>
</div>`;
  return impexPage(request, 'ImpEx Import', tabs, result);
}

export function renderExportPage(request: PageRequest, form: ExportForm, result: ImpexPageResult | null, errors: FieldErrors = {}): string {
  const ctx = request.contextPath;
  const csrf = escapeHtml(request.csrfToken);
  const tabs = `<div id="tabsNoSidebar">
\t<ul><li><a href="#tabs-1">Export content</a></li></ul>
\t<div id="tabs-1">
\t\t<form id="contentForm" method="post" action="${ctx}/console/impex/export">
\t\t<fieldset style="width:99%">
\t\t\t<legend>Export content</legend>
\t\t\t<div id="textarea-container"><textarea id="script" form="contentForm" name="scriptContent">${escapeHtml(form.scriptContent)}</textarea></div>
\t\t\t<button id="clearScriptContent">Clear content</button>
\t\t\t${fieldError(errors, 'encoding')}
\t\t\t<p><input type="submit" value="Export content"/></p>
\t\t\t<div id="settings" style="width:630px">
\t\t\t\t<h3>Settings</h3>
\t\t\t\t<table>
\t\t\t\t\t<tr><td>Validation mode</td><td><select id="validationEnum" name="validationEnum">${options(EXPORT_MODES, form.validationEnum)}</select></td></tr>
\t\t\t\t\t<tr><td>Encoding</td><td><input id="contentEncoding" name="encoding" type="text" value="${escapeHtml(form.encoding)}" size="4"/><input type="hidden" name="_csrf" value="${csrf}"/></td></tr>
\t\t\t\t</table>
\t\t\t</div>
\t\t</fieldset>
\t\t</form>
\t</div>
</div>`;
  return impexPage(request, 'ImpEx Export', tabs, result);
}
