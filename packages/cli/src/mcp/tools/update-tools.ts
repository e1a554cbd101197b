/**
 * System update: `update_data`, `pending_patches`, `update_log` (read) and `run_update` (update).
 * `run_update` never drops tables (not offered to agents at all) and answers after `waitSeconds`
 * at most: a longer update goes on, its end is written to the audit log, and `update_log` follows it.
 */
import type { UpdateResult } from 'hac-client';
import { z } from '../sdk.js';
import { cutRows, cutText } from '../budget.js';
import { defineTool } from '../tool-kit.js';

export const updateDataTool = defineTool({
  name: 'update_data',
  title: 'Update data',
  description: "What HAC's update page offers: whether an update or initialization is running, and each extension's project-data parameters with their values.",
  right: 'read',
  writes: false,
  input: {},
  output: {
    environment: z.string(),
    endpoint: z.string(),
    isInitializing: z.boolean().describe('An update or initialization is running now'),
    extensions: z.array(z.object({ name: z.string(), parameters: z.array(z.object({ name: z.string(), values: z.array(z.string()), selected: z.array(z.string()) })) })),
    truncated: z.string().nullable(),
  },
  async run({ target, client, budget, signal }) {
    const data = await client.getUpdateData({ signal });
    const extensions = data.projectDatas.map((p) => ({
      name: p.name,
      parameters: p.parameters.map((param) => ({
        name: param.name,
        values: Object.keys(param.values),
        selected: Object.entries(param.values).filter(([, on]) => on).map(([value]) => value),
      })),
    }));
    const cut = cutRows(extensions.map((e) => [JSON.stringify(e)]), budget);
    const shown = extensions.slice(0, cut.rows.length);
    const truncated = cut.rowsCut > 0 ? `${cut.rowsCut} more extension(s) not shown.` : null;
    const text = [
      `${data.isInitializing ? 'An update/initialization is RUNNING.' : 'No update is running.'} ${extensions.length} extension(s) with project data:`,
      ...shown.map((e) => `${e.name}: ${e.parameters.map((p) => `${p.name}=${p.selected.join('|') || '-'} (of ${p.values.join('|')})`).join('; ') || 'no parameters'}`),
      ...(truncated ? [truncated] : []),
    ].join('\n');
    return { structured: { environment: target.environment, endpoint: target.endpoint, isInitializing: data.isInitializing, extensions: shown, truncated }, text, outcome: 'ok', rows: extensions.length };
  },
});

const patchShape = z.object({ extension: z.string(), hash: z.string(), name: z.string(), required: z.boolean(), process: z.string(), description: z.string().nullable() });

export const pendingPatchesTool = defineTool({
  name: 'pending_patches',
  title: 'Pending patches',
  description: 'The patches (patches framework) not yet applied, per extension: name, hash (the id run_update takes), required, the phase it runs in (ALL, UPDATE, INIT).',
  right: 'read',
  writes: false,
  input: {},
  output: { environment: z.string(), endpoint: z.string(), patches: z.array(patchShape), truncated: z.string().nullable() },
  async run({ target, client, budget, signal }) {
    const pending = await client.getPendingPatches({ signal });
    const patches = Object.entries(pending).flatMap(([extension, list]) =>
      list.map((p) => ({ extension, hash: p.hash, name: p.name, required: p.required, process: String(p.process), description: p.description })),
    );
    const cut = cutRows(patches.map((p) => [JSON.stringify(p)]), budget);
    const shown = patches.slice(0, cut.rows.length);
    const truncated = cut.rowsCut > 0 ? `${cut.rowsCut} more pending patch(es) not shown.` : null;
    const text =
      patches.length === 0
        ? `No pending patches on ${target.sessionEnvironment}.`
        : [`${patches.length} pending patch(es) (extension, name, hash, required, process):`, ...shown.map((p) => `${p.extension}\t${p.name}\t${p.hash}\t${p.required ? 'required' : 'optional'}\t${p.process}`), ...(truncated ? [truncated] : [])].join('\n');
    return { structured: { environment: target.environment, endpoint: target.endpoint, patches: shown, truncated }, text, outcome: 'ok', rows: patches.length };
  },
});

