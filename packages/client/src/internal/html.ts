/** Reading HAC pages with a real HTML parser: CSRF tokens, the login form, login-page detection. */
import { parse, type HTMLElement } from 'node-html-parser';

/** The CSRF token of a page: `<meta name="_csrf" content>` first, else `<input name="_csrf" value>`. */
export function extractCsrfToken(html: string): string | undefined {
  const root = parse(html);
  return tokenOf(root);
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
  const root = parse(html);
  const forms = root.querySelectorAll('form');
  const form =
    forms.find((f) => (f.getAttribute('action') ?? '').includes('j_spring_security_check')) ??
    forms.find((f) => f.querySelector('input[type="password"]') !== null);
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

/**
 * Whether a body is HAC's login page (what an AJAX call gets after a followed redirect): HAC's own JS
 * looks for `redirect_detection`; the login form posts to `j_spring_security_check`.
 */
export function looksLikeLoginPage(body: string): boolean {
  if (body.includes('redirect_detection')) return true;
  return body.includes('j_spring_security_check') && /name\s*=\s*["']?j_password/.test(body);
}
