/**
 * HAC's Spring Security form login, step by step (protocol section 1): GET the login page (old HAC:
 * `login.jsp`), POST the form to its `action` without following the redirect, keep the NEW session
 * cookie, then read the NEW CSRF token from `GET <ctx>/`. Cookies never leave the HAC origin.
 */
import { HacAuthenticationError, HacConnectionError, HacContextPathError, HacHttpError, HacUnexpectedResponseError } from '../errors.js';
import { LoginCookieJar, secureCookieWithheld } from '../internal/cookies.js';
import type { RawResponse } from '../internal/http.js';
import { extractCsrfToken, findLoginForm, looksLikeLoginPage } from '../internal/html.js';
import { prepareSetCookieParser } from '../internal/lazy.js';
import { authHeaders, hacUrl, isLoginLocation, type SessionContext } from './context.js';
import { ACCEPT, httpStatusMessage } from './exchange.js';

export interface LoginResult {
  sessionId: string;
  csrfToken: string;
  routeCookie: string | null;
}

function unexpected(ctx: SessionContext, message: string, method: string, res: RawResponse): HacUnexpectedResponseError {
  const url = ctx.redactor.url(res.url);
  return new HacUnexpectedResponseError(`${message}: ${method} ${url}`, {
    status: res.status,
    method,
    url,
    excerpt: ctx.redactor.excerpt(res.body.toString('utf8')),
  });
}

/** No HAC at this URL and context path: the message says so and what to check. */
function notHac(ctx: SessionContext, message: string, res: RawResponse): HacContextPathError {
  const url = ctx.redactor.url(res.url);
  return new HacContextPathError(`${message}: check the URL and the context path (hacPath; default /hac): GET ${url}`, {
    status: res.status,
    method: 'GET',
    url,
    excerpt: ctx.redactor.excerpt(res.body.toString('utf8')),
  });
}

function httpError(ctx: SessionContext, method: string, res: RawResponse): HacHttpError {
  const url = ctx.redactor.url(res.url);
  return new HacHttpError(httpStatusMessage(res.status, `${method} ${url}`), { status: res.status, method, url });
}

/**
 * HAC's session cookie is `Secure` (`web.xml`), so over `http://` to anything but loopback no client
 * may send it back: every request would be turned away and every login would start over.
 */
function insecureTransport(ctx: SessionContext, where: string): HacAuthenticationError {
  const host = new URL(ctx.options.baseUrl).host;
  return new HacAuthenticationError(
    `Cannot log in at ${where} over plain HTTP: HAC marks its ${ctx.options.sessionCookieName} cookie Secure, ` +
      `so it is only sent back over HTTPS (or to localhost); use https:// (e.g. https://${host.replace(/:\d+$/, '')}:9002 on a default install)`,
  );
}

/**
 * What servers answer to plain HTTP on a TLS port: Tomcat (HAC's own connector), nginx (ingress,
 * load balancers) and Apache httpd, each with HTTP 400.
 */
const TLS_PORT_ANSWERS = [/This combination of host and port requires TLS/, /plain HTTP request was sent to HTTPS port/, /speaking plain HTTP to an SSL-enabled server port/];

function tlsPortError(host: string, shownUrl: string, detail: string): HacConnectionError {
  return new HacConnectionError(`${host} speaks HTTPS, not plain HTTP (${detail}): use https://${host}: GET ${shownUrl}`, { method: 'GET', url: shownUrl });
}

