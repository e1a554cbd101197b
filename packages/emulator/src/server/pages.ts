/**
 * HAC's own pages served by the core: the login page and the dashboard. They follow the structure
 * clients scrape (meta `_csrf` first, then the hidden `_csrf` input inside the login form) and carry
 * the `redirect_detection` marker HAC's JavaScript looks for when an AJAX call landed on the login page.
 */
import { escapeHtml } from './html.js';

export interface PageContext {
  contextPath: string;
  csrfToken: string;
  nodeId: string;
}

function head(title: string, page: PageContext): string {
  const ctx = escapeHtml(page.contextPath);
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n' +
    '  <meta charset="UTF-8" />\n' +
    `  <title>hybris administration console | ${escapeHtml(title)}</title>\n` +
    `  <meta name="_csrf" content="${escapeHtml(page.csrfToken)}" />\n` +
    `  <link rel="stylesheet" href="${ctx}/static/css/style.css" type="text/css" media="screen, projection" />\n` +
    `  <script type="text/javascript" src="${ctx}/static/js/jquery-3.5.1.min.js"></script>\n` +
    `  <script type="text/javascript" src="${ctx}/static/js/hac.global.js"></script>\n` +
    '</head>\n'
  );
}

export function loginPage(page: PageContext, options: { error: boolean; legacy: boolean }): string {
  const ctx = escapeHtml(page.contextPath);
  const token = escapeHtml(page.csrfToken);
  const error = options.error
    ? '        <div class="loginError">Your login attempt was not successful, try again.<br />Reason: Bad credentials</div>\n'
    : '';
  return (
    head('Login', page) +
    '<body id="login">\n' +
    '  <div id="redirect_detection" style="display:none"></div>\n' +
    '  <div class="container">\n' +
    '    <div id="loginForm" class="prepend-top">\n' +
    '      <div id="loginLogo"><h1>hybris administration console</h1></div>\n' +
    error +
    `      <form name="loginForm" action="${ctx}/j_spring_security_check" method="POST">\n` +
    '        <fieldset>\n' +
    '          <label for="j_username">Username</label>\n' +
    '          <input type="text" id="j_username" name="j_username" value="" autocomplete="username" autofocus="autofocus" />\n' +
    '          <label for="j_password">Password</label>\n' +
    '          <input type="password" id="j_password" name="j_password" value="" autocomplete="current-password" />\n' +
    '          <select id="locale" name="locale"><option value="en" selected="selected">English</option><option value="de">Deutsch</option></select>\n' +
    `          <input type="hidden" name="_csrf" value="${token}" />\n` +
    '          <button type="submit" id="loginButton">login</button>\n' +
    '        </fieldset>\n' +
    '      </form>\n' +
    `      <p class="version quiet">${options.legacy ? 'SAP Hybris Commerce 6.7' : 'SAP Commerce 2211'} · ${escapeHtml(page.nodeId)}</p>\n` +
    '    </div>\n' +
    '  </div>\n' +
    '</body>\n</html>\n'
  );
}

const MENU: [string, [string, string][]][] = [
  ['Platform', [['Configuration', '/platform/config'], ['Logging', '/platform/log4j'], ['Update', '/platform/update'], ['Initialization', '/platform/init'], ['PK Analyzer', '/platform/pkanalyzer']]],
  ['Monitoring', [['Cache', '/monitoring/cache'], ['Cluster', '/monitoring/cluster'], ['Cron Jobs', '/monitoring/cronjobs']]],
  ['Console', [['Scripting Languages', '/console/scripting'], ['FlexibleSearch', '/console/flexsearch'], ['ImpEx Import', '/console/impex/import'], ['ImpEx Export', '/console/impex/export']]],
];

export function dashboardPage(page: PageContext, username: string): string {
  const ctx = escapeHtml(page.contextPath);
  const menu = MENU.map(
    ([section, items]) =>
      `        <li class="menuItem"><span>${section}</span><ul>` +
      items.map(([label, href]) => `<li><a href="${ctx}${href}">${label}</a></li>`).join('') +
      '</ul></li>\n',
  ).join('');
  return (
    head('Dashboard', page) +
    '<body>\n' +
    '  <div class="container">\n' +
    '    <div id="header">\n' +
    `      <a href="${ctx}/" id="logo"><h1>hybris administration console</h1></a>\n` +
    `      <form id="logoutForm" action="${ctx}/j_spring_security_logout" method="POST">\n` +
    `        <span id="loggedUser">${escapeHtml(username)}</span>\n` +
    `        <input type="hidden" name="_csrf" value="${escapeHtml(page.csrfToken)}" />\n` +
    '        <button type="submit">logout</button>\n' +
    '      </form>\n' +
    '    </div>\n' +
    '    <ul id="menu">\n' +
    menu +
    '    </ul>\n' +
    '    <div id="content" class="span-24">\n' +
    '      <h2>Dashboard</h2>\n' +
    '      <div class="box" id="dashboardMemory"><h3>Memory overview</h3><p>Used 1.2 GB of 4.0 GB</p></div>\n' +
    `      <div class="box" id="dashboardCluster"><h3>Cluster</h3><p>Node: <span id="nodeId">${escapeHtml(page.nodeId)}</span></p></div>\n` +
    '      <div class="box" id="dashboardLicence"><h3>Licence</h3><p>Development licence</p></div>\n' +
    '    </div>\n' +
    '  </div>\n' +
    '</body>\n</html>\n'
  );
}
