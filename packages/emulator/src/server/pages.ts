/**
 * HAC's own pages served by the core: the login page and the dashboard (the latter in the consoles'
 * page chrome). They follow the structure clients scrape (meta `_csrf` first, then the hidden `_csrf`
 * input inside the login form); the login page carries HAC's `<!-- redirect_detection - do not
 * remove! -->` comment (`login.jsp`), which HAC's JavaScript looks for when an AJAX call landed on it.
 */
import { renderPage } from '../consoles/pages/layout.js';
import type { ConsoleRoute } from '../consoles/route-types.js';
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
    '  <!-- redirect_detection - do not remove! -->\n' +
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

/**
 * `GET <ctx>/`: the dashboard, in the same chrome (menu, logged-in user, node, logout form) as every
 * console page. A route like the consoles' (so another method answers 405 with `Allow: GET`).
 */
export const dashboardRoute: ConsoleRoute = {
  method: 'GET',
  path: '/',
  handle(request) {
    const content =
      '\t<div id="content" class="span-24">\n' +
      '\t\t<h2>Dashboard</h2>\n' +
      '\t\t<div class="box" id="dashboardMemory"><h3>Memory overview</h3><p>Used 1.2 GB of 4.0 GB</p></div>\n' +
      `\t\t<div class="box" id="dashboardCluster"><h3>Cluster</h3><p>Node: ${escapeHtml(request.nodeId)}</p></div>\n` +
      '\t\t<div class="box" id="dashboardLicence"><h3>Licence</h3><p>Development licence</p></div>\n' +
      '\t</div>';
    return { status: 200, headers: { 'Content-Type': 'text/html;charset=UTF-8' }, body: renderPage(request, { title: 'Dashboard', content }) };
  },
};
