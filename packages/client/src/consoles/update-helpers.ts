import { HacClientError } from '../errors.js';
import type { ExecuteUpdateOptions, PatchPlan, PendingPatches, PlannedPatch, ProjectData, UpdateData } from '../models/update.js';

/** The extensions that offer parameters (the ones worth showing before an update). */
export function extensionsWithParameters(data: UpdateData): ProjectData[] {
  return data.projectDatas.filter((project) => project.parameters.length > 0);
}

/** The extension named `name` (exact match), or `undefined`. */
export function getExtension(data: UpdateData, name: string): ProjectData | undefined {
  return data.projectDatas.find((project) => project.name === name);
}

/**
 * The project's patches extension (`mypatches`, `cchpatches`): among extensions whose name contains
 * "patches", prefer those with parameters, then project-specific names over a bare `patches`.
 */
export function getPatchesExtension(data: UpdateData): ProjectData | undefined {
  const candidates = data.projectDatas.filter((project) => project.name.toLowerCase().includes('patches'));
  const specific = (list: ProjectData[]) => list.find((project) => project.name.toLowerCase() !== 'patches');
  const withParameters = candidates.filter((project) => project.parameters.length > 0);
  if (withParameters.length > 0) return specific(withParameters) ?? withParameters[0];
  return specific(candidates.filter((project) => project.name.toLowerCase().endsWith('patches'))) ?? candidates[0];
}

/** The value currently selected for a parameter (the first, for multi-select), or `null`. */
export function selectedValue(parameter: { values: Record<string, boolean> }): string | null {
  return Object.entries(parameter.values).find(([, selected]) => selected)?.[0] ?? null;
}

/**
 * Which pending patches `executeUpdate` runs with these options, and why each other one is left out:
 * patches asked for (by name or hash), every pending one with `'all pending'`, otherwise the required
 * ones (unless `includePendingPatches: false`). Patches that run only at initialization are left out
 * unless asked for (HAC's page offers a patch only when its `process` is `ALL` or the run's type, and
 * HAC skips such a patch in an update). In a list
 * of names, one that is not pending throws `HacClientError`; by extension, entries that are not a
 * pending patch's name or hash are sent as given (HAC reports them in its log).
 */
export function planPendingPatches(
  pending: PendingPatches,
  options: Pick<ExecuteUpdateOptions, 'patches' | 'includePendingPatches'> = {},
): PatchPlan {
  const allPending = options.patches === 'all pending';
  const asked = askedHashes(pending, options.patches);
  const withRequired = allPending || (options.includePendingPatches ?? true);
  const plan: PatchPlan = { included: [], skipped: [] };
  for (const [extension, patches] of Object.entries(pending)) {
    for (const patch of patches) {
      const entry = (reason: string): PlannedPatch => ({ extension, hash: patch.hash, name: patch.name, required: patch.required, process: patch.process, reason });
      const wanted = asked.get(extension)?.delete(patch.hash) === true;
      // Asked for, it is sent even if it runs only at initialization: HAC then skips it and says so.
      if (wanted) plan.included.push(entry(patch.process === 'INIT' ? 'asked for, but it runs only at initialization: HAC skips it' : 'asked for'));
      else if (patch.process === 'INIT') plan.skipped.push(entry('runs only at initialization'));
      else if (allPending) plan.included.push(entry('all pending patches asked for'));
      else if (patch.required && withRequired) plan.included.push(entry('required'));
      else if (patch.required) plan.skipped.push(entry('required, but pending patches were not included'));
      else plan.skipped.push(entry('optional, not asked for'));
    }
  }
  for (const [extension, hashes] of asked) {
    for (const hash of hashes) plan.included.push({ extension, hash, name: hash, required: false, process: 'ALL', reason: 'asked for (not among the pending patches)' });
  }
  return plan;
}

/** The patches asked for, as extension → hashes (a pending patch's name stands for its hash). */
function askedHashes(pending: PendingPatches, patches: ExecuteUpdateOptions['patches']): Map<string, Set<string>> {
  const asked = new Map<string, Set<string>>();
  const add = (extension: string, hash: string): void => void asked.set(extension, (asked.get(extension) ?? new Set<string>()).add(hash));
  if (patches === undefined || patches === 'all pending') return asked;
  if (Array.isArray(patches)) {
    for (const wanted of patches as readonly string[]) {
      const found = Object.entries(pending).flatMap(([extension, list]) =>
        list.filter((patch) => patch.name === wanted || patch.hash === wanted).map((patch) => [extension, patch.hash] as const),
      )[0];
      if (!found) {
        const names = Object.values(pending).flatMap((list) => list.map((patch) => patch.name));
        // Thrown before the update is sent: nothing has run.
        throw new HacClientError(`unknown patch '${wanted}': not a pending patch's name or hash (${names.length > 0 ? `pending: ${names.join(', ')}` : 'no patches are pending'})`);
      }
      add(...found);
    }
    return asked;
  }
  for (const [extension, entries] of Object.entries(patches as Record<string, string[]>)) {
    for (const entry of entries) add(extension, (pending[extension] ?? []).find((patch) => patch.name === entry)?.hash ?? entry);
  }
  return asked;
}

/** The `patches` field of HAC's update request: extension → hashes of the included patches. */
export function patchesToSend(plan: PatchPlan): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const patch of plan.included) (result[patch.extension] ??= []).push(patch.hash);
  return result;
}
