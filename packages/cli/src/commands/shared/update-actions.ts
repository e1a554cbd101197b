/**
 * The actions of `hac update data|patches|run|log`, loaded only when one of them runs (start-up
 * time: the formatters and the spinner are not needed for `hac --help`).
 */
import { getPatchesExtension, selectedValue, type HacClient, type PendingPatches, type ProjectData, type UpdateData, type UpdateLog, type UpdateParameter } from 'hac-client';
import { dashForNull, dataColor, rowsFormat, tableWidth } from '../../cli-output.js';
import type { CliRuntime, OutputFormat } from '../../runtime-types.js';
import { CliUsageError } from '../../errors.js';
import { formatJson, renderRecords } from '../../output/index.js';
import { defaultPollIntervalMs, followUntilComplete, LiveLog, pollWhile } from './update-follow.js';
import { brokenConnectionError } from './server-work.js';
import { formatPlan, planUpdate } from './update-dry-run.js';
import { parseParams, resolvePatches, selectedValues, type PatchSelection } from './update-plan.js';

/** Table options; `descriptive`: the free-text columns, which give way first on a narrow terminal. */
function renderOptions(runtime: CliRuntime, descriptive: readonly string[]): { width: number; color: boolean; descriptive: readonly string[] } {
  return { width: tableWidth(runtime.output), color: dataColor(runtime.output), descriptive };
}

function findExtension(data: UpdateData, name: string): ProjectData {
  const found = data.projectDatas.find((p) => p.name === name);
  if (!found) throw new CliUsageError(`unknown extension '${name}'; known: ${data.projectDatas.map((p) => p.name).join(', ')}`);
  return found;
}

export interface DataFlags {
  patches?: boolean;
  withParams?: boolean;
  extension?: string;
}

/**
 * Rows piped without a chosen format print as the Python CLI did: tab-separated without a header
 * line (`hac update data | while read ext params`); a chosen `--format tsv|csv` keeps its header.
 */
function rowsLayout(runtime: CliRuntime): { format: OutputFormat; header: boolean } {
  const format = rowsFormat(runtime.output);
  const chosen = runtime.output.format('table') === runtime.output.format('tsv');
  return { format, header: chosen || format !== 'tsv' };
}

/** A parameter as the Python CLI's `update data -x EXT --json` shows it. */
function parameterDocument(p: UpdateParameter): Record<string, unknown> {
  return {
    name: p.name,
    label: p.label,
    values: Object.keys(p.values),
    selected: selectedValue(p),
    legacy: p.legacy,
    multi_select: p.multiSelect,
    selected_values: selectedValues(p.values),
    default: p.default,
  };
}

export async function showData(runtime: CliRuntime, flags: DataFlags): Promise<void> {
  const client = await runtime.client();
  const data: UpdateData = await client.getUpdateData({ signal: runtime.signal });
  if (data.isInitializing) runtime.output.warn('the system is currently initializing');
  const { format, header } = rowsLayout(runtime);
  const quiet = runtime.output.quiet;
  if (flags.extension !== undefined) {
    const ext = findExtension(data, flags.extension);
    if (format === 'json') {
      runtime.output.data(formatJson({ name: ext.name, description: ext.description, parameters: ext.parameters.map(parameterDocument) }));
      return;
    }
    const params = ext.parameters.map((p) => ({
      name: p.name,
      selected: selectedValues(p.values),
      values: Object.keys(p.values),
      label: p.label,
      multiSelect: p.multiSelect,
    }));
    if (params.length === 0) runtime.output.info(`${ext.name} has no parameters`);
    else runtime.output.data(renderRecords(params, format, { ...renderOptions(runtime, ['label', 'values']), header }));
    return;
  }
  let extensions = data.projectDatas;
  if (flags.patches === true) extensions = extensions.filter((p) => p.name.toLowerCase().includes('patch'));
  if (flags.withParams === true) extensions = extensions.filter((p) => p.parameters.length > 0);
  if (format === 'json') {
    runtime.output.data(
      formatJson({
        is_initializing: data.isInitializing,
        extensions: extensions.map((e) => ({
          name: e.name,
          description: e.description,
          has_parameters: e.parameters.length > 0,
          parameters: e.parameters.map((p) => ({ name: p.name, label: p.label, selected: selectedValue(p) })),
        })),
        init_info: data.initInfo,
        tenant_id: data.tenantId,
      }),
    );
    return;
  }
  // The Python CLI's -q: the names alone.
  if (quiet) {
    runtime.output.data(extensions.map((e) => e.name).join('\n'));
    return;
  }
  const rows = extensions.map((p) => ({
    extension: p.name,
    selected: p.parameters.map((param) => `${param.name}=${selectedValues(param.values).join('|')}`).join(', '),
    parameters: p.parameters.length,
    description: p.description,
  }));
  runtime.output.data(renderRecords(rows, format, { ...renderOptions(runtime, ['selected', 'description']), header }));
  runtime.output.info(`${extensions.length} extensions, ${extensions.filter((p) => p.parameters.length > 0).length} with parameters`);
}

