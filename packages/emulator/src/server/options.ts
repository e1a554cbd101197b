import { DATABASE_DIALECTS, type DatabaseDialect } from '../consoles/column-labels.js';
import type { ExportLinks } from '../consoles/route-types.js';
import type { DataSet } from '../data/engine-types.js';
import { GENERATED_TYPES, type GeneratedType } from '../data/generate.js';
import { checkLimit, LIMITS } from './limits.js';
import type { EmulatorUser, ServerOptions } from './types.js';

const EXPORT_LINKS: readonly ExportLinks[] = ['medias', 'relative'];

/** Options of `startEmulator`; every one is optional. */
export interface EmulatorOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** HAC's context path (`hac.webroot`); `''` serves HAC at the root. @default '/hac' */
  contextPath?: string;
  /** Accounts that can log in. @default [{ username: 'admin', password: 'nimda' }] */
  users?: EmulatorUser[];
  /** HTTPS with a self-signed certificate generated at start; cookies get `Secure`. @default false */
  tls?: boolean;
  /** Number of virtual nodes; above 1 a sticky load balancer sets and reads the `ROUTE` cookie. @default 1 */
  nodes?: number;
  /** Delay added to every request, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Idle timeout of sessions, in seconds. @default 1800 */
  sessionTimeoutSeconds?: number;
  /** Mimic HAC ≤ 1905: login page `/login.jsp` and `403` instead of `405` for rejected POSTs. @default false */
  legacy?: boolean;
  /** Sample data, an empty system, or the data of an ImpEx file. @default 'sample' */
  data?: DataSet;
  /**
   * Synthetic items added to the data set for benchmarks, e.g. `{ Product: 1_000_000 }` (up to
   * 10 000 000 of each; a million products take seconds). @default {}
   */
  generate?: Partial<Record<GeneratedType, number>>;
  /** Serve the JSON control endpoints under `/__emulator/`. @default false */
  control?: boolean;
  /** How long `platform/init/execute` runs, in milliseconds. @default 3000 */
  updateDurationMs?: number;
  /** Lock a user out after this many failed logins (0 = never); only `restart()` unlocks. @default 0 */
  lockoutAfter?: number;
  /**
   * The database behind HAC, which decides the case of FlexibleSearch/SQL result headers (JDBC column
   * labels): `hsqldb` (a local install) and `hana` upper-case them (`PK`, `P_CODE`); `mysql` and
   * `sqlserver` keep them as the SQL writes them (`PK`, `p_code`). @default 'hsqldb'
   */
  database?: DatabaseDialect;
  /**
   * The ImpEx export page's download link: `medias` links `/medias/<file>.zip?context=…&attachment=true`
   * outside the context path, as a standard install (`media.getDownloadURL()`); `relative` links
   * `export/download?name=<file>.zip`, relative to the page, as some versions do. @default 'medias'
   */
  exportLinks?: ExportLinks;
}

export interface ResolvedOptions extends ServerOptions {
  data: DataSet;
  /** In the order to generate them (products before the orders that might use them). */
  generate: [GeneratedType, number][];
  updateDurationMs: number;
  database: DatabaseDialect;
  exportLinks: ExportLinks;
}

function resolveGenerate(generate: EmulatorOptions['generate'] = {}): [GeneratedType, number][] {
  for (const name of Object.keys(generate)) {
    if (!(GENERATED_TYPES as readonly string[]).includes(name)) throw new RangeError(`generate takes ${GENERATED_TYPES.join(' and ')}, got '${name}'`);
  }
  return GENERATED_TYPES.filter((name) => generate[name] !== undefined).map((name) => [name, checkLimit(`generate.${name}`, generate[name], LIMITS.generateCount)]);
}


function oneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw new RangeError(`${name} must be one of ${allowed.join(', ')}, got '${String(value)}'`);
  return value;
}

export function normalizeContextPath(contextPath: string): string {
  if (contextPath === '' || contextPath === '/') return '';
  // HTML-special characters are refused too: pages put the context path into attributes unescaped.
  if (!contextPath.startsWith('/') || contextPath.endsWith('/') || /[\s?#"'<>&]/.test(contextPath)) {
    throw new RangeError(`contextPath must be '' or start with '/', not end with '/' and hold no spaces or ?#"'<>&, got '${contextPath}'`);
  }
  return contextPath;
}

/** Defaults resolved in one place; contradictory or impossible values throw a one-line RangeError. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const users = options.users ?? [{ username: 'admin', password: 'nimda' }];
  if (users.length === 0) throw new RangeError('users must name at least one account');
  for (const user of users) {
    if (!user.username || user.username.includes(':')) throw new RangeError('every user needs a username without ":"');
  }
  return {
    port: checkLimit('port', options.port ?? 0, LIMITS.port),
    host: options.host ?? '127.0.0.1',
    contextPath: normalizeContextPath(options.contextPath ?? '/hac'),
    users: users.map((user) => ({ username: user.username, password: user.password })),
    tls: options.tls ?? false,
    nodes: checkLimit('nodes', options.nodes ?? 1, LIMITS.nodes),
    latencyMs: checkLimit('latencyMs', options.latencyMs ?? 0, LIMITS.latencyMs),
    sessionTimeoutSeconds: checkLimit('sessionTimeoutSeconds', options.sessionTimeoutSeconds ?? 1800, LIMITS.sessionTimeoutSeconds),
    legacy: options.legacy ?? false,
    control: options.control ?? false,
    lockoutAfter: checkLimit('lockoutAfter', options.lockoutAfter ?? 0, LIMITS.lockoutAfter),
    data: options.data ?? 'sample',
    generate: resolveGenerate(options.generate),
    updateDurationMs: checkLimit('updateDurationMs', options.updateDurationMs ?? 3000, LIMITS.updateDurationMs),
    database: oneOf('database', options.database ?? 'hsqldb', DATABASE_DIALECTS),
    exportLinks: oneOf('exportLinks', options.exportLinks ?? 'medias', EXPORT_LINKS),
  };
}
