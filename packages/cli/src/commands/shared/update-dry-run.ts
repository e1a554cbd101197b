/**
 * `hac update run --dry-run`: what an update would do, computed from the pending patches and the
 * update data (two GETs) without sending it. Pure apart from the caller's requests; unit-tested.
 */
import { planPendingPatches, type PendingPatches } from 'hac-client';
import type { PatchSelection } from './update-plan.js';

/** The parts of a pending patch the plan shows. */
export interface PlannedPatchSource {
  hash: string;
  name: string;
  required: boolean;
  process: string;
}

export interface PlannedPatch {
  extension: string;
  name: string;
  hash: string;
  /** Whether the update runs it. */
  runs: boolean;
  /** Why it runs or not. */
  reason: 'named' | 'required' | 'not named' | 'not required' | 'initialization only';
}

export interface UpdatePlan {
  /** `ENV/ENDPOINT` and URL of the target. */
  target: string;
  schemaUpdate: boolean;
  dropTables: boolean;
  clearHmc: boolean;
  createEssentialData: boolean;
  createProjectData: boolean;
  localizeTypes: boolean;
  patches: PlannedPatch[];
  /** Parameters sent (`<extension>_<parameter>` → values), the `--patch` ones included. */
  parameters: Record<string, string[]>;
}

export interface PlanInput {
  target: string;
  flags: { schemaUpdate: boolean; dropTables: boolean; clearHmc: boolean; createEssentialData: boolean; createProjectData: boolean; localizeTypes: boolean };
  /** Whether `--patch` named patches (then only those run). */
  named: boolean;
  selection: PatchSelection;
  parameters: Record<string, string[]>;
  pending: Readonly<Record<string, readonly PlannedPatchSource[]>>;
}

/**
 * The plan: every pending patch with whether it runs and why, as the library's `planPendingPatches`
 * decides for the options a run sends (named ones only; otherwise the required ones, as HAC's page);
 * an update never runs init-only patches.
 */
export function planUpdate(input: PlanInput): UpdatePlan {
  const decided = planPendingPatches(
    input.pending as PendingPatches,
    input.named ? { patches: input.selection.patches, includePendingPatches: false } : {},
  );
  // HAC skips an init-only patch in an update even when it is sent.
  const runs = new Set(decided.included.filter((p) => p.process !== 'INIT').map((p) => `${p.extension}\u0000${p.hash}`));
  const initOnly = new Set([...decided.included, ...decided.skipped].filter((p) => p.process === 'INIT').map((p) => `${p.extension}\u0000${p.hash}`));
  const patches: PlannedPatch[] = [];
  for (const [extension, list] of Object.entries(input.pending)) {
    for (const patch of list) {
      const key = `${extension}\u0000${patch.hash}`;
      let reason: PlannedPatch['reason'];
      if (runs.has(key)) reason = input.named ? 'named' : 'required';
      else if (initOnly.has(key)) reason = 'initialization only';
      else reason = input.named ? 'not named' : 'not required';
      patches.push({ extension, name: patch.name, hash: patch.hash, runs: runs.has(key), reason });
    }
  }
  return { target: input.target, ...input.flags, patches, parameters: input.parameters };
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

const REASONS: Record<PlannedPatch['reason'], string> = {
  named: 'named with --patch',
  required: 'required',
  'not named': 'not named with --patch',
  'not required': 'not required: name it with --patch to run it',
  'initialization only': 'runs only at initialization: an update skips it',
};

/** The plan for people: settings as `key  value` lines, then one `run`/`skip` line per pending patch. */
export function formatPlan(plan: UpdatePlan): string {
  const rows: [string, string][] = [
    ['target', plan.target],
    ['schema update', yesNo(plan.schemaUpdate)],
    ['drop tables', plan.dropTables ? 'YES: every table is dropped and created anew, all data is lost' : 'no'],
    ['clear hMC', yesNo(plan.clearHmc)],
    ['essential data', yesNo(plan.createEssentialData)],
    ['project data', yesNo(plan.createProjectData)],
    ['localize types', yesNo(plan.localizeTypes)],
    ['parameters', Object.entries(plan.parameters).map(([name, values]) => `${name}=${values.join('|')}`).join(', ') || '-'],
  ];
  let width = 0;
  for (const [key] of rows) width = Math.max(width, key.length);
  const lines = rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`);
  lines.push(plan.patches.length === 0 ? 'patches: none pending' : 'patches:');
  for (const patch of plan.patches) lines.push(`  ${patch.runs ? 'run ' : 'skip'}  ${patch.name} (${patch.extension}, ${REASONS[patch.reason]})`);
  return `${lines.join('\n')}\n`;
}
