import type { HacTransport } from '../internal/transport.js';
import type { CallOptions } from '../models/common.js';
import type { ExecuteUpdateOptions, PendingPatches, UpdateData, UpdateLog, UpdateResult } from '../models/update.js';
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
 * With `includePendingPatches` (default) one extra request fetches the pending patches first.
 */
export async function executeUpdate(transport: HacTransport, options: ExecuteUpdateOptions = {}): Promise<UpdateResult> {
  const patches = await selectPatches(transport, options);
  const body = {
    dropTables: options.dropTables ?? false,
    clearHMC: options.clearHmc ?? false,
    createEssentialData: options.createEssentialData ?? false,
    localizeTypes: options.localizeTypes ?? false,
    createProjectData: options.createProjectData ?? false,
    // Only "UPDATE" runs the schema update; null runs just the selected side tasks.
    initMethod: options.runSchemaUpdate ? 'UPDATE' : null,
    allParameters: options.allParameters ?? {},
    patches,
  };
  return sendParsed(
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
}

/** The patch hashes to send: the explicit ones plus, as asked, the required or all pending ones. */
async function selectPatches(transport: HacTransport, options: ExecuteUpdateOptions): Promise<Record<string, string[]>> {
  const explicit = options.patches === 'all pending' ? {} : (options.patches ?? {});
  const selected = new Map<string, Set<string>>(Object.entries(explicit).map(([extension, hashes]) => [extension, new Set(hashes)]));
  const allPending = options.patches === 'all pending';
  if (allPending || (options.includePendingPatches ?? true)) {
    const pending = await getPendingPatches(transport, options.signal ? { signal: options.signal } : {});
    for (const [extension, patches] of Object.entries(pending)) {
      for (const patch of patches) {
        // An update never runs patches meant only for initialization.
        if (patch.process === 'INIT' || !(allPending || patch.required)) continue;
        const hashes = selected.get(extension) ?? new Set<string>();
        hashes.add(patch.hash);
        selected.set(extension, hashes);
      }
    }
  }
  return Object.fromEntries([...selected].map(([extension, hashes]) => [extension, [...hashes]]));
}

/** The current (or last) update/initialization log (`GET /initlog/log`); HAC's page polls it every 2 s. */
export async function getUpdateLog(transport: HacTransport, options: CallOptions = {}): Promise<UpdateLog> {
  return sendParsed(transport, { method: 'GET', path: '/initlog/log', expect: 'json', ...callFields(options) }, (response) =>
    parseUpdateLog(response.json()),
  );
}
