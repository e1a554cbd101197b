import type { HacTransport } from '../internal/transport.js';
import type { CallOptions } from '../models/common.js';
import type { ExecuteUpdateOptions, PatchPlan, PendingPatches, UpdateData, UpdateLog, UpdateResult } from '../models/update.js';
import { patchesToSend, planPendingPatches } from './update-helpers.js';
import { parsePendingPatches, parseUpdateData, parseUpdateLog, parseUpdateResult } from './parse-update.js';
import { callFields, sendParsed } from './shape.js';

/** Updates run synchronously for minutes on real systems: the execute request waits up to an hour. */
const UPDATE_TIMEOUT_MS = 60 * 60 * 1000;

/** The extensions' update/initialization options (`GET /platform/init/data`). */
export async function getUpdateData(transport: HacTransport, options: CallOptions = {}): Promise<UpdateData> {
  return sendParsed(transport, { method: 'GET', path: '/platform/init/data', expect: 'json', ...callFields(options) }, (response) =>
    parseUpdateData(response.json()),
  );
}

/** Patches of the patches framework that have not run yet, by extension (`GET /platform/init/pendingPatches`). */
export async function getPendingPatches(transport: HacTransport, options: CallOptions = {}): Promise<PendingPatches> {
  return sendParsed(
    transport,
    { method: 'GET', path: '/platform/init/pendingPatches', expect: 'json', ...callFields(options) },
    (response) => parsePendingPatches(response.json()),
  );
}

/**
 * Run a system update (`POST /platform/init/execute`). HAC answers only when the update is over, so
 * the request waits up to `timeoutMs` (default one hour); follow progress meanwhile with `getUpdateLog`.
 * Without `runSchemaUpdate` only the selected tasks (patches, data creation) run, no DDL.
 * With `includePendingPatches` (default), `'all pending'` or patches given as a list of names, one
 * extra request fetches the pending patches first (unless `pendingPatches` hands them over); the
 * required ones run, optional ones only when asked for (see `planPendingPatches`); `result.patches`
 * says which ran and which were left out.
 */
export async function executeUpdate(transport: HacTransport, options: ExecuteUpdateOptions = {}): Promise<UpdateResult> {
  const plan = await patchPlan(transport, options);
  const body = {
    dropTables: options.dropTables ?? false,
    clearHMC: options.clearHmc ?? false,
    createEssentialData: options.createEssentialData ?? false,
    localizeTypes: options.localizeTypes ?? false,
    createProjectData: options.createProjectData ?? false,
    // Only "UPDATE" runs the schema update; null runs just the selected side tasks.
    initMethod: options.runSchemaUpdate ? 'UPDATE' : null,
    allParameters: options.allParameters ?? {},
    patches: patchesToSend(plan),
  };
  const result = await sendParsed(
    transport,
    {
      method: 'POST',
      path: '/platform/init/execute',
      json: body,
      expect: 'json',
      ...callFields(options),
      timeoutMs: options.timeoutMs ?? UPDATE_TIMEOUT_MS,
    },
    (response) => parseUpdateResult(response.json()),
  );
  return { ...result, patches: plan };
}

/**
 * The patches to send and to leave out. The pending list is read when the options need it: for the
 * required or all pending patches, and to resolve patches given by name.
 */
async function patchPlan(transport: HacTransport, options: ExecuteUpdateOptions): Promise<PatchPlan> {
  const asked = options.patches;
  const needsPending = asked === 'all pending' || Array.isArray(asked) || (options.includePendingPatches ?? true);
  const pending = options.pendingPatches ?? (needsPending ? await getPendingPatches(transport, options.signal ? { signal: options.signal } : {}) : {});
  return planPendingPatches(pending, options);
}

/** The current (or last) update/initialization log (`GET /initlog/log`); HAC's page polls it every 2 s. */
export async function getUpdateLog(transport: HacTransport, options: CallOptions = {}): Promise<UpdateLog> {
  return sendParsed(transport, { method: 'GET', path: '/initlog/log', expect: 'json', ...callFields(options) }, (response) =>
    parseUpdateLog(response.json()),
  );
}
