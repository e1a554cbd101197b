/**
 * `HacClient`: the session layer plus one method per console. Console methods delegate to the
 * functions in `consoles/`, which are also usable with any `HacTransport`. The class is in the
 * package's entry; its transport (HTTP layer, session, login) and the consoles are loaded by its
 * first call (`implementation.ts`), which keeps `import 'hac-client'` near Node's own start.
 */
import { collectFlexibleSearch, pageFlexibleSearch } from './consoles/flexsearch-pages.js';
import { streamFlexibleSearch, streamSql } from './consoles/flexsearch-stream.js';
import * as consoles from './on-demand.js';
import type { ClientCore } from './implementation.js';
import { KeptUntilRejected, loadImplementation, prepareSetCookieParser } from './internal/lazy.js';
import type { HacRequest, HacResponse, HacStreamResponse, HacTransport } from './internal/transport.js';
import type { CacheRegion } from './models/cache.js';
import type { CallOptions } from './models/common.js';
import type { ConfigurationProperties } from './models/configuration.js';
import type { CronJobAbortRequests, CronJobInfo } from './models/cronjobs.js';
import type { FlexibleSearchPager } from './consoles/flexsearch-pages.js';
import type {
  CollectedFlexibleSearch,
  FlexibleSearchOptions,
  FlexibleSearchPageOptions,
  FlexibleSearchResult,
  FlexibleSearchStreamPart,
  SqlOptions,
} from './models/flexsearch.js';
import type { ExportImpexOptions, ImpexExportResult, ImpexImportOptions, ImpexResult } from './models/impex.js';
import type { LoggerInfo, LogLevelChange } from './models/loggers.js';
import type { PkAnalysis } from './models/pk.js';
import type { ExecuteScriptOptions, GroovyScriptResult } from './models/scripting.js';
import type { ExecuteUpdateOptions, PendingPatches, UpdateData, UpdateLog, UpdateResult } from './models/update.js';
import { resolveOptions, sessionBaseUrl, type HacClientOptions, type ResolvedHacClientOptions } from './options.js';
import { SessionMetadata } from './session/session-manager.js';