export const updateLogTool = defineTool({
  name: 'update_log',
  title: 'Update log',
  description: 'The log of the running or last system update / initialization: whether it is complete and whether it reports errors. Long logs keep their end.',
  right: 'read',
  writes: false,
  input: {},
  output: { environment: z.string(), endpoint: z.string(), isComplete: z.boolean(), hasErrors: z.boolean(), log: z.string(), truncated: z.string().nullable() },
  async run({ target, client, budget, signal }) {
    const log = await client.getUpdateLog({ signal });
    const cut = cutText(log.logText, budget.maxChars, true);
    const truncated = cut.charsCut > 0 ? `The first ${cut.charsCut} characters of the log are not shown.` : null;
    const text = `${log.isComplete ? 'Complete' : 'Not complete (running, or never run)'}${log.hasErrors ? ', with ERRORS' : ''}.\n${cut.text}`;
    return { structured: { environment: target.environment, endpoint: target.endpoint, isComplete: log.isComplete, hasErrors: log.hasErrors, log: cut.text, truncated }, text, outcome: 'ok' };
  },
});

export const runUpdateTool = defineTool({
  name: 'run_update',
  title: 'Run a system update',
  description:
    'Run a system update (never an initialization, never dropping tables): the listed pending patches plus the required ones (as HAC\'s page does), and the chosen tasks. Answers when it ends or after waitSeconds; a longer update keeps running: follow it with update_log. Needs the "update" right; on a protected environment a human must confirm.',
  right: 'update',
  writes: true,
  input: {
    patches: z
      .array(z.object({ extension: z.string().min(1).max(200), hash: z.string().min(1).max(200) }))
      .max(500)
      .default([])
      .describe('Pending patches to run, from pending_patches (extension and hash)'),
    runSchemaUpdate: z.boolean().default(false).describe('Update the schema (types, tables, columns)'),
    createEssentialData: z.boolean().default(false),
    createProjectData: z.boolean().default(false),
    localizeTypes: z.boolean().default(false),
    clearHmc: z.boolean().default(false),
    waitSeconds: z.number().int().min(0).max(3_000).default(50).describe('Longest wait for the end before answering (the update goes on)'),
  },
  output: {
    environment: z.string(),
    endpoint: z.string(),
    finished: z.boolean().describe('false: still running when the answer was sent'),
    success: z.boolean().nullable(),
    hasErrors: z.boolean().nullable(),
    log: z.string(),
    truncated: z.string().nullable(),
  },
  confirmation: (input) =>
    `run a system update${input.runSchemaUpdate ? ' WITH schema update' : ''}: patches ${input.patches.map((p) => `${p.extension}:${p.hash}`).join(', ') || '(required pending ones only)'}${input.createEssentialData ? ', essential data' : ''}${input.createProjectData ? ', project data' : ''}`,
  async run({ input, target, client, budget, auditLater }) {
    const patches: Record<string, string[]> = {};
    for (const p of input.patches) (patches[p.extension] ??= []).push(p.hash);
    // Not the call's signal: a client that gives up waiting must not look like it stopped the update.
    const update = client.executeUpdate({
      patches,
      runSchemaUpdate: input.runSchemaUpdate,
      createEssentialData: input.createEssentialData,
      createProjectData: input.createProjectData,
      localizeTypes: input.localizeTypes,
      clearHmc: input.clearHmc,
      dropTables: false,
    });
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      update,
      new Promise<'waiting'>((resolve) => {
        timer = setTimeout(() => resolve('waiting'), input.waitSeconds * 1000);
      }),
    ]).finally(() => clearTimeout(timer));
    const base = { environment: target.environment, endpoint: target.endpoint };
    if (waited === 'waiting') {
      auditLater(
        update.then(
          (r: UpdateResult) => ({ outcome: r.success && !r.hasErrors ? 'ok' : 'failed', ...(r.success ? {} : { reason: 'HAC reported a failed update' }) }) as const,
          (error: unknown) => ({ outcome: 'error', reason: (error as Error).message }) as const,
        ),
      );
      return {
        structured: { ...base, finished: false, success: null, hasErrors: null, log: '', truncated: null },
        text: `The update started on ${target.sessionEnvironment} and is still running after ${input.waitSeconds} s. Follow it with update_log; do not start another.`,
        outcome: 'ok',
      };
    }
    const log = cutText(waited.logText, budget.maxChars, true);
    return {
      structured: { ...base, finished: true, success: waited.success, hasErrors: waited.hasErrors, log: log.text, truncated: log.charsCut > 0 ? `The first ${log.charsCut} characters of the log are not shown.` : null },
      text: `Update on ${target.sessionEnvironment} ${waited.success && !waited.hasErrors ? 'finished' : 'FAILED or reported errors'}.\n${log.text}`,
      outcome: waited.success && !waited.hasErrors ? 'ok' : 'failed',
      ...(waited.success ? {} : { reason: 'HAC reported a failed update' }),
    };
  },
});
