/**
 * The HAC page chrome shared by every HTML console page: head with the `_csrf` meta (HAC's own JS
 * reads the token from there), the top navigation and the footer. Page bodies are passed in already
 * escaped. Bodies bring their own `#content` element, as HAC's page templates do.
 */
import { escapeHtml } from '../../server/html.js';
import type { ConsoleRequest } from '../route-types.js';

export interface PageOptions {
  /** Shown after "hybris administration console | ". */
  title: string;
  /** Body content (trusted HTML). */
  content: string;
  /** Extra scripts or styles for the head (trusted HTML). */
  head?: string;
}

/** HAC's menu (on the dashboard and every console page); every entry is a page the emulator serves. */
const MENU: [string, [string, string][]][] = [
  ['Platform', [['Configuration', '/platform/config'], ['Logging', '/platform/log4j'], ['Update', '/platform/update'], ['Initialization', '/platform/init'], ['PK Analyzer', '/platform/pkanalyzer']]],
  ['Monitoring', [['Cache', '/monitoring/cache'], ['Cluster', '/monitoring/cluster'], ['Cron Jobs', '/monitoring/cronjobs']]],
  ['Console', [['Scripting Languages', '/console/scripting'], ['FlexibleSearch', '/console/flexsearch'], ['ImpEx Import', '/console/impex/import'], ['ImpEx Export', '/console/impex/export']]],
];

export function renderPage(request: Pick<ConsoleRequest, 'contextPath' | 'csrfToken' | 'username' | 'nodeId'>, page: PageOptions): string {
  const ctx = request.contextPath;
  const menu = MENU.map(([section, items]) => `\t\t<li class="menuItem"><span>${section}</span><ul>`
    + items.map(([label, path]) => `<li><a href="${ctx}${path}">${label}</a></li>`).join('') + '</ul></li>').join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
\t<meta charset="UTF-8"/>
\t<meta name="_csrf" content="${escapeHtml(request.csrfToken)}"/>
\t<title>hybris administration console | ${escapeHtml(page.title)}</title>
\t<link rel="stylesheet" type="text/css" href="${ctx}/static/css/blueprint/screen.css"/>
\t<link rel="stylesheet" type="text/css" href="${ctx}/static/css/style.css"/>
\t<script type="text/javascript" src="${ctx}/static/js/jquery-3.5.1.min.js"></script>
\t<script type="text/javascript" src="${ctx}/static/js/hac.js"></script>
${page.head ?? ''}</head>
<body>
<div class="container">
\t<div id="header" class="span-24">
\t\t<a href="${ctx}/" id="logo"><img src="${ctx}/static/img/logo.png" alt="hybris administration console"/></a>
\t\t<div id="loginInfo">logged in as <span id="username">${escapeHtml(request.username)}</span> on <span id="nodeId">${escapeHtml(request.nodeId)}</span>
\t\t\t<form id="logoutForm" action="${ctx}/j_spring_security_logout" method="POST">
\t\t\t\t<input type="hidden" name="_csrf" value="${escapeHtml(request.csrfToken)}"/>
\t\t\t\t<button type="submit">logout</button>
\t\t\t</form>
\t\t</div>
\t</div>
\t<ul id="menu">
${menu}
\t</ul>
\t<div id="page" class="span-24">
${page.content}
\t</div>
\t<div id="footer" class="span-24">SAP Commerce 2211 (hac-emulator)</div>
</div>
</body>
</html>
`;
}

export interface ConsolePage {
  title: string;
  /** `data-NAME` attributes of `#content` holding URLs below the context path, as HAC's page scripts read them. */
  urls?: Record<string, string>;
  /** Other `data-NAME` attributes of `#content` (values are escaped). */
  data?: Record<string, string>;
  /** Markup after the heading (trusted HTML). */
  body: string;
}

/** A console page: HAC's `#content` column with a heading, inside the chrome. */
export function renderConsolePage(request: Pick<ConsoleRequest, 'contextPath' | 'csrfToken' | 'username' | 'nodeId'>, page: ConsolePage): string {
  const ctx = request.contextPath;
  const attributes = Object.entries(page.urls ?? {}).map(([name, path]) => ` data-${name}="${ctx}${path}"`).join('')
    + Object.entries(page.data ?? {}).map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`).join('');
  const content = `<div class="prepend-top span-17 colborder" id="content"${attributes}>\n\t<h2>${escapeHtml(page.title)}</h2>\n${page.body}\n</div>`;
  return renderPage(request, { title: page.title, content });
}

/** `<table id=ID>` with a header row; `rows` are complete `<tr>` elements (trusted HTML). */
export function dataTable(id: string, headers: string[], rows: string[]): string {
  return `\t<table id="${id}">\n\t\t<thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>\n\t\t<tbody>\n`
    + rows.map((row) => `\t\t${row}\n`).join('') + '\t\t</tbody>\n\t</table>';
}
