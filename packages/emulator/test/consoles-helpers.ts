/**
 * Helpers for the console tests: build `ConsoleRequest`s the way the HTTP core hands them over and
 * call a route's `handle` directly (session and CSRF are the core's business, tested elsewhere).
 */
import { createConsoles } from '../src/consoles/index.js';
import type { Consoles, ConsoleRequest, UploadedFile } from '../src/consoles/route-types.js';
import { createDataEngine } from '../src/data/index.js';
import type { DataEngine } from '../src/data/engine-types.js';

export const TOKEN = '3f1c9a52-5d0e-4c1b-9a77-2b8d4e6f0a11';

export interface CallInit {
  form?: Record<string, string> | [string, string][];
  query?: Record<string, string>;
  body?: string | Buffer;
  files?: UploadedFile[];
  username?: string;
}

export function consoleRequest(method: 'GET' | 'POST', path: string, init: CallInit = {}): ConsoleRequest {
  const body = init.body === undefined ? Buffer.alloc(0) : Buffer.from(init.body);
  return {
    method,
    path,
    query: new URLSearchParams(init.query ?? {}),
    headers: {},
    body,
    form: new URLSearchParams(init.form ?? []),
    files: init.files ?? [],
    csrfToken: TOKEN,
    username: init.username ?? 'admin',
    contextPath: '/hac',
    nodeId: 'node0',
    signal: new AbortController().signal,
  };
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  raw: Buffer;
  json<T = Record<string, unknown>>(): T;
}

export async function call(consoles: Consoles, method: 'GET' | 'POST', path: string, init: CallInit = {}): Promise<CallResult> {
  const route = consoles.routes.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  const response = await route.handle(consoleRequest(method, path, init));
  const raw = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body, 'utf8');
  const text = raw.toString('utf8');
  return { status: response.status, headers: response.headers, text, raw, json: <T>() => JSON.parse(text) as T };
}

/** A fresh engine with the sample data and consoles over it; close the engine in `after`. */
export async function sampleConsoles(updateDurationMs = 0): Promise<{ engine: DataEngine; consoles: Consoles }> {
  const engine = await createDataEngine('sample');
  return { engine, consoles: createConsoles({ engine, dataSet: 'sample', updateDurationMs, legacy: false }) };
}

/** Attribute value of the first element with this id, entities decoded (enough for these pages). */
export function attribute(html: string, id: string, name: string): string | undefined {
  const tag = new RegExp(`<[a-z]+ id="${id}"[^>]*>`).exec(html)?.[0];
  const value = tag ? new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] : undefined;
  return value === undefined ? undefined : unescapeHtml(value);
}

export function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Text of the detail box `div.box.impexResult.quiet pre`, as HTML (still escaped). */
export function detailsHtml(html: string): string | undefined {
  return /<div class="box impexResult quiet">\s*<pre>([\s\S]*?)<\/pre>/.exec(html)?.[1];
}
