import { HacClientError } from '../errors.js';
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
 * With `includePendingPatches` (default), `'all pending'` or patches given as a list of names, one
 * extra request fetches the pending patches first.
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

/**
 * The patch hashes to send: the ones asked for (names resolved to hashes when the pending patches are
 * at hand) plus, as asked, the required or all pending ones.
 */
async function selectPatches(transport: HacTransport, options: ExecuteUpdateOptions): Promise<Record<string, string[]>> {
  const asked = options.patches;
  const allPending = asked === 'all pending';
  const listed = Array.isArray(asked) ? (asked as readonly string[]) : undefined;
  const withRequired = options.includePendingPatches ?? true;
  const pending: PendingPatches =
    allPending || listed !== undefined || withRequired ? await getPendingPatches(transport, options.signal ? { signal: options.signal } : {}) : {};
  const selected = new Map<string, Set<string>>();
  const add = (extension: string, hash: string): void => {
    const hashes = selected.get(extension) ?? new Set<string>();
    hashes.add(hash);
    selected.set(extension, hashes);
  };
  if (listed !== undefined) {
    for (const wanted of listed) {
      const found = Object.entries(pending).flatMap(([extension, patches]) =>
        patches.filter((patch) => patch.name === wanted || patch.hash === wanted).map((patch) => [extension, patch.hash] as const),
      )[0];
      if (!found) {
        const names = Object.values(pending).flatMap((patches) => patches.map((patch) => patch.name));
        // Thrown before the update is sent: nothing has run.
        throw new HacClientError(`unknown patch '${wanted}': not a pending patch's name or hash (${names.length > 0 ? `pending: ${names.join(', ')}` : 'no patches are pending'})`);
      }
      add(...found);
    }
  } else if (asked !== undefined && !allPending) {
    for (const [extension, entries] of Object.entries(asked as Record<string, string[]>)) {
      // A pending patch's name stands for its hash; anything else goes to HAC as given.
      for (const entry of entries) add(extension, (pending[extension] ?? []).find((patch) => patch.name === entry)?.hash ?? entry);
    }
  }
  if (allPending || withRequired) {
    for (const [extension, patches] of Object.entries(pending)) {
      for (const patch of patches) {
        // An update never runs patches meant only for initialization.
        if (patch.process === 'INIT' || !(allPending || patch.required)) continue;
        add(extension, patch.hash);
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
