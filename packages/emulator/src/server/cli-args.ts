/**
 * The `hac-emulator` command line, parsed into `EmulatorOptions` as a pure function (tested apart
 * from the process that runs it).
 */
import { parseArgs } from 'node:util';
import { DATABASE_DIALECTS, type DatabaseDialect } from '../consoles/column-labels.js';
import type { DataSet } from '../data/engine-types.js';
import { GENERATED_TYPES } from '../data/generate.js';
import { describeLimit, LIMITS, type Limit } from './limits.js';
import { normalizeContextPath, type EmulatorOptions } from './options.js';
import type { EmulatorUser } from './types.js';

export const USAGE = `Usage: hac-emulator [options]

A stand-in for the SAP Commerce Administration Console (HAC) for tests, demos and benchmarks.
Prints the base URL as the first line of stdout once it listens.

Options:
  --port N              port to listen on, 0 picks a free one (default 9002)
  --host HOST           interface to bind (default 127.0.0.1)
  --context-path PATH   HAC context path, "" or / for the root (default /hac)
  --users LIST          accounts as user:password,user:password (default admin:nimda)
  --tls                 HTTPS with a self-signed certificate generated at start
  --nodes N             N nodes behind a sticky load balancer setting ROUTE (default 1)
  --latency MS          delay added to every request (default 0)
  --session-timeout S   idle session timeout in seconds (default 1800)
  --legacy              behave like HAC <= 1905 (/login.jsp, 403 for rejected POSTs)
  --data SET            sample | empty | FILE.impex (default sample)
  --generate TYPE=N     add N synthetic items of Product or Order for benchmarks,
                        e.g. Product=1000000 (comma-separated or repeated)
  --control             serve the JSON control endpoints under /__emulator/
  --update-duration MS  how long platform/init/execute runs (default 3000)
  --lockout N           lock a user after N failed logins, 0 = never (default 0)
  --database DB         hsqldb | hana | mysql | sqlserver: the case of FlexibleSearch/SQL
                        headers (default hsqldb: upper case, as on a local install)
  --export-links FORM   medias | relative: the ImpEx export download link, /medias/… as a
                        standard install (default) or relative to the export page
  -h, --help            show this help
  -V, --version         print the version`;

export class CliArgsError extends Error {
  override name = 'CliArgsError';
}

export type CliCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: EmulatorOptions };

/** A flag's whole-number value inside its limit (the command line takes no fractions). */
function integer(flag: string, raw: string, limit: Limit): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < limit.min || value > limit.max) {
    throw new CliArgsError(`--${flag} must be ${describeLimit({ ...limit, integer: true })}, got "${raw}"`);
  }
  return value;
}

export function parseUsers(raw: string): EmulatorUser[] {
  const users = raw.split(',').filter((entry) => entry !== '').map((entry) => {
    const colon = entry.indexOf(':');
    // Never echo the entry: it holds a password.
    if (colon <= 0) throw new CliArgsError('--users entries must look like user:password');
    return { username: entry.slice(0, colon), password: entry.slice(colon + 1) };
  });
  if (users.length === 0) throw new CliArgsError('--users must name at least one user:password');
  return users;
}

function dataSet(raw: string): DataSet {
  if (raw === 'sample' || raw === 'empty') return raw;
  if (raw.endsWith('.impex')) return { impexFile: raw };
  throw new CliArgsError(`--data must be sample, empty or a FILE.impex, got "${raw}"`);
}

function database(raw: string): DatabaseDialect {
  const found = DATABASE_DIALECTS.find((dialect) => dialect === raw.trim().toLowerCase());
  if (!found) throw new CliArgsError(`--database must be one of ${DATABASE_DIALECTS.join(', ')}, got "${raw}"`);
  return found;
}

/** `Product=1000000,Order=5000` (also as repeated flags) → `{ Product: 1000000, Order: 5000 }`. */
function generateCounts(values: string[]): NonNullable<EmulatorOptions['generate']> {
  const counts: NonNullable<EmulatorOptions['generate']> = {};
  for (const entry of values.flatMap((value) => value.split(','))) {
    const match = /^\s*(\w+)\s*=\s*(\S+)\s*$/.exec(entry);
    const type = GENERATED_TYPES.find((name) => name.toLowerCase() === match?.[1]?.toLowerCase());
    if (!match || !type) throw new CliArgsError(`--generate takes TYPE=N with TYPE ${GENERATED_TYPES.join(' or ')}, got "${entry}"`);
    counts[type] = integer('generate', match[2] ?? '', LIMITS.generateCount);
  }
  return counts;
}

export function parseCliArgs(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'context-path': { type: 'string' },
        users: { type: 'string' },
        tls: { type: 'boolean' },
        nodes: { type: 'string' },
        latency: { type: 'string' },
        'session-timeout': { type: 'string' },
        legacy: { type: 'boolean' },
        data: { type: 'string' },
        generate: { type: 'string', multiple: true },
        control: { type: 'boolean' },
        'update-duration': { type: 'string' },
        lockout: { type: 'string' },
        database: { type: 'string' },
        'export-links': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    // parseArgs' messages are one line and name the flag; the users value never appears in them.
    throw new CliArgsError(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  if (v.version) return { kind: 'version' };
  const options: EmulatorOptions = { port: v.port === undefined ? 9002 : integer('port', v.port, LIMITS.port) };
  if (v.host !== undefined) {
    if (v.host.trim() === '') throw new CliArgsError('--host must not be empty');
    options.host = v.host;
  }
  if (v['context-path'] !== undefined) {
    try {
      options.contextPath = normalizeContextPath(v['context-path']);
    } catch {
      throw new CliArgsError(`--context-path must be "" or a path such as /hac (no trailing /, no spaces or ?#"'<>&), got "${v['context-path']}"`);
    }
  }
  if (v.users !== undefined) options.users = parseUsers(v.users);
  if (v.tls) options.tls = true;
  if (v.nodes !== undefined) options.nodes = integer('nodes', v.nodes, LIMITS.nodes);
  if (v.latency !== undefined) options.latencyMs = integer('latency', v.latency, LIMITS.latencyMs);
  if (v['session-timeout'] !== undefined) options.sessionTimeoutSeconds = integer('session-timeout', v['session-timeout'], LIMITS.sessionTimeoutSeconds);
  if (v.legacy) options.legacy = true;
  if (v.data !== undefined) options.data = dataSet(v.data);
  if (v.generate !== undefined) options.generate = generateCounts(v.generate);
  if (v.control) options.control = true;
  if (v['update-duration'] !== undefined) options.updateDurationMs = integer('update-duration', v['update-duration'], LIMITS.updateDurationMs);
  if (v.lockout !== undefined) options.lockoutAfter = integer('lockout', v.lockout, LIMITS.lockoutAfter);
  if (v.database !== undefined) options.database = database(v.database);
  if (v['export-links'] !== undefined) {
    const links = v['export-links'];
    if (links !== 'medias' && links !== 'relative') throw new CliArgsError(`--export-links must be medias or relative, got "${links}"`);
    options.exportLinks = links;
  }
  return { kind: 'run', options };
}
