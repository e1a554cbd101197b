/**
 * System update/initialization console: `GET /platform/update` and `GET /platform/init` (pages), `GET /platform/init/data`,
 * `GET /platform/init/pendingPatches`, `POST /platform/init/execute` (JSON body, answers when the run
 * is over) and, from `init-log.ts`, `GET /initlog/log` (the growing log HAC's page polls).
 */
import { escapeHtml } from '../../server/html.js';
import { badRequest, htmlResponse, jsonResponse } from '../http.js';
import { renderConsolePage } from '../pages/layout.js';
import type { ConsoleRequest, ConsoleRoute } from '../route-types.js';
import { initLogRoute } from './init-log.js';
import { EXTENSIONS, type PatchDefinition } from './project-data.js';
import { parseInitUpdateData } from './request.js';
import { renderLogLine } from './run-plan.js';
import { TENANT, type UpdateState } from './state.js';

export function updateRoutes(state: UpdateState): ConsoleRoute[] {
  return [
    { method: 'GET', path: '/platform/update', handle: (request) => htmlResponse(renderUpdatePage(request, state, 'UPDATE')) },
    { method: 'GET', path: '/platform/init', handle: (request) => htmlResponse(renderUpdatePage(request, state, 'INIT')) },
    { method: 'GET', path: '/platform/init/data', handle: () => jsonResponse(initData(state)) },
    { method: 'GET', path: '/platform/init/pendingPatches', handle: () => jsonResponse(pendingPatches(state)) },
    initLogRoute(state),
    {
      method: 'POST',
      path: '/platform/init/execute',
      async handle(request) {
        const parsed = parseInitUpdateData(request.body);
        if (!parsed.ok) return badRequest(parsed.reason);
        const start = state.start(parsed.data);
        if (!start.started) {
          const log = renderLogLine({ level: 'ERROR', message: start.reason }, new Date());
          return jsonResponse({ success: false, log, initUpdateData: parsed.data });
        }
        // Like HAC, the run goes on even when the client gives up waiting.
        const outcome = await start.done;
        return jsonResponse({ success: outcome.success, log: outcome.log, initUpdateData: parsed.data });
      },
    },
  ];
}

function initData(state: UpdateState): object {
  const last = state.lastRun;
  return {
    isInitializing: state.isRunning,
    initInfo: last
      ? `Last ${last.method === 'INIT' ? 'initialization' : 'update'} of tenant ${TENANT}: ${last.at.toISOString()} (${last.success ? 'successful' : 'with errors'})`
      : `No initialization or update of tenant ${TENANT} since the server started`,
    tenantID: TENANT,
    master: true,
    projectDatas: EXTENSIONS.map((extension) => ({
      name: extension.name,
      description: extension.description,
      parameter: extension.parameters.map((p) => ({
        name: p.name,
        label: p.label,
        values: Object.fromEntries(p.values.map((value) => [value, p.defaults.includes(value)])),
        multiSelect: p.multiSelect,
        default: p.defaults[0] ?? null,
        legacy: p.legacy,
      })),
    })),
  };
}

function pendingPatches(state: UpdateState): Record<string, object[]> {
  const result: Record<string, object[]> = {};
  for (const patch of state.pendingPatches()) {
    (result[patch.extension] ??= []).push({ hash: patch.hash, name: patch.name, description: patch.description, required: patch.required, process: patch.process });
  }
  return result;
}

function patchRow(patch: PatchDefinition, disabled: string): string {
  return `\t\t\t<tr><td><input type="checkbox" class="patch" data-extension="${patch.extension}" value="${patch.hash}"${patch.required ? ' checked="checked"' : ''}${disabled}/></td>`
    + `<td>${escapeHtml(patch.name)}</td><td>${escapeHtml(patch.description)}</td><td>${patch.process}</td></tr>`;
}

/** The update page, or the initialization page (`INIT`: same options plus a warning, runs `initMethod: "INIT"`). */
function renderUpdatePage(request: ConsoleRequest, state: UpdateState, method: 'INIT' | 'UPDATE'): string {
  const title = method === 'INIT' ? 'Initialization' : 'Update';
  const ctx = request.contextPath;
  const disabled = state.locked ? ' disabled="disabled"' : '';
  // HAC's initialization page has every option ticked, drop tables and project data included (`init.jsp`, `init.js`).
  const ticked = method === 'INIT' ? ' checked="checked"' : '';
  const option = (id: string, label: string): string => `\t\t<label><input type="checkbox" id="${id}" name="${id}"${ticked}${disabled}/> ${label}</label><br/>`;
  const lock = state.locked
    ? `\t<div id="lockInfo" class="notice" data-key="system.unlocking.disabled">The system is locked (system.unlocking.disabled): initialization and update are disabled.</div>\n`
    : '';
  const extensions = EXTENSIONS.map((extension) => `\t\t<div class="extension" data-extension="${extension.name}"><h4>${extension.name}</h4><p class="quiet">${escapeHtml(extension.description)}</p>`
    + extension.parameters.map((p) => `<label>${escapeHtml(p.label)} <select name="${extension.name}_${p.name}"${p.multiSelect ? ' multiple="multiple"' : ''}${disabled}>`
      + p.values.map((v) => `<option value="${v}"${p.defaults.includes(v) ? ' selected="selected"' : ''}>${v}</option>`).join('') + '</select></label>').join(' ')
    + '</div>').join('\n');
  const body = `${method === 'INIT' ? '\t<div class="error" id="initWarning">Resetting the database removes all available data from the database: initialization drops all tables and creates them anew.</div>\n' : ''}${lock}\t<form id="updateForm" method="post" action="${ctx}/platform/init/execute">
\t\t<input type="hidden" name="_csrf" value="${escapeHtml(request.csrfToken)}"/>
\t\t<fieldset><legend>General settings</legend>
${method === 'INIT' ? option('dropTables', 'Drop all database tables') : option('initMethod', 'Update running system')}
${option('clearHMC', 'Clear the hMC configuration from the database')}
${option('createEssentialData', 'Create essential data')}
${option('localizeTypes', 'Localize types')}
${option('createProjectData', 'Create project data')}
\t\t</fieldset>
\t\t<fieldset id="projectData"><legend>Project data settings</legend>
${extensions}
\t\t</fieldset>
\t\t<fieldset id="patches"><legend>Patches</legend>
\t\t<table id="pendingPatches">
${state.pendingPatches().map((patch) => patchRow(patch, disabled)).join('\n')}
\t\t</table>
\t\t</fieldset>
\t\t<button id="executeUpdate" type="submit"${disabled}>${method === 'INIT' ? 'Initialize' : 'Update'}</button>
\t</form>
\t<div id="initLog" class="box">${state.log}</div>`;
  return renderConsolePage(request, {
    title,
    urls: { initDataUrl: '/platform/init/data', executeUrl: '/platform/init/execute', logUrl: '/initlog/log', pendingPatchesUrl: '/platform/init/pendingPatches' },
    data: { initMethod: method },
    body,
  });
}
