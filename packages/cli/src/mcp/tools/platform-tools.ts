/**
 * The monitoring and platform consoles: loggers (`list_loggers`; `set_log_level` writes), configuration
 * (`get_configuration`, secrets masked; `set_property` and `delete_property` write), `analyze_pk`, region caches (`list_caches`; `clear_caches`
 * writes) and cron jobs (`list_cron_jobs`; `abort_cron_jobs` writes).
 */
import type { CacheRegion } from 'hac-client';
import { z } from '../sdk.js';
import { cutRows, OUTPUT_FILE_DESCRIPTION, writeOutputFile } from '../budget.js';
import { defineTool } from '../tool-kit.js';
import { abortOutcome } from '../../commands/shared/cron-aborts.js';

const where = { environment: z.string(), endpoint: z.string() };

export const listLoggersTool = defineTool({
  name: 'list_loggers',
  title: 'Loggers',
  description: 'The log4j loggers HAC knows with their effective level and parent, optionally only those whose name contains a text (e.g. "de.hybris.platform.jalo").',
  right: 'read',
  writes: false,
  input: { contains: z.string().max(300).optional().describe('Part of the logger name') },
  output: { ...where, loggers: z.array(z.object({ name: z.string(), level: z.string().nullable(), parent: z.string().nullable() })), total: z.number().int(), truncated: z.string().nullable() },
  async run({ input, target, client, budget, signal }) {
    const wanted = (input.contains ?? '').toLowerCase();
    const loggers = (await client.getLoggers({ signal })).filter((l) => l.name.toLowerCase().includes(wanted)).map((l) => ({ name: l.name, level: l.level, parent: l.parentName }));
    const cut = cutRows(loggers.map((l) => [l.name, l.level, l.parent]), budget);
    const shown = loggers.slice(0, cut.rows.length);
    const truncated = cut.rowsCut > 0 ? `${cut.rowsCut} more logger(s) not shown: give "contains" to narrow the list.` : null;
    const text = [`${loggers.length} logger(s) (name, level, parent):`, ...shown.map((l) => `${l.name}\t${l.level ?? '-'}\t${l.parent ?? '-'}`), ...(truncated ? [truncated] : [])].join('\n');
    return { structured: { ...where, environment: target.environment, endpoint: target.endpoint, loggers: shown, total: loggers.length, truncated }, text, outcome: 'ok', rows: loggers.length };
  },
});

export const setLogLevelTool = defineTool({
  name: 'set_log_level',
  title: 'Set a log level',
  description: "Change a logger's level at runtime (until the next restart), e.g. DEBUG for a package while investigating; set it back afterwards. Needs the \"write\" right; on a protected environment a human must confirm.",
  right: 'write',
  writes: true,
  input: {
    logger: z.string().min(1).max(300).regex(/^[\w.$-]+$/).describe('Logger name, e.g. de.hybris.platform.jalo or root'),
    level: z.enum(['ALL', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'OFF']),
  },
  output: { ...where, logger: z.string(), level: z.string() },
  script: (input) => `${input.logger}=${input.level}`,
  confirmation: (input) => `set the log level of ${input.logger} to ${input.level}`,
  async run({ input, target, client, signal }) {
    const changed = await client.setLogLevel(input.logger, input.level, { signal });
    return {
      structured: { environment: target.environment, endpoint: target.endpoint, logger: changed.loggerName, level: changed.levelName },
      text: `${changed.loggerName} is now at ${changed.levelName} on ${target.sessionEnvironment} (until HAC restarts).`,
      outcome: 'ok',
    };
  },
});

/** Keys whose values HAC's configuration page masks (the emulator follows the same rule). */
const SENSITIVE_KEY = /password|passwd|secret|credential|token|private\.?key|api\.?key|salt/i;
const MASK = '*****';

