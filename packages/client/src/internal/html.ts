/**
 * Reading HAC pages: CSRF tokens, the login form, login-page detection. A real HTML parser decides;
 * the CSRF token and the login form are first looked for by html-scan.ts's small scan, which answers
 * for HAC's own plain markup without loading the parser (a third of a first login's time).
 */
import type { HTMLElement, Node } from 'node-html-parser';
import { scanCsrfToken, scanLoginForm } from './html-scan.js';
import { htmlParser } from './lazy.js';

/** The CSRF token of a page: `<meta name="_csrf" content>` first, else `<input name="_csrf" value>`. */
export function extractCsrfToken(html: string): string | undefined {
  return scanCsrfToken(html) ?? parsedCsrfToken(html);
}

/** `extractCsrfToken` by the parser alone (tests compare the scan with it). */
export function parsedCsrfToken(html: string): string | undefined {
  return tokenOf(htmlParser().parse(html));
}

function tokenOf(root: HTMLElement): string | undefined {
  const meta = root.querySelector('meta[name="_csrf"]')?.getAttribute('content');
  if (meta) return meta;
  return root.querySelector('input[name="_csrf"]')?.getAttribute('value') || undefined;
}

export interface LoginForm {
  /** The form's `action` attribute as written (resolve it against the page URL). */
  action: string;
  /** The `_csrf` hidden field of the form, else the page's meta token. */
  csrfToken: string | undefined;
  /** Hidden fields other than `_csrf`, posted back unchanged. */
  hidden: Record<string, string>;
  usernameField: string;
  passwordField: string;
}

/** The Spring Security login form of a page, or `undefined` when the page has none. */
export function findLoginForm(html: string): LoginForm | undefined {
  return scanLoginForm(html) ?? parsedLoginForm(html);
}

/** `findLoginForm` by the parser alone (tests compare the scan with it). */
export function parsedLoginForm(html: string): LoginForm | undefined {
  const root = htmlParser().parse(html);
  const form = loginFormElement(root);
  if (!form) return undefined;
  const hidden: Record<string, string> = {};
  let csrfToken: string | undefined;
  for (const input of form.querySelectorAll('input[type="hidden"]')) {
    const name = input.getAttribute('name');
    if (!name) continue;
    const value = input.getAttribute('value') ?? '';
    if (name === '_csrf') csrfToken = value || undefined;
    else hidden[name] = value;
  }
  const password = form.querySelector('input[type="password"]')?.getAttribute('name') ?? 'j_password';
  const username =
    form.querySelector('input[name="j_username"]')?.getAttribute('name') ??
    form.querySelector('input[type="text"], input[type="email"], input:not([type])')?.getAttribute('name') ??
    'j_username';
  return {
    action: form.getAttribute('action') ?? '',
    csrfToken: csrfToken ?? tokenOf(root),
    hidden,
    usernameField: username,
    passwordField: password,
  };
}

function loginFormElement(root: HTMLElement): HTMLElement | undefined {
  const forms = root.querySelectorAll('form');
  return (
    forms.find((f) => (f.getAttribute('action') ?? '').includes('j_spring_security_check')) ??
    forms.find((f) => f.querySelector('input[type="password"]') !== null)
  );
}

/** The comment HAC's login page carries (`login.jsp`) and its own scripts look for in AJAX answers. */
const LOGIN_MARKER = 'redirect_detection - do not remove!';

/**
 * Whether a body holds either word of the login page's markup. Most answers hold neither and need no
 * parsing; bytes are searched as they are, so a big answer is not turned into a string to find out.
 */
export function mayBeLoginPage(body: string | Buffer): boolean {
  return body.includes('redirect_detection') || body.includes('j_spring_security_check');
}

/**
 * Whether a body is HAC's login page (what an AJAX call gets after a followed redirect): HAC's
 * `<!-- redirect_detection - do not remove! -->` comment, or a form posting to
 * `j_spring_security_check` with a password field. Markup, not words: an ImpEx page echoes the
 * submitted script, and a script that merely mentions these words (escaped inside a textarea) must
 * not make the import look rejected, or it would be replayed and run twice.
 */
export function looksLikeLoginPage(body: string): boolean {
  if (!mayBeLoginPage(body)) return false;
  const root = htmlParser().parse(body, { comment: true });
  if (hasLoginMarker(root)) return true;
  const form = loginFormElement(root);
  if (!form || !(form.getAttribute('action') ?? '').includes('j_spring_security_check')) return false;
  return form.querySelector('input[type="password"], input[name="j_password"]') !== null;
}

/** A real comment node holding the marker, outside text containers (where it would be content). */
function hasLoginMarker(node: Node): boolean {
  for (const child of node.childNodes) {
    if (child.nodeType === COMMENT && child.rawText.trim() === LOGIN_MARKER) return true;
    const tag = (child as HTMLElement).rawTagName?.toLowerCase();
    if (child.nodeType === ELEMENT && !TEXT_CONTAINERS.has(tag ?? '') && hasLoginMarker(child)) return true;
  }
  return false;
}

const ELEMENT = 1;
const COMMENT = 8;
const TEXT_CONTAINERS = new Set(['textarea', 'pre', 'script', 'style', 'code', 'title']);
