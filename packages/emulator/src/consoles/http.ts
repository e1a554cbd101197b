/** Small response builders shared by every console route. */
import { tomcatErrorPage } from '../server/error-pages.js';
import type { ConsoleResponse } from './route-types.js';

export function jsonResponse(value: unknown, status = 200): ConsoleResponse {
  return { status, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: JSON.stringify(value) };
}

export function htmlResponse(body: string, status = 200): ConsoleResponse {
  return { status, headers: { 'Content-Type': 'text/html;charset=UTF-8' }, body };
}

/** Spring answers a failed parameter binding with 400 and Tomcat's HTML error page; so do we. */
export function badRequest(reason: string): ConsoleResponse {
  return errorPage(400, reason);
}

export function notFound(): ConsoleResponse {
  return errorPage(404);
}

function errorPage(status: number, message?: string): ConsoleResponse {
  const page = tomcatErrorPage(status, message);
  return { status: page.status, headers: page.headers, body: page.body };
}

/**
 * A Spring form checkbox: the field carries `true`/`on` when ticked; the `_name=on` marker alone means
 * "present but unticked". Both absent also means false.
 */
export function checkbox(form: URLSearchParams, name: string): boolean {
  const value = form.get(name);
  return value !== null && ['true', 'on', '1', 'yes'].includes(value.trim().toLowerCase());
}

/** Parses an optional integer field; `undefined` when absent or empty, `null` when not an integer. */
export function intField(form: URLSearchParams, name: string): number | undefined | null {
  const raw = form.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return /^-?\d+$/.test(raw.trim()) ? Number.parseInt(raw.trim(), 10) : null;
}