export const getConfigurationTool = defineTool({
  name: 'get_configuration',
  title: 'Configuration properties',
  description: 'Configuration properties of the platform (local.properties and the extensions\' project.properties as HAC shows them), optionally only keys containing a text. Secret values (passwords, tokens, keys, salts) are masked as HAC masks them.',
  right: 'read',
  writes: false,
  input: {
    keyContains: z.string().max(300).optional().describe('Part of the key, e.g. "db." or "solr"'),
    outputFile: z.string().min(1).max(130).optional().describe(OUTPUT_FILE_DESCRIPTION),
  },
  output: { ...where, properties: z.record(z.string(), z.string()), total: z.number().int(), truncated: z.string().nullable(), outputFile: z.object({ path: z.string(), bytes: z.number().int() }).nullable() },
  async run({ input, target, client, budget, signal }) {
    const wanted = (input.keyContains ?? '').toLowerCase();
    // HAC masks secrets already; masking again here keeps them out even where a HAC version does not.
    const entries = Object.entries(await client.getConfiguration({ signal }))
      .filter(([key]) => key.toLowerCase().includes(wanted))
      .map(([key, value]): [string, string] => [key, SENSITIVE_KEY.test(key) ? MASK : value])
      .sort(([a], [b]) => a.localeCompare(b));
    const file = input.outputFile !== undefined ? await writeOutputFile(budget, input.outputFile, { kind: 'rows', headers: ['key', 'value'], rows: entries }) : null;
    const cut = cutRows(entries, budget);
    const shown = cut.rows as Array<[string, string]>;
    const truncated = cut.rowsCut > 0 || cut.cellsCut > 0 ? `${cut.rowsCut} more propert${cut.rowsCut === 1 ? 'y' : 'ies'} not shown${file ? '' : ': give keyContains, or outputFile for all'}.` : null;
    const text = [`${entries.length} propert${entries.length === 1 ? 'y' : 'ies'}:`, ...shown.map(([k, v]) => `${k}=${v}`), ...(file ? [`All written to ${file.path}.`] : []), ...(truncated ? [truncated] : [])].join('\n');
    return {
      structured: { environment: target.environment, endpoint: target.endpoint, properties: Object.fromEntries(shown), total: entries.length, truncated, outputFile: file },
      text,
      outcome: 'ok',
      rows: entries.length,
    };
  },
});

const propertyKey = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^\s=]+$/)
  .describe('Property key as in local.properties, e.g. mail.smtp.server (no spaces, no "=")');

/** A value shown to the human who confirms, and in the answer: masked when the key names a secret. */
const shownValue = (key: string, value: string): string => (SENSITIVE_KEY.test(key) ? MASK : value);

export const setPropertyTool = defineTool({
  name: 'set_property',
  title: 'Set a configuration property',
  description:
    "Set a configuration property in memory on the node that serves the request, as HAC's configuration page does: it lasts until that node restarts, is not written to local.properties and does not reach the other nodes of a cluster. Code that read the property at start-up may not see the change. Needs the \"write\" right; on a protected environment a human must confirm.",
  right: 'write',
  writes: true,
  input: { key: propertyKey, value: z.string().max(10_000).describe('The new value (may be empty)') },
  output: { ...where, key: z.string(), value: z.string() },
  // Only the key is fingerprinted in the audit log, as for hac property set: a value may be a secret.
  script: (input) => input.key,
  confirmation: (input) => `set the configuration property ${input.key} to "${shownValue(input.key, input.value)}" (in memory on this node, until it restarts)`,
  async run({ input, target, client, signal }) {
    await client.setConfigurationProperty(input.key, input.value, { signal });
    const value = shownValue(input.key, input.value);
    return {
      structured: { environment: target.environment, endpoint: target.endpoint, key: input.key, value },
      text: `${input.key} is now "${value}" on ${target.sessionEnvironment} (in memory on the node that served the request, until it restarts).`,
      outcome: 'ok',
    };
  },
});

