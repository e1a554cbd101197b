/**
 * Helpers shared by the pure parsers: reading loosely typed JSON and HTML answers. A parser that finds
 * an answer it cannot read throws `ShapeError`; `sendParsed` turns that into `HacUnexpectedResponseError`
 * with the request and a redacted excerpt, so the parsers themselves stay free of HTTP details.
 */
import { HacUnexpectedResponseError } from '../errors.js';
import { excerptOf } from '../internal/redact.js';
import type { HacRequest, HacResponse, HacTransport } from '../internal/transport.js';

/** The answer does not have the shape the console returns. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or a `ShapeError` naming what was expected. */
export function expectObject(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw new ShapeError(`expected ${what} to be a JSON object, got ${describe(value)}`);
  return value;
}

/** A string field; `null`/missing become `fallback`, numbers and booleans their text (HAC versions differ). */
export function stringField(object: JsonObject, key: string, fallback = ''): string {
  const value = object[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ShapeError(`expected "${key}" to be a string, got ${describe(value)}`);
}

/** A string field that may be absent: `null` when missing, null or empty. */
export function optionalString(object: JsonObject, key: string): string | null {
  const value = stringField(object, key);
  return value === '' ? null : value;
}

export function booleanField(object: JsonObject, key: string, fallback = false): boolean {
  const value = object[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ShapeError(`expected "${key}" to be a boolean, got ${describe(value)}`);
}

export function numberField(object: JsonObject, key: string, fallback = 0): number {
  const value = object[key];
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number === 'number' && Number.isFinite(number)) return number;
  throw new ShapeError(`expected "${key}" to be a number, got ${describe(value)}`);
}

export function arrayField(object: JsonObject, key: string): unknown[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ShapeError(`expected "${key}" to be an array, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Send a request and parse its answer, reporting an unreadable answer as `HacUnexpectedResponseError`. */
export async function sendParsed<T>(
  transport: HacTransport,
  request: HacRequest,
  parse: (response: HacResponse) => T,
): Promise<T> {
  const response = await transport.send(request);
  return parseResponse(request, response, parse);
}

export function parseResponse<T>(request: HacRequest, response: HacResponse, parse: (response: HacResponse) => T): T {
  try {
    return parse(response);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new HacUnexpectedResponseError(`Unexpected answer from HAC: ${error.message}: ${request.method} ${response.url}`, {
      status: response.status,
      method: request.method,
      url: response.url,
      excerpt: excerptOf(response.text()),
      cause: error,
    });
  }
}

/** The options every request takes from the caller's `CallOptions`, without `undefined` keys. */
export function callFields(options: { signal?: AbortSignal; timeoutMs?: number } | undefined): Pick<HacRequest, 'signal' | 'timeoutMs'> {
  const fields: Pick<HacRequest, 'signal' | 'timeoutMs'> = {};
  if (options?.signal) fields.signal = options.signal;
  if (options?.timeoutMs !== undefined) fields.timeoutMs = options.timeoutMs;
  return fields;
}
