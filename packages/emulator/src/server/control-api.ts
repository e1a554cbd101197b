/**
 * The emulator's own HTTP control endpoints under `/__emulator/` (only with `control: true`), so that
 * tests in other processes or languages can drive the same switches as the programmatic API.
 * Every answer is JSON; control requests are neither delayed, faulted nor logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './body-parsing.js';
import type { FaultRule, RequestRecord } from './types.js';

export const CONTROL_PREFIX = '/__emulator/';

/** The switches the control API drives (the programmatic controls of the server and the consoles). */
export interface ControlTarget {
  expireSessions(): void;
  restart(): void;
  setLatency(ms: number): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  faults(): { rule: FaultRule; remaining: number }[];
  readonly requests: readonly RequestRecord[];
  counts(): Record<string, number>;
  resetRequests(): void;
  setLockout(after: number): void;
  /** Console-level switches, when consoles are wired in. */
  setUpdateDuration?(ms: number): void;
  setUpdateLocked?(locked: boolean): void;
}

class ControlError extends Error {
  override name = 'ControlError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

/** A number from the body; its range is checked by the control it is passed to (a RangeError: 400). */
function numberField(body: Json, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ControlError(400, `"${key}" must be a number`);
  return value;
}

function faultFromJson(body: Json): FaultRule {
  // JSON has no Infinity: `"times": null` keeps the fault until cleared.
  const { times, ...rest } = body;
  return { ...(rest as unknown as FaultRule), ...(times === null ? { times: Infinity } : times === undefined ? {} : { times: times as number }) };
}

function route(target: ControlTarget, method: string, name: string, body: Json): unknown {
  const key = `${method} ${name}`;
  switch (key) {
    case 'POST expire-sessions':
      target.expireSessions();
      return { ok: true };
    case 'POST restart':
      target.restart();
      return { ok: true };
    case 'POST latency':
      target.setLatency(numberField(body, 'ms'));
      return { ok: true };
    case 'GET faults':
      return target.faults().map(({ rule, remaining }) => ({ ...rule, remaining: Number.isFinite(remaining) ? remaining : null }));
    case 'POST faults':
      target.injectFault(faultFromJson(body));
      return { ok: true };
    case 'DELETE faults':
      target.clearFaults();
      return { ok: true };
    case 'GET requests':
      return target.requests;
    case 'GET counts':
      return target.counts();
    case 'POST reset-requests':
      target.resetRequests();
      return { ok: true };
    case 'POST lockout':
      target.setLockout(numberField(body, 'after'));
      return { ok: true };
    case 'POST update-duration':
      if (!target.setUpdateDuration) throw new ControlError(404, 'no consoles');
      target.setUpdateDuration(numberField(body, 'ms'));
      return { ok: true };
    case 'POST update-lock':
      if (!target.setUpdateLocked) throw new ControlError(404, 'no consoles');
      if (typeof body['locked'] !== 'boolean') throw new ControlError(400, '"locked" must be true or false');
      target.setUpdateLocked(body['locked']);
      return { ok: true };
    default:
      throw new ControlError(404, `unknown control endpoint ${method} ${CONTROL_PREFIX}${name}`);
  }
}

export async function handleControl(target: ControlTarget, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
  let status = 200;
  let payload: unknown;
  try {
    const raw = (await readBody(request)).toString('utf8').trim();
    let body: Json = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        throw new ControlError(400, 'the body must be JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ControlError(400, 'the body must be a JSON object');
    }
    payload = route(target, request.method ?? 'GET', path.slice(CONTROL_PREFIX.length), body);
  } catch (error) {
    status = error instanceof ControlError ? error.status : error instanceof RangeError || error instanceof TypeError ? 400 : 500;
    payload = { error: error instanceof Error ? error.message : String(error) };
  }
  const text = JSON.stringify(payload);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
