/**
 * Turning `hac update run` flags into the library's `executeUpdate` options: `--param name=value`
 * pairs and `--patch` names resolved against the pending patches (by hash or name) or, as the Python
 * CLI does, against the yes/no parameters of a patches extension. Pure, unit-tested.
 */
import { CliUsageError } from '../../errors.js';

/** The parts of `getUpdateData()` the plan needs. */
export interface UpdateDataLike {
  projectDatas: readonly { name: string; parameters: readonly { name: string; values: Readonly<Record<string, boolean>> }[] }[];
}

/** The parts of `getPendingPatches()` the plan needs. */
export type PendingPatchesLike = Readonly<Record<string, readonly { hash: string; name: string }[]>>;

/** Parse repeated `--param name=value` into `{ name: [values…] }` (a repeated name collects values). */
export function parseParams(params: readonly string[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const param of params) {
    const at = param.indexOf('=');
    if (at <= 0) throw new CliUsageError(`invalid --param '${param}': expected name=value (e.g. myext_sampledata=yes)`);
    const name = param.slice(0, at).trim();
    const value = param.slice(at + 1);
    (result[name] ??= []).push(value);
  }
  return result;
}

/** The patches extension: the one named, else the first extension whose name contains "patch". */
function patchesExtension(data: UpdateDataLike, extension: string | undefined): UpdateDataLike['projectDatas'][number] | undefined {
  if (extension !== undefined) return data.projectDatas.find((p) => p.name === extension);
  return data.projectDatas.find((p) => p.name.toLowerCase().includes('patch'));
}

export interface PatchSelection {
  /** Pending patches to run: extension → hashes. */
  patches: Record<string, string[]>;
  /** Python-style patch parameters: `<ext>_<patch>` → `['yes']`. */
  parameters: Record<string, string[]>;
}

/**
 * Resolve `--patch` names. A name matches a pending patch by hash or name (within `--extension` when
 * given); otherwise a parameter of that name in the patches extension is set to `yes`. Unknown names
 * are a usage error listing what exists.
 */
export function resolvePatches(
  names: readonly string[],
  pending: PendingPatchesLike,
  data: UpdateDataLike,
  extension: string | undefined,
): PatchSelection {
  const selection: PatchSelection = { patches: {}, parameters: {} };
  if (extension !== undefined && !(extension in pending) && !data.projectDatas.some((p) => p.name === extension)) {
    throw new CliUsageError(`unknown extension '${extension}'`);
  }
  const paramExt = patchesExtension(data, extension);
  for (const name of names) {
    let found = false;
    for (const [ext, patches] of Object.entries(pending)) {
      if (extension !== undefined && ext !== extension) continue;
      const patch = patches.find((p) => p.hash === name || p.name === name);
      if (patch) {
        const hashes = (selection.patches[ext] ??= []);
        if (!hashes.includes(patch.hash)) hashes.push(patch.hash);
        found = true;
        break;
      }
    }
    if (found) continue;
    if (paramExt?.parameters.some((p) => p.name === name)) {
      selection.parameters[`${paramExt.name}_${name}`] = ['yes'];
      continue;
    }
    const known = Object.values(pending).flatMap((patches) => patches.map((p) => p.name));
    throw new CliUsageError(`unknown patch '${name}'${known.length > 0 ? `; pending patches: ${known.join(', ')}` : '; no patches are pending'}`);
  }
  return selection;
}

/** The values selected in a parameter's `values` map. */
export function selectedValues(values: Readonly<Record<string, boolean>>): string[] {
  return Object.entries(values)
    .filter(([, selected]) => selected)
    .map(([value]) => value);
}