export const deletePropertyTool = defineTool({
  name: 'delete_property',
  title: 'Delete a configuration property',
  description:
    "Remove a configuration property from the in-memory configuration of the node that serves the request, as HAC's configuration page does (until that node restarts; local.properties is not changed). Fails when the property does not exist. Needs the \"write\" right; on a protected environment a human must confirm.",
  right: 'write',
  writes: true,
  input: { key: propertyKey },
  output: { ...where, key: z.string(), deleted: z.boolean() },
  script: (input) => input.key,
  confirmation: (input) => `delete the configuration property ${input.key} (in memory on this node, until it restarts)`,
  async run({ input, target, client, signal }) {
    const deleted = await client.deleteConfigurationProperty(input.key, { signal });
    return {
      structured: { environment: target.environment, endpoint: target.endpoint, key: input.key, deleted },
      text: deleted
        ? `${input.key} deleted on ${target.sessionEnvironment} (in memory on the node that served the request, until it restarts).`
        : `HAC has no property ${input.key} on ${target.sessionEnvironment}: nothing deleted.`,
      outcome: deleted ? 'ok' : 'failed',
      ...(deleted ? {} : { reason: `HAC has no property ${input.key}` }),
    };
  },
});

export const analyzePkTool = defineTool({
  name: 'analyze_pk',
  title: 'Analyze a PK',
  description: "Decode an item's PK (primary key) with HAC's PK analyzer: the type it belongs to, its type code and creation time.",
  right: 'read',
  writes: false,
  input: { pk: z.string().regex(/^\d{1,20}$/).describe('The PK, digits only, e.g. 8796093055000') },
  output: { ...where, pk: z.string(), typeCode: z.number().nullable(), type: z.string().nullable(), created: z.string().nullable(), details: z.record(z.string(), z.unknown()) },
  script: (input) => input.pk,
  async run({ input, target, client, signal }) {
    const found = await client.analyzePk(input.pk, { signal });
    const ok = found.typeCode !== null || found.typeName !== null;
    return {
      structured: { environment: target.environment, endpoint: target.endpoint, pk: found.pkString, typeCode: found.typeCode, type: found.typeName, created: found.creationDate, details: found.raw },
      text: ok ? `PK ${found.pkString}: type ${found.typeName ?? '?'} (type code ${found.typeCode ?? '?'}), created ${found.creationDate ?? 'unknown'}.` : `HAC could not analyse PK ${found.pkString}.`,
      outcome: ok ? 'ok' : 'failed',
      ...(ok ? {} : { reason: 'PK not analysable' }),
    };
  },
});

const regionShape = z.object({ name: z.string(), entries: z.number(), maxEntries: z.number(), hits: z.number(), misses: z.number(), hitRatio: z.number().nullable(), evictions: z.number(), invalidations: z.number() });

function regionsOf(regions: readonly CacheRegion[]): Array<z.infer<typeof regionShape>> {
  return regions.map((r) => ({ name: r.name, entries: r.instanceCount, maxEntries: r.maxEntries, hits: r.hits, misses: r.misses, hitRatio: r.hitRatio, evictions: r.evictions, invalidations: r.invalidations }));
}

function regionsText(regions: Array<z.infer<typeof regionShape>>): string {
  return regions.map((r) => `${r.name}: ${r.entries}/${r.maxEntries} entries, hit ratio ${r.hitRatio === null ? '-' : `${Math.round(r.hitRatio * 1000) / 10}%`}, ${r.evictions} evictions, ${r.invalidations} invalidations`).join('\n');
}

export const listCachesTool = defineTool({
  name: 'list_caches',
  title: 'Region caches',
  description: 'Statistics of the region caches (entity, query, type system…): entries, capacity, hits, misses, hit ratio, evictions, invalidations.',
  right: 'read',
  writes: false,
  input: {},
  output: { ...where, regions: z.array(regionShape) },
  async run({ target, client, signal }) {
    const regions = regionsOf(await client.getCacheRegions({ signal }));
    return { structured: { environment: target.environment, endpoint: target.endpoint, regions }, text: `${regions.length} region cache(s):\n${regionsText(regions)}`, outcome: 'ok', rows: regions.length };
  },
});