function hasCode(error: unknown, code: string): boolean {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === code) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export async function formLogin(ctx: SessionContext, username: string, password: string): Promise<LoginResult> {
  const { http, options, redactor } = ctx;
  // Loaded while the login page is on its way (its answer is the first to set cookies).
  const cookieParser = prepareSetCookieParser();
  redactor.add(password);
  const extra = await authHeaders(ctx);
  const origin = options.baseUrl;
  const jar = new LoginCookieJar(origin);
  const where = `${origin}${options.hacPath}`;
  const failed = (reason: string): HacAuthenticationError =>
    new HacAuthenticationError(`Login failed for user '${username}' at ${where}: ${reason}`);

  const get = async (url: URL): Promise<RawResponse> => {
    const cookie = jar.header(url);
    const res = await http.send({
      method: 'GET',
      url,
      headers: { ...extra, accept: ACCEPT.html, ...(cookie ? { cookie } : {}) },
      timeoutMs: options.timeoutMs,
    }).catch((error: unknown) => {
      // A Node TLS server drops a plain HTTP request without a word.
      if (url.protocol === 'http:' && error instanceof HacConnectionError && hasCode(error, 'ECONNRESET')) {
        throw new HacConnectionError(`${error.message.replace(/: GET \S+$/, '')} (if ${url.host} speaks HTTPS, use https://${url.host}): GET ${error.url}`, {
          method: 'GET',
          url: error.url,
          cause: error.cause,
        });
      }
      throw error;
    });
    if (url.protocol === 'http:' && res.status === 400) {
      const body = res.body.toString('utf8');
      const answer = TLS_PORT_ANSWERS.find((pattern) => pattern.test(body));
      if (answer) throw tlsPortError(url.host, redactor.url(res.url), `HTTP 400: ${body.match(answer)?.[0] ?? ''}`);
    }
    await cookieParser;
    jar.update(res.setCookies, url);
    return res;
  };

  // 1. The login page: the pre-login session cookie (and ROUTE) and the form with its CSRF token.
  http.debug(`session: logging in as '${username}' at ${where}`);
  let page = await get(hacUrl(ctx, '/login'));
  if (page.status === 404) page = await get(hacUrl(ctx, '/login.jsp'));
  // Nothing at either login path: most often the context path is not HAC's.
  if (page.status === 404) throw notHac(ctx, `No HAC login page at ${where} (HTTP 404)`, page);
  if (page.status >= 300 && page.status < 400) {
    // e.g. a trailing-slash or http→https redirect; follow GETs within the same origin only.
    const target = new URL(page.headers.get('location') ?? '', page.url);
    if (target.origin !== origin) throw unexpected(ctx, `The login page redirects to another origin (${target.origin}); an SSO proxy needs a browser session (import it)`, 'GET', page);
    // HAC at another context path sends every unknown page to its own login page.
    const inside = hacUrl(ctx, '/').pathname;
    if (!`${target.pathname}/`.startsWith(inside)) throw notHac(ctx, `The login page redirects to ${target.pathname}, outside ${where}`, page);
    page = await get(target);
  }
  if (page.status >= 400) throw httpError(ctx, 'GET', page);
  // Before the password is sent: over this connection the session could never be used.
  if (secureCookieWithheld(page.setCookies, options.sessionCookieName, page.url)) throw insecureTransport(ctx, where);
  const form = findLoginForm(page.body.toString('utf8'));
  if (!form) {
    // A page without HAC's login-page marker is another server's (a storefront answering every path, say).
    if (!looksLikeLoginPage(page.body.toString('utf8'))) throw notHac(ctx, `No HAC login page at ${where} (HTTP ${page.status}: a page without a login form)`, page);
    throw unexpected(ctx, 'No login form found on the HAC login page', 'GET', page);
  }
  const action = new URL(form.action || page.url, page.url);
  if (action.origin !== origin) {
    throw unexpected(ctx, `The login form posts to another origin (${action.origin}); refusing to send credentials there`, 'GET', page);
  }
  if (form.csrfToken) redactor.add(form.csrfToken);

  // 2. Post the form; never follow the redirect (a followed POST redirect ends in 405).
  const fields = new URLSearchParams(form.hidden);
  fields.set(form.usernameField, username);
  fields.set(form.passwordField, password);
  if (form.csrfToken) fields.set('_csrf', form.csrfToken);
  const cookie = jar.header(action);
  const posted = await http.send({
    method: 'POST',
    url: action,
    headers: {
      ...extra,
      accept: ACCEPT.html,
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    body: fields.toString(),
    timeoutMs: options.timeoutMs,
  });
  let landing: string | undefined;
  if (posted.status >= 300 && posted.status < 400) {
    const location = posted.headers.get('location') ?? '';
    if (/login_error|[?&]error/.test(location)) throw failed('wrong username or password');
    if (isLoginLocation(location)) throw failed('HAC sent the login page back (account locked or session rejected?)');
  } else if (posted.status === 200) {
    const body = posted.body.toString('utf8');
    if (looksLikeLoginPage(body)) throw failed('wrong username or password');
    landing = body;
  } else if (posted.status === 401 || posted.status === 403 || posted.status === 405) {
    throw failed(`HAC rejected the login form with HTTP ${posted.status} (CSRF token or session cookie not accepted)`);
  } else {
    throw httpError(ctx, 'POST', posted);
  }
  if (secureCookieWithheld(posted.setCookies, options.sessionCookieName, action)) throw insecureTransport(ctx, where);
  jar.update(posted.setCookies, action);
  // Read as the next request to HAC would send them (JSESSIONID has `Path=<ctx>`).
  const home = hacUrl(ctx, '/');
  const sessionId = jar.get(options.sessionCookieName, home);
  if (!sessionId) throw unexpected(ctx, `HAC set no ${options.sessionCookieName} cookie during login`, 'POST', posted);
  redactor.add(sessionId);

  // 3. The CSRF token changed with the session: read it from a page of the new session.
  let csrfToken = landing !== undefined ? extractCsrfToken(landing) : undefined;
  if (!csrfToken) {
    const start = await get(home);
    const body = start.body.toString('utf8');
    if ((start.status >= 300 && start.status < 400) || looksLikeLoginPage(body)) {
      throw failed('HAC did not accept the new session (is a load balancer dropping the ROUTE cookie?)');
    }
    if (start.status >= 400) throw httpError(ctx, 'GET', start);
    csrfToken = extractCsrfToken(body);
    if (!csrfToken) throw unexpected(ctx, 'No CSRF token (<meta name="_csrf">) on the HAC start page after login', 'GET', start);
  }
  redactor.add(csrfToken);
  const finalId = jar.get(options.sessionCookieName, home) ?? sessionId;
  redactor.add(finalId);
  const route = jar.get('ROUTE', home);
  if (route) redactor.add(route);
  http.debug(`session: logged in as '${username}'${route ? ' (ROUTE kept)' : ''}`);
  return { sessionId: finalId, csrfToken, routeCookie: route ? `ROUTE=${route}` : null };
}
