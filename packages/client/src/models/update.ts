import type { CallOptions } from './common.js';

/** One parameter an extension offers during update/initialization (e.g. `importCoreData: yes|no`). */
export interface UpdateParameter {
  name: string;
  /** Label HAC shows; the name when HAC sends none. */
  label: string;
  /** Every value with whether it is selected now, e.g. `{ yes: true, no: false }`. */
  values: Record<string, boolean>;
  legacy: boolean;
  multiSelect: boolean;
  /** The default value, or `null`. */
  default: string | null;
}

/** An extension that takes part in project data creation, with its parameters. */
export interface ProjectData {
  name: string;
  description: string | null;
  parameters: UpdateParameter[];
}

/** What `GET /platform/init/data` says about the system and the extensions' options. */
export interface UpdateData {
  /** `true` while an initialization or update runs. */
  isInitializing: boolean;
  /** HAC's free-text information about the last initialization, or `null`. */
  initInfo: string | null;
  /** The tenant (`master` on single-tenant systems), or `null`. */
  tenantId: string | null;
  projectDatas: ProjectData[];
}

/** Which phase a patch runs in. */
export type PatchProcess = 'ALL' | 'INIT' | 'UPDATE' | (string & {});

/** A pending patch of the patches framework (`GET /platform/init/pendingPatches`). */
export interface Patch {
  /** The id HAC expects in `executeUpdate`'s `patches`. */
  hash: string;
  name: string;
  description: string | null;
  /** Required patches are pre-selected in HAC's page and run by default. */
  required: boolean;
  process: PatchProcess;
}

/** Pending patches by extension name. */
export type PendingPatches = Record<string, Patch[]>;

/** A patch in a `PatchPlan`, with the reason it is included or skipped. */
export interface PlannedPatch {
  extension: string;
  hash: string;
  /** The patch's name (its hash when it is not among the pending patches). */
  name: string;
  required: boolean;
  process: PatchProcess;
  /** Why it runs or not, e.g. `required`, `asked for`, `optional, not asked for`, `runs only at initialization`. */
  reason: string;
}

/** Which pending patches an update runs and which it leaves out. */
export interface PatchPlan {
  included: PlannedPatch[];
  skipped: PlannedPatch[];
}

/** Options of `executeUpdate`. Everything defaults to off: an update with no options changes nothing but required patches. */
export interface ExecuteUpdateOptions extends CallOptions {
  /**
   * Patches to run:
   * - a list of pending patches' names or hashes, of any extension (`['Patch_2211_01_TaxRows']`), as
   *   `hac update run --patch` takes them; an entry that is not pending throws a `HacClientError`
   *   before anything is sent;
   * - by extension (`{ myextpatches: ['Patch_2211_01_TaxRows', 'hash2'] }`): names are resolved to
   *   hashes when the pending patches are read (`includePendingPatches`), other entries are sent as
   *   given; with `includePendingPatches: false` no list is read, so give hashes;
   * - `'all pending'` for every pending patch (except those that run only at initialization).
   */
  patches?: readonly string[] | Record<string, string[]> | 'all pending';
  /**
   * Also run the pending patches marked required (HAC's page runs them and does not let them be
   * unticked), fetched with one extra request before the update (the same request resolves patch
   * names). Optional pending patches run only when named in `patches` or with `'all pending'`,
   * although HAC's page pre-ticks them too: running a patch nobody asked for is the riskier mistake.
   * `result.patches` lists what ran and what did not.
   * @default true
   */
  includePendingPatches?: boolean;
  /** The pending patches, when the caller fetched them already (for showing the plan): saves that request. */
  pendingPatches?: PendingPatches;
  /** Run the schema update (`initMethod: "UPDATE"`): types, tables, columns. Otherwise only the selected tasks run. @default false */
  runSchemaUpdate?: boolean;
  /**
   * HAC's `dropTables` flag: every table is dropped and created anew, which destroys all data and
   * cannot be undone. DANGEROUS (`hac update run --drop-tables` asks twice). @default false
   */
  dropTables?: boolean;
  /** @default false */
  clearHmc?: boolean;
  /** @default false */
  createEssentialData?: boolean;
  /** @default false */
  createProjectData?: boolean;
  /** @default false */
  localizeTypes?: boolean;
  /** Extension parameters keyed `<extension>_<parameter>`, e.g. `{ myext_importSampleData: ['yes'] }`. */
  allParameters?: Record<string, string[]>;
}

/** The outcome of `executeUpdate`. */
export interface UpdateResult {
  /** HAC's `success` flag. */
  success: boolean;
  /** The log as HAC sent it (HTML). */
  logHtml: string;
  /** The log as plain text, one line per log line, entities decoded. */
  logText: string;
  /** `true` when the log ends with HAC's finish marker. */
  isFinished: boolean;
  /** `true` when the log reports errors or exceptions. */
  hasErrors: boolean;
  /**
   * The patches sent and the pending ones left out, with reasons. Without `includePendingPatches`,
   * `'all pending'` or `pendingPatches` the pending list was not fetched: `skipped` is then empty.
   */
  patches: PatchPlan;
}

/** The current update/initialization log (`GET /initlog/log`), for following a running update. */
export interface UpdateLog {
  logHtml: string;
  logText: string;
  /** `true` once the log shows the update/initialization finished. */
  isComplete: boolean;
  /** `true` when the log reports errors or exceptions. */
  hasErrors: boolean;
}
