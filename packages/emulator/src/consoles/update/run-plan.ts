/**
 * What an initialization/update does, step by step: the log lines it writes (as HAC's init log, one
 * HTML paragraph each) and the patches it applies. Pure: the state decides when each step happens.
 */
import { escapeHtml } from '../../server/html.js';
import { EXTENSIONS, PATCHES, type PatchDefinition } from './project-data.js';
import type { InitUpdateData } from './request.js';

export type Level = 'INFO' | 'WARN' | 'ERROR';

export interface PlanStep {
  level: Level;
  message: string;
  /** Patch applied when this step runs. */
  applies?: PatchDefinition;
}

const TYPE_EXTENSIONS = ['core', 'catalog', 'europe1', 'impex', 'workflow', 'commerceservices', 'electronicsstore', 'apparelstore', 'acmepatches'];

export function planRun(data: InitUpdateData, applied: ReadonlySet<string>, tenant: string): PlanStep[] {
  const mode = data.initMethod === 'INIT' ? 'initialization' : 'update';
  const steps: PlanStep[] = [];
  const info = (message: string): void => void steps.push({ level: 'INFO', message });
  const warn = (message: string): void => void steps.push({ level: 'WARN', message });
  const error = (message: string): void => void steps.push({ level: 'ERROR', message });

  info(`Starting system ${mode} of tenant '${tenant}' (initMethod=${data.initMethod ?? 'none'})`);
  if (data.initMethod === 'INIT') {
    info(data.dropTables ? 'Dropping all tables of the type system' : 'Removing items of the old type system');
    info(`Creating type system from ${TYPE_EXTENSIONS.length} extensions: ${TYPE_EXTENSIONS.join(', ')}`);
    info('Creating database schema: 1184 tables created');
  } else if (data.initMethod === 'UPDATE') {
    info(`Updating type system from ${TYPE_EXTENSIONS.length} extensions: ${TYPE_EXTENSIONS.join(', ')}`);
    info('Updating database schema: 0 tables created, 2 columns added, 0 columns modified');
    if (data.dropTables) info('Dropping tables of removed types: 0 tables dropped');
  }
  if (data.clearHMC) info('Clearing HMC configuration');
  if (data.localizeTypes) info('Localizing types for languages: en, de, ja, zh');
  if (data.createEssentialData) {
    for (const extension of EXTENSIONS) info(`Creating essential data for ${extension.name}`);
  }
  if (data.createProjectData) {
    for (const extension of EXTENSIONS) {
      const parameters = extension.parameters.map((p) => `${p.name}=${(data.allParameters[`${extension.name}_${p.name}`] ?? p.defaults).join('|')}`);
      info(`Creating project data for ${extension.name}${parameters.length ? ` (${parameters.join(', ')})` : ''}`);
    }
  }
  const known = new Set(EXTENSIONS.flatMap((e) => e.parameters.map((p) => `${e.name}_${p.name}`)));
  for (const key of Object.keys(data.allParameters)) {
    if (!known.has(key)) warn(`Ignoring unknown parameter '${key}'`);
  }
  planPatches(data, applied, mode, steps);
  const failed = steps.some((step) => step.level === 'ERROR');
  if (failed) error(`System ${mode} finished with errors (tenant '${tenant}')`);
  else info(`System ${mode} finished successfully (tenant '${tenant}')`);
  info('FINISHED');
  return steps;
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
