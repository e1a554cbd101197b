import { escapeHtml } from './html.js';
import type { Answer } from './types.js';

const REASONS: Record<number, [string, string]> = {
  400: ['Bad Request', 'The server cannot or will not process the request due to something that is perceived to be a client error.'],
  403: ['Forbidden', 'The server understood the request but refuses to authorize it.'],
  404: ['Not Found', 'The origin server did not find a current representation for the target resource or is not willing to disclose that one exists.'],
  405: ['Method Not Allowed', 'The method received in the request-line is known by the origin server but not supported by the target resource.'],
  500: ['Internal Server Error', 'The server encountered an unexpected condition that prevented it from fulfilling the request.'],
  502: ['Bad Gateway', 'The server, while acting as a gateway or proxy, received an invalid response from an inbound server.'],
  503: ['Service Unavailable', 'The server is currently unable to handle the request due to a temporary overload or scheduled maintenance.'],
  504: ['Gateway Timeout', 'The server, while acting as a gateway or proxy, did not receive a timely response from an upstream server.'],
};

export function reasonPhrase(status: number): string {
  return REASONS[status]?.[0] ?? 'Error';
}

/** The HTML error page Tomcat renders for a status (what HAC answers for 404, 405, 500…). */
export function tomcatErrorPage(status: number, message?: string): Answer {
  const [reason, description] = REASONS[status] ?? ['Error', 'The server could not complete the request.'];
  const title = `HTTP Status ${status} – ${reason}`;
  const body =
    `<!doctype html><html lang="en"><head><title>${title}</title><style type="text/css">` +
    'body {font-family:Tahoma,Arial,sans-serif;} h1, h2, h3, b {color:white;background-color:#525D76;} ' +
    'h1 {font-size:22px;} h2 {font-size:16px;} h3 {font-size:14px;} p {font-size:12px;} a {color:black;} ' +
    '.line {height:1px;background-color:#525D76;border:none;}</style></head><body>' +
    `<h1>${title}</h1><hr class="line" /><p><b>Type</b> Status Report</p>` +
    (message ? `<p><b>Message</b> ${escapeHtml(message)}</p>` : '') +
    `<p><b>Description</b> ${description}</p><hr class="line" /><h3>Apache Tomcat</h3></body></html>`;
  return { status, headers: { 'Content-Type': 'text/html;charset=utf-8', 'Content-Language': 'en' }, setCookies: [], body };
}

export function redirect(location: string, setCookies: string[] = []): Answer {
  return { status: 302, headers: { Location: location }, setCookies, body: '' };
}