/**
 * `hac update patches [-x EXT]`: the patches of the patches extension (`-x`, else the one
 * `getPatchesExtension` finds), each with its state: the pending patches of the patches framework
 * (`pending`), then, as the Python CLI lists them, the extension's yes/no parameters (a patch per
 * parameter in older projects; the state is the value selected now).
 */
export async function showPatches(runtime: CliRuntime, flags: { extension?: string; names?: boolean }): Promise<void> {
  // --names serves completion: the cached session or nothing, never a login or a prompt.
  const client = await runtime.client({ cachedSessionOnly: flags.names === true });
  if (flags.names === true) {
    const pending: PendingPatches = await client.getPendingPatches({ signal: runtime.signal });
    const selected = Object.entries(pending).filter(([ext]) => flags.extension === undefined || ext === flags.extension);
    runtime.output.data(selected.flatMap(([, patches]) => patches.map((p) => p.name)).join('\n'));
    return;
  }
  const [data, pending]: [UpdateData, PendingPatches] = await Promise.all([
    client.getUpdateData({ signal: runtime.signal }),
    client.getPendingPatches({ signal: runtime.signal }),
  ]);
  const ext = flags.extension !== undefined ? findExtension(data, flags.extension) : getPatchesExtension(data);
  const extensionName = ext?.name ?? Object.keys(pending).find((name) => (pending[name] ?? []).length > 0);
  const { format, header } = rowsLayout(runtime);
  if (extensionName === undefined) {
    if (format === 'json') runtime.output.data(formatJson({ extension: null, patches: [] }));
    else runtime.output.info('no patches extension found: name the extension that holds the patches with -x EXT');
    return;
  }
  const framework = (pending[extensionName] ?? []).map((p) => ({
    name: p.name,
    label: p.description ?? p.name,
    selected: null as string | null,
    values: [] as string[],
    state: 'pending',
    hash: p.hash as string | null,
    required: p.required as boolean | null,
    process: p.process as string | null,
  }));
  const yesNo = (ext?.parameters ?? []).filter((p) => Object.keys(p.values).every((v) => v === 'yes' || v === 'no'));
  const parameters = yesNo.map((p) => ({
    name: p.name,
    label: p.label,
    selected: selectedValue(p),
    values: Object.keys(p.values),
    state: `selected: ${selectedValue(p) ?? 'none'}`,
    hash: null,
    required: null,
    process: null,
  }));
  const patches = [...framework, ...parameters];
  if (format === 'json') {
    runtime.output.data(formatJson({ extension: extensionName, patches }));
    return;
  }
  if (runtime.output.quiet) {
    runtime.output.data(patches.map((p) => p.name).join('\n'));
    return;
  }
  if (patches.length === 0) {
    runtime.output.info(`no patches in ${extensionName}`);
    return;
  }
  const rows = patches.map((p) => ({ name: p.name, state: p.state, hash: p.hash, required: p.required, process: p.process, description: p.label }));
  // A parameter has no hash, required or process: `-` on a table (not SQL's NULL), empty fields piped.
  const shown = format === 'table' ? rows.map(dashForNull) : rows;
  runtime.output.data(renderRecords(shown, format, { ...renderOptions(runtime, ['description']), header }));
  runtime.output.info(`${extensionName}: ${framework.length} pending patch(es), ${parameters.length} patch parameter(s)`);
}

export interface RunFlags {
  patch?: string[];
  extension?: string;
  param?: string[];
  dropTables?: boolean;
  clearHmc?: boolean;
  createEssentialData?: boolean;
  createProjectData?: boolean;
  localizeTypes?: boolean;
  schemaUpdate?: boolean;
  follow: boolean;
  pollInterval?: number;
  dryRun?: boolean;
}

/**
 * What a run would do, from the pending patches (and, for `--patch`, the update data that resolves
 * patch parameters): the plan `--dry-run` prints and a run shows on stderr before it starts.
 */
async function planRun(runtime: CliRuntime, client: HacClient, flags: RunFlags, explicitParameters: Record<string, string[]>) {
  const named = flags.patch ?? [];
  const [target, pending, data] = await Promise.all([
    runtime.target(),
    client.getPendingPatches({ signal: runtime.signal }),
    named.length > 0 ? client.getUpdateData({ signal: runtime.signal }) : undefined,
  ]);
  const selection: PatchSelection = data ? resolvePatches(named, pending, data, flags.extension) : { patches: {}, parameters: {} };
  const parameters = { ...selection.parameters, ...explicitParameters };
  const plan = planUpdate({
    target: `${target.sessionEnvironment} (${target.url}${target.hacPath})`,
    flags: {
      schemaUpdate: flags.schemaUpdate === true,
      dropTables: flags.dropTables === true,
      clearHmc: flags.clearHmc === true,
      createEssentialData: flags.createEssentialData === true,
      createProjectData: flags.createProjectData === true,
      localizeTypes: flags.localizeTypes === true,
    },
    named: named.length > 0,
    selection,
    parameters,
    pending,
  });
  return { plan, pending, selection, parameters, named: named.length > 0 };
}

