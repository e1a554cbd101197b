/**
 * `hac history`: the audit log of `hac mcp` tool calls and of the CLI's write commands, newest last,
 * filtered by environment (`-e`, `-n`), time (`--since`, `--until`), tool and outcome.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { rowsFormat } from '../cli-output.js';
import { withExamples } from '../help.js';
import type { CoreRuntime } from '../runtime.js';

interface HistoryFlags {
  since?: Date;
  until?: Date;
  limit: number;
  tool?: string;
  outcome?: string;
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `2h`, `7d` (that long ago) or an ISO 8601 date/time. */
export function parseWhen(value: string, now = Date.now()): Date {
  const relative = /^(\d+)\s*([smhdw])$/.exec(value.trim());
  if (relative) return new Date(now - Number(relative[1]) * (UNITS[relative[2] ?? 's'] ?? 1_000));
  if (/^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
    const date = new Date(value.trim());
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new InvalidArgumentError(`expected a duration such as 30m, 2h, 7d or a date such as 2025-06-01T12:00, got '${value}'`);
}

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got '${value}'`);
  return Number(value);
}

export function register(program: Command, runtime: CoreRuntime): void {
  const command = program
    .command('history')
    .description('show the audit log: hac mcp tool calls and write commands (commit, import, update…), newest last')
    .option('--since <when>', 'only entries since then: 30m, 2h, 7d or an ISO date', (v) => parseWhen(v))
    .option('--until <when>', 'only entries until then', (v) => parseWhen(v))
    .option('--tool <name>', 'only entries whose tool contains this text (groovy, flexible_search, impex import…)')
    .option('--outcome <outcome>', 'only ok, failed, error, refused or declined')
    .option('--limit <n>', 'the newest N entries', parseLimit, 50);
  withExamples(command, ['hac history', 'hac history -e prod --since 24h', 'hac history --outcome refused --json']);
  command.action(async (flags: HistoryFlags) => {
    const [{ AuditLog }, { auditLogPath }] = await Promise.all([import('../audit/audit-log.js'), import('../config/paths.js')]);
    const path = auditLogPath(runtime.env);
    const globals = runtime.globals();
    const entries = (await new AuditLog(path).read()).filter((e) => {
      const time = Date.parse(e.time);
      return (
        (globals.env === undefined || e.environment === globals.env) &&
        (globals.endpoint === undefined || e.endpoint === globals.endpoint) &&
        (flags.since === undefined || time >= flags.since.getTime()) &&
        (flags.until === undefined || time <= flags.until.getTime()) &&
        (flags.tool === undefined || String(e.tool).includes(flags.tool)) &&
        (flags.outcome === undefined || e.outcome === flags.outcome)
      );
    });
    const shown = entries.slice(-flags.limit);
    const { output } = runtime;
    const format = rowsFormat(output);
    const { formatJson, formatNdjson, renderRecords } = await import('../output/index.js');
    if (format === 'json') return output.data(formatJson(shown));
    if (format === 'ndjson') return output.data(formatNdjson(shown));
    if (shown.length === 0) {
      output.info(`no entries${entries.length === 0 ? ` in ${path}` : ''}`);
      return;
    }
    const rows = shown.map((e) => ({
      time: e.time,
      source: e.source,
      target: `${e.environment}/${e.endpoint}`,
      user: e.user,
      tool: e.tool,
      outcome: e.outcome,
      ms: e.durationMs,
      rows: e.rows ?? '',
      sha256: e.sha256 ? e.sha256.slice(0, 12) : '',
      reason: e.reason ?? '',
    }));
    output.data(renderRecords(rows, format, { width: output.stdoutIsTTY ? output.columns : 10_000, descriptive: ['reason'] }));
    if (entries.length > shown.length) output.info(`${entries.length - shown.length} older entries not shown (--limit)`);
  });
}