export const clearCachesTool = defineTool({
  name: 'clear_caches',
  title: 'Clear all region caches',
  description: 'Clear EVERY region cache of the node (HAC has no per-region clear): the node then reloads items from the database, slower for a while. Needs the "write" right; on a protected environment a human must confirm.',
  right: 'write',
  writes: true,
  input: {},
  output: { ...where, regions: z.array(regionShape) },
  confirmation: () => 'clear every region cache of this node',
  async run({ target, client, signal }) {
    const regions = regionsOf(await client.clearCache({ signal }));
    return { structured: { environment: target.environment, endpoint: target.endpoint, regions }, text: `All region caches cleared on ${target.sessionEnvironment}:\n${regionsText(regions)}`, outcome: 'ok' };
  },
});

export const listCronJobsTool = defineTool({
  name: 'list_cron_jobs',
  title: 'Running cron jobs',
  description: "The cron jobs running now, as HAC's cron job monitor lists them: code, job, progress.",
  right: 'read',
  writes: false,
  input: {},
  output: { ...where, cronJobs: z.array(z.object({ code: z.string(), job: z.string(), percent: z.number().nullable(), progress: z.string() })) },
  async run({ target, client, signal }) {
    const jobs = (await client.getCronJobs({ signal })).map((j) => ({ code: j.code, job: j.jobCode, percent: j.percent, progress: j.progress.trim() }));
    const text = jobs.length === 0 ? `No cron job is running on ${target.sessionEnvironment}.` : [`${jobs.length} running cron job(s) (code, job, progress):`, ...jobs.map((j) => `${j.code}\t${j.job}\t${j.progress}`)].join('\n');
    return { structured: { environment: target.environment, endpoint: target.endpoint, cronJobs: jobs }, text, outcome: 'ok', rows: jobs.length };
  },
});

export const abortCronJobsTool = defineTool({
  name: 'abort_cron_jobs',
  title: 'Abort every running cron job',
  description:
    "Ask EVERY running cron job of the node to abort (HAC has no per-job abort: its button aborts all, also one that started a moment ago); each stops at its next abort check, some jobs cannot be aborted. Call list_cron_jobs first. Needs the \"write\" right, and a human must confirm it on every environment (as hac cronjob abort-all asks), so it is refused where the client cannot ask.",
  right: 'write',
  writes: true,
  confirmEverywhere: true,
  input: {},
  output: { ...where, abortRequested: z.array(z.string()), notAbortable: z.array(z.string()) },
  confirmation: () => 'abort EVERY running cron job of this node',
  async run({ target, client, signal }) {
    const requested = await client.abortAllRunningCronJobs({ signal });
    const judged = abortOutcome(requested);
    const abortRequested = Object.keys(requested).filter((code) => requested[code]);
    const lines = [
      Object.keys(requested).length === 0 ? `No cron job was running on ${target.sessionEnvironment}: nothing aborted.` : `Abort requested on ${target.sessionEnvironment} for ${abortRequested.length} cron job(s)${abortRequested.length > 0 ? `: ${abortRequested.join(', ')}` : ''} (each stops at its next abort check).`,
      ...(judged.refused.length > 0 ? [`HAC could not abort (still running): ${judged.refused.join(', ')}.`] : []),
    ];
    return {
      structured: { environment: target.environment, endpoint: target.endpoint, abortRequested, notAbortable: judged.refused },
      text: lines.join('\n'),
      outcome: judged.ok ? 'ok' : 'failed',
      ...(judged.rows !== undefined ? { rows: judged.rows } : {}),
      ...(judged.reason !== undefined ? { reason: judged.reason } : {}),
    };
  },
});