export class HacClient {
  /** The options after defaults were applied (the auth handler is kept as given). */
  readonly options: Readonly<ResolvedHacClientOptions>;
  /** The HTTP layer and session transport, built by the first call that needs them; a failed load of their code is tried again by the next call. */
  readonly #core = new KeptUntilRejected<ClientCore>(() => {
    // Without session persistence the first call logs in: the cookie parser that its first answer
    // needs loads while the implementation does.
    if (!this.options.sessionPersistence) void prepareSetCookieParser();
    return loadImplementation().then((implementation) => implementation.createClientCore(this.options));
  });
  /** The authenticated transport: hand it to console functions or send raw `HacRequest`s. */
  readonly transport: HacTransport;

  constructor(options: HacClientOptions) {
    this.options = Object.freeze(resolveOptions(options));
    this.transport = {
      send: async (request: HacRequest): Promise<HacResponse> => (await this.#session()).send(request),
      stream: async (request: HacRequest): Promise<HacStreamResponse> => (await this.#session()).stream(request),
    };
  }

  async #session(): Promise<ClientCore['session']> {
    return (await this.#core.get()).session;
  }

  /** HAC's root URL: `baseUrl` + `hacPath`. */
  get hacUrl(): string {
    return `${this.options.baseUrl}${this.options.hacPath}`;
  }

  /**
   * Makes sure a working session exists: validates a cached session with one GET (replacing it when
   * HAC no longer accepts it), else logs in. Optional: every call logs in on demand.
   */
  async login(options: Pick<CallOptions, 'signal'> = {}): Promise<void> {
    await (await this.#session()).login(options.signal);
  }

  /** Ends the HAC session (best effort) and removes it from the cache. */
  async logout(options: Pick<CallOptions, 'signal'> = {}): Promise<void> {
    await (await this.#session()).logout(options.signal);
  }

  /** The cached (or current) session's metadata, without secrets; `null` when there is none. No request. */
  async sessionInfo(): Promise<SessionMetadata | null> {
    const transport = await this.#session();
    const session = await transport.cachedSession();
    return session ? new SessionMetadata(session, await transport.cachePath()) : null;
  }

  /** The key the session is cached under (base URL part, username, environment). May ask for the username. */
  async sessionKey(): Promise<{ baseUrl: string; username: string; environment: string }> {
    return {
      baseUrl: sessionBaseUrl(this.options.baseUrl, this.options.hacPath),
      username: await (await this.#session()).username(),
      environment: this.options.environment,
    };
  }

  /** Closes idle connections (the process also exits without it). */
  async close(): Promise<void> {
    // A client that made no call has no connections (nor loaded the code that makes them).
    const core = this.#core.current;
    if (core) await (await core).http.close();
  }

  executeGroovy(script: string, options?: ExecuteScriptOptions): Promise<GroovyScriptResult> {
    return consoles.executeGroovy(this.transport, script, options);
  }

  executeFlexibleSearch(query: string, options?: FlexibleSearchOptions): Promise<FlexibleSearchResult> {
    return consoles.executeFlexibleSearch(this.transport, query, options);
  }

  /**
   * A FlexibleSearch query whose answer is read as it arrives: `for await (const part of
   * client.streamFlexibleSearch(q, { maxCount: -1 }))` gets the `headers`, batches of `rows` while the
   * body streams in, and the `end`; one request, as `executeFlexibleSearch` (see `FlexibleSearchStreamPart`).
   */
  streamFlexibleSearch(query: string, options?: FlexibleSearchOptions): AsyncGenerator<FlexibleSearchStreamPart, void, undefined> {
    return streamFlexibleSearch(this.transport, query, options);
  }

  /** `executeSql` with the answer read as it arrives, as `streamFlexibleSearch`. */
  streamSql(sql: string, options?: SqlOptions): AsyncGenerator<FlexibleSearchStreamPart, void, undefined> {
    return streamSql(this.transport, sql, options);
  }

  /**
   * Every row of a FlexibleSearch query, in pages of `pageSize` rows keyed by PK: `for await (const
   * row of client.pageFlexibleSearch(q))`, or `.pages()` for whole pages. Throws
   * `HacQueryNotPageableError` at once for a query that cannot be paged.
   */
  pageFlexibleSearch(query: string, options?: FlexibleSearchPageOptions): FlexibleSearchPager {
    return pageFlexibleSearch(this.transport, query, options);
  }

  /** Every row of a FlexibleSearch query, fetched in pages (`pageFlexibleSearch`) and collected. */
  collectFlexibleSearch(query: string, options?: FlexibleSearchPageOptions): Promise<CollectedFlexibleSearch> {
    return collectFlexibleSearch(this.transport, query, options);
  }

  executeSql(sql: string, options?: SqlOptions): Promise<FlexibleSearchResult> {
    return consoles.executeSql(this.transport, sql, options);
  }

  importImpex(content: string, options?: ImpexImportOptions): Promise<ImpexResult> {
    return consoles.importImpex(this.transport, content, options);
  }

  /** Imports a file through HAC's upload form (bytes sent unchanged; HAC decodes them with `encoding`). */
  importImpexFile(file: string | { name: string; content: Buffer | Uint8Array }, options?: ImpexImportOptions): Promise<ImpexResult> {
    return consoles.importImpexFile(this.transport, file, options);
  }

  validateImpex(content: string, options?: ImpexImportOptions): Promise<ImpexResult> {
    return consoles.validateImpex(this.transport, content, options);
  }

  exportImpex(script: string, options?: ExportImpexOptions): Promise<ImpexExportResult> {
    return consoles.exportImpex(this.transport, script, options);
  }

  getUpdateData(options?: CallOptions): Promise<UpdateData> {
    return consoles.getUpdateData(this.transport, options);
  }

  getPendingPatches(options?: CallOptions): Promise<PendingPatches> {
    return consoles.getPendingPatches(this.transport, options);
  }

  executeUpdate(options?: ExecuteUpdateOptions): Promise<UpdateResult> {
    return consoles.executeUpdate(this.transport, options);
  }

  getUpdateLog(options?: CallOptions): Promise<UpdateLog> {
    return consoles.getUpdateLog(this.transport, options);
  }

  getLoggers(options?: CallOptions): Promise<LoggerInfo[]> {
    return consoles.getLoggers(this.transport, options);
  }

  setLogLevel(loggerName: string, levelName: string, options?: CallOptions): Promise<LogLevelChange> {
    return consoles.setLogLevel(this.transport, loggerName, levelName, options);
  }

  getConfiguration(options?: CallOptions): Promise<ConfigurationProperties> {
    return consoles.getConfiguration(this.transport, options);
  }

  setConfigurationProperty(key: string, value: string, options?: CallOptions): Promise<void> {
    return consoles.setConfigurationProperty(this.transport, key, value, options);
  }

  deleteConfigurationProperty(key: string, options?: CallOptions): Promise<boolean> {
    return consoles.deleteConfigurationProperty(this.transport, key, options);
  }

  analyzePk(pk: string, options?: CallOptions): Promise<PkAnalysis> {
    return consoles.analyzePk(this.transport, pk, options);
  }

  getCacheRegions(options?: CallOptions): Promise<CacheRegion[]> {
    return consoles.getCacheRegions(this.transport, options);
  }

  /** Clears every region cache (HAC has no per-region clear). */
  clearCache(options?: CallOptions): Promise<CacheRegion[]> {
    return consoles.clearCache(this.transport, options);
  }

  getCronJobs(options?: CallOptions): Promise<CronJobInfo[]> {
    return consoles.getCronJobs(this.transport, options);
  }

  /** Requests the abort of every running cron job (HAC has no per-job abort): cron job code → abort requested. */
  abortAllRunningCronJobs(options?: CallOptions): Promise<CronJobAbortRequests> {
    return consoles.abortAllRunningCronJobs(this.transport, options);
  }
}