export async function runUpdate(runtime: CliRuntime, flags: RunFlags): Promise<void> {
  const { output } = runtime;
  const explicitParameters = parseParams(flags.param ?? []);
  const dropTables = flags.dropTables === true;
  const intervalMs = flags.pollInterval ?? defaultPollIntervalMs(); // checked before anything is sent
  const tool = dropTables ? 'update run --drop-tables' : 'update run';
  // A dry run sends nothing to run, so it needs no confirmation (also on protected or read-only environments).
  if (flags.dryRun !== true) await runtime.guard(dropTables ? 'drop-tables' : 'update', tool);
  const client = await runtime.client();
  const { plan, pending, selection, parameters, named } = await planRun(runtime, client, flags, explicitParameters);
  if (flags.dryRun === true) {
    output.data(output.format('table') === 'json' ? formatJson(plan) : formatPlan(plan));
    output.info('dry run: nothing was sent to HAC to run');
    return;
  }
  // What runs and what does not, before it runs (HAC's page pre-ticks optional patches that hac leaves out).
  output.info(formatPlan(plan).trimEnd());
  if (dropTables) output.warn('DROP TABLES is on');

  const json = output.format('table') === 'json';
  const live = flags.follow && !json;
  const start = () => client.executeUpdate({
    // Named patches run alone; otherwise the required pending patches run, as on HAC's page.
    ...(named && { patches: selection.patches, includePendingPatches: false }),
    pendingPatches: pending,
    dropTables,
    clearHmc: flags.clearHmc === true,
    createEssentialData: flags.createEssentialData === true,
    createProjectData: flags.createProjectData === true,
    localizeTypes: flags.localizeTypes === true,
    runSchemaUpdate: flags.schemaUpdate === true,
    allParameters: parameters,
    signal: runtime.signal,
  });
  const running = runtime.auditWrite(tool, undefined, start, (r) => ({ ok: r.success && !r.hasErrors, ...(r.success ? {} : { reason: 'HAC reported a failed update' }) }));

  // The spinner shows in every mode on a terminal; log lines stream only in live mode.
  const view = new LiveLog(runtime, 'updating…', { printLines: live });
  let result;
  try {
    if (live) await pollWhile(client, view, running, { intervalMs, signal: runtime.signal });
    result = await running;
  } catch (error) {
    // After Ctrl-C, abandon() says the update goes on and how to watch it.
    view.abandon();
    throw brokenConnectionError(error, { what: 'the update', watch: 'hac update log --follow' });
  }
  // The Python CLI's fields (`jq -r .log`), then ours: the plan's patches, as --dry-run gives them.
  if (json) output.data(formatJson({ success: result.success, finished: result.isFinished, log: result.logText, has_errors: result.hasErrors, patches: plan.patches }));
  else if (!live) output.data(result.logText);
  else view.show(result.logText, result.isFinished);

  if (live && !result.isFinished) {
    // HAC answered before the work was done: keep following its log until it says complete.
    const { log, complete } = await followUntilComplete(client, view, { intervalMs, maxWaitMs: 3_600_000, signal: runtime.signal });
    if (!complete) return view.end('warning', 'stopped waiting after an hour; the update may still be running');
    if (log.hasErrors) return view.end('error', 'update finished with errors');
  }
  view.end(result.success ? 'success' : 'error', result.success ? 'update finished' : 'update failed');
}

export interface LogFlags {
  follow?: boolean;
  pollInterval?: number;
  maxWait: number;
}

export async function showLog(runtime: CliRuntime, flags: LogFlags): Promise<void> {
  const { output } = runtime;
  const intervalMs = flags.pollInterval ?? defaultPollIntervalMs(); // checked before anything is sent
  const client = await runtime.client();
  const json = output.format('table') === 'json';
  if (flags.follow !== true) {
    const log: UpdateLog = await client.getUpdateLog({ signal: runtime.signal });
    if (json) output.data(formatJson({ log: log.logText, is_complete: log.isComplete, has_errors: log.hasErrors }));
    else if (log.logText !== '') output.data(`${log.logText}\n`);
    if (log.isComplete) output.info(log.hasErrors ? 'the last update completed with errors' : 'the last update completed');
    return;
  }
  // With --json the lines are not streamed: one document follows when the update is complete.
  const live = new LiveLog(runtime, 'following the update log…', { printLines: !json });
  let followed;
  try {
    followed = await followUntilComplete(client, live, {
      intervalMs,
      maxWaitMs: flags.maxWait * 1000,
      signal: runtime.signal,
    });
  } catch (error) {
    live.abandon();
    throw error;
  }
  const { log, complete } = followed;
  if (json) output.data(formatJson({ log: log.logText, is_complete: log.isComplete, has_errors: log.hasErrors }));
  if (!complete) live.end('warning', `stopped following after ${flags.maxWait}s; the update may still be running`);
  else live.end(log.hasErrors ? 'error' : 'success', log.hasErrors ? 'update completed with errors' : 'update completed');
}

