/**
 * What an initialization/update does, step by step: the log lines it writes (as HAC's init log, one
 * HTML paragraph each), the patches it applies and the changes to the data it makes. Pure: the state
 * decides when each step happens and carries out its effect.
 */
import { escapeHtml } from '../../server/html.js';
import { EXTENSIONS, PATCHES, type PatchDefinition } from './project-data.js';
import type { InitUpdateData } from './request.js';

export type Level = 'INFO' | 'WARN' | 'ERROR';

/** A change to the data: every table dropped and created anew, essential data or project data imported. */
export type DataEffect = 'drop-tables' | 'essential-data' | 'project-data';

export interface PlanStep {
  level: Level;
  message: string;
  /** Patch applied when this step runs. */
  applies?: PatchDefinition;
  /** Carried out when this step runs; its outcome completes the step's line. */
  effect?: DataEffect;
}

const TYPE_EXTENSIONS = ['core', 'catalog', 'europe1', 'impex', 'workflow', 'commerceservices', 'electronicsstore', 'apparelstore', 'acmepatches'];

/**
 * Whether a run loses all data. Initialization always does: HAC's page warns "It will destroy all current
 * data" and always sends `dropTables: true` with it (`static/js/platform/init.js`). `dropTables` with an
 * update (HAC's page never sends it so; hac-client's `--drop-tables` does) is taken to do the same: every
 * table dropped, all data lost (*emulator choice*, as hac-client documents the flag).
 */
export function dropsAllData(data: InitUpdateData): boolean {
  return data.initMethod === 'INIT' || data.dropTables;
}

/** The steps of a run up to its closing lines (`finishSteps`), which depend on how the steps went. */
export function planRun(data: InitUpdateData, applied: ReadonlySet<string>, tenant: string): PlanStep[] {
  const mode = runMode(data);
  const steps: PlanStep[] = [];
  const info = (message: string, effect?: DataEffect): void => void steps.push(effect ? { level: 'INFO', message, effect } : { level: 'INFO', message });
  const warn = (message: string): void => void steps.push({ level: 'WARN', message });

  info(`Starting system ${mode} of tenant '${tenant}' (initMethod=${data.initMethod ?? 'none'})`);
  if (dropsAllData(data)) {
    // Without dropTables SAP deletes the items type by type and keeps the tables: the data is gone all the same.
    info(data.dropTables ? 'Dropping all tables of the type system' : 'Removing items of the old type system');
    if (data.initMethod) info(`${data.initMethod === 'INIT' ? 'Creating' : 'Updating'} type system from ${TYPE_EXTENSIONS.length} extensions: ${TYPE_EXTENSIONS.join(', ')}`);
    info('Creating database schema', 'drop-tables');
  } else if (data.initMethod === 'UPDATE') {
    info(`Updating type system from ${TYPE_EXTENSIONS.length} extensions: ${TYPE_EXTENSIONS.join(', ')}`);
    info('Updating database schema: 0 tables created, 2 columns added, 0 columns modified');
  }
  if (data.clearHMC) info('Clearing HMC configuration');
  if (data.localizeTypes) info('Localizing types for languages: en, de, ja, zh');
  if (data.createEssentialData) {
    for (const extension of EXTENSIONS) info(`Creating essential data for ${extension.name}`);
    info('Importing essential data', 'essential-data');
  }
  if (data.createProjectData) {
    for (const extension of EXTENSIONS) {
      const parameters = extension.parameters.map((p) => `${p.name}=${(data.allParameters[`${extension.name}_${p.name}`] ?? p.defaults).join('|')}`);
      info(`Creating project data for ${extension.name}${parameters.length ? ` (${parameters.join(', ')})` : ''}`);
    }
    // The emulator's project data is one script (its data set) for all extensions: left out only when no extension wants its sample data.
    const wanted = EXTENSIONS.some((extension) => {
      const parameter = extension.parameters.find((p) => p.name === 'importSampleData');
      return parameter !== undefined && (data.allParameters[`${extension.name}_${parameter.name}`] ?? parameter.defaults).includes('yes');
    });
    if (wanted) info('Importing project data', 'project-data');
    else info('Importing project data: none (importSampleData=no for every extension)');
  }
  const known = new Set(EXTENSIONS.flatMap((e) => e.parameters.map((p) => `${e.name}_${p.name}`)));
  for (const key of Object.keys(data.allParameters)) {
    if (!known.has(key)) warn(`Ignoring unknown parameter '${key}'`);
  }
  // The record of executed patches is data too: after the drop every patch is pending again.
  planPatches(data, dropsAllData(data) ? new Set() : applied, mode, steps);
  return steps;
}

/** The closing lines: whether the run went well (no `ERROR` line was written), then `FINISHED`. */
export function finishSteps(data: InitUpdateData, failed: boolean, tenant: string): PlanStep[] {
  const mode = runMode(data);
  return [
    failed
      ? { level: 'ERROR', message: `System ${mode} finished with errors (tenant '${tenant}')` }
      : { level: 'INFO', message: `System ${mode} finished successfully (tenant '${tenant}')` },
    { level: 'INFO', message: 'FINISHED' },
  ];
}

function runMode(data: InitUpdateData): string {
  return data.initMethod === 'INIT' ? 'initialization' : 'update';
}

function planPatches(data: InitUpdateData, applied: ReadonlySet<string>, mode: string, steps: PlanStep[]): void {
  for (const [extension, hashes] of Object.entries(data.patches)) {
    for (const hash of hashes) {
      const patch = PATCHES.find((p) => p.extension === extension && p.hash === hash);
      if (!patch) {
        steps.push({ level: 'ERROR', message: `Unknown patch '${hash}' for extension '${extension}': not executed` });
      } else if (applied.has(patch.hash)) {
        steps.push({ level: 'WARN', message: `Patch ${patch.name} (${patch.hash}) was already executed, skipping` });
      } else if ((patch.process === 'INIT' && mode !== 'initialization') || (patch.process === 'UPDATE' && mode === 'initialization')) {
        steps.push({ level: 'WARN', message: `Patch ${patch.name} runs only during ${patch.process === 'INIT' ? 'initialization' : 'update'}, skipping` });
      } else {
        steps.push({ level: 'INFO', message: `Executing patch ${patch.name} (${patch.hash}) of ${extension}` });
        steps.push({ level: 'INFO', message: `Patch ${patch.name} executed`, applies: patch });
      }
    }
  }
}

/** One log line as HAC's init log renders it. */
export function renderLogLine(step: PlanStep, at: Date): string {
  const time = at.toISOString().slice(11, 23).replace('.', ',');
  return `<p class="${step.level.toLowerCase()}">${time} ${step.level} ${escapeHtml(step.message)}</p>\n`;
}
