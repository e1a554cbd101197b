/**
 * The `CliRuntime` every command receives. Everything is lazy: nothing is read, resolved or loaded
 * (config, credentials, `hac-client`) until a command asks for it, which keeps `hac --help` fast.
 */
import type { Command } from 'commander';
import type { HacClient, SessionManager } from 'hac-client';
import { createOutput } from './cli-output.js';
import { createHacClient } from './client-factory.js';
import { configPath as defaultConfigPath, sessionCacheDir } from './config/paths.js';
import { isLoopbackHost } from './config/same-endpoint.js';
import type { HacConfig } from './config/schema.js';
import { selectTarget, type SelectedTarget } from './config/target.js';
import { resolvePassword, resolveUsername, type CredentialContext, type Resolved } from './credentials/resolve.js';
import { DebugLog } from './debug-log.js';
import type { CliAudit } from './audit/cli-audit.js';
import { CliError, CliUsageError, NotConfirmedError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { readGlobalOptions, type GlobalOptions } from './global-options.js';
import { confirmOnTerminal, guardAction } from './guard.js';
import type { CliRuntime, GuardedAction, ResolvedTarget } from './runtime-types.js';
import { StdinBuffer } from './stdin.js';
import { mayBeTerminal } from './stdio.js';
import { writeText } from './terminal-text.js';

/** What the core's own commands (config, env, session…) need beyond the `CliRuntime` contract. */
export interface CoreRuntime extends CliRuntime {
  /** The parsed global options. */
  globals(): GlobalOptions;
  readonly env: Record<string, string | undefined>;
  readonly configPath: string;
  /** The config file, validated (defaults when it does not exist). Loaded once. */
  config(): Promise<HacConfig>;
  /** The target from flags and config, before the username is resolved. */
  selectedTarget(): Promise<SelectedTarget>;
  /** Credential sources for a target. */
  credentialContext(selected: SelectedTarget): CredentialContext;
  /**
   * The password of the target's user, resolved once (it may prompt). `keychain: false` skips the
   * keychain (when storing a new password there); it only matters for the first call.
   */
  password(options?: { keychain?: boolean; toStore?: boolean }): Promise<Resolved>;
  readonly cacheDir: string;
  sessionManager(): Promise<SessionManager>;
  readonly debugLog: DebugLog;
  /** Prompts are possible: stdin and stderr are terminals. */
  readonly interactive: boolean;
  /** Standard input is a terminal (nothing piped). */
  readonly stdinIsTTY: boolean;
  /** Called on SIGINT (first press). */
  interrupt(): void;
  /** End of the command: keep what went to `--output FILE` when it succeeded, else leave FILE as it was. */
  finishOutput(ok: boolean): void;
  /**
   * The Python CLI's positional `ENV` (`hac session start prod`): the same as `-e`/`-n`, which must
   * agree when also given. Call before anything resolves the target.
   */
  useTarget(names: { env?: string | undefined; endpoint?: string | undefined }): void;
  /** A password given on the command line (`hac session start -p PW`, the Python CLI's flag). */
  usePassword(value: string, source: string): void;
  /** Where the password came from (`HAC_PASSWORD`, `keychain`, `prompt`…), once one was resolved. */
  passwordSource(): string | undefined;
}

export interface RuntimeDeps {
  env?: Record<string, string | undefined>;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

export function createRuntime(program: Command, deps: RuntimeDeps = {}): CoreRuntime {
  const env = deps.env ?? process.env;
  // `process.stdin` is a stream built on first access (start-up time): only a run that reads stdin builds it.
  const stdinStream = (): NodeJS.ReadStream => deps.stdin ?? process.stdin;
  // Like stdin, Node builds `process.stdout`/`process.stderr` on first access, loading its stream
  // modules: `hac --help` and a quiet command never pay for stderr.
  const stderr = (): NodeJS.WriteStream => deps.stderr ?? process.stderr;
  const globals = (): GlobalOptions => readGlobalOptions(program);
  const output = createOutput(globals, {
    get stdout() {
      return deps.stdout ?? process.stdout;
    },
    get stderr() {
      return stderr();
    },
    env,
    isTerminal(name) {
      const given = name === 'stdout' ? deps.stdout : deps.stderr;
      if (given !== undefined) return given.isTTY === true;
      return mayBeTerminal(name) && process[name].isTTY === true;
    },
  });
  const stdin = new StdinBuffer(stdinStream, () => globals().passwordStdin === true);
  // Made when first asked for (a run that sends nothing, like `hac --help`, needs none).
  let controller: AbortController | undefined;
  const abortController = (): AbortController => (controller ??= new AbortController());
  const debugLog = new DebugLog((text) => writeText(stderr(), text));
  const configPath = defaultConfigPath(env);
  const cacheDir = sessionCacheDir(env);
  // Asked only when a prompt may be due: reading it builds `process.stdin`.
  let interactiveValue: boolean | undefined;
  const interactive = (): boolean => (interactiveValue ??= stdinStream().isTTY === true && stderr().isTTY === true);

  let config: Promise<HacConfig> | undefined;
  let selected: Promise<SelectedTarget> | undefined;
  let target: Promise<ResolvedTarget> | undefined;
  let client: Promise<HacClient> | undefined;
  let password: Promise<Resolved> | undefined;
  let passwordSource: string | undefined;

  const runtime: CoreRuntime = {
    output,
    get signal() {
      return abortController().signal;
    },
    env,
    configPath,
    cacheDir,
    debugLog,
    get interactive() {
      return interactive();
    },
    get stdinIsTTY() {
      return stdinStream().isTTY === true;
    },
    globals,
    interrupt: () => abortController().abort(),
    finishOutput: (ok) => output.finish(ok),

    useTarget(names) {
      const g = globals();
      for (const [key, flag] of [['env', '-e'], ['endpoint', '-n']] as const) {
        const value = names[key];
        if (value === undefined) continue;
        if (g[key] !== undefined && g[key] !== value) throw new CliUsageError(`"${value}" and ${flag} "${g[key]}" disagree: give one of them`);
        program.setOptionValueWithSource(key, value, 'cli');
      }
    },

    usePassword(value, source) {
      debugLog.addSecret(value);
      passwordSource = source;
      password = Promise.resolve({ value, source });
    },

    passwordSource: () => passwordSource,

    config() {
      config ??= import('./config/load.js').then(({ loadConfig }) => loadConfig(configPath));
      return config;
    },

    selectedTarget() {
      selected ??= runtime.config().then((cfg) => {
        const g = globals();
        return selectTarget(cfg, { env: g.env, endpoint: g.endpoint, url: g.url, insecure: g.insecure, timeoutSeconds: g.timeout });
      });
      return selected;
    },

    credentialContext(sel) {
      return {
        environment: sel.environment,
        endpoint: sel.endpoint,
        sessionEnvironment: sel.sessionEnvironment,
        userFlag: globals().user,
        configUsername: sel.configUsername,
        cachedUsername: () => cachedUsername(runtime, sel),
        vars: env,
        stdin,
        get interactive() {
          return interactive();
        },
        signal: abortController().signal,
      };
    },

    target() {
      target ??= runtime.selectedTarget().then(async (sel) => {
        const username = await resolveUsername(runtime.credentialContext(sel));
        if (globals().debug) debugLog.line(`target ${sel.sessionEnvironment} ${sel.url}${sel.hacPath} as ${username.value} (username from ${username.source})`);
        const { configUsername: _c, inConfig: _i, ...rest } = sel;
        return { ...rest, username: username.value };
      });
      return target;
    },

    password(options = {}) {
      password ??= (async () => {
        const resolved = await runtime.target();
        const found = await resolvePassword(runtime.credentialContext(await runtime.selectedTarget()), resolved.username, {
          keychain: options.keychain !== false,
          toStore: options.toStore === true,
        });
        debugLog.addSecret(found.value);
        passwordSource = found.source;
        if (globals().debug) debugLog.line(`password for ${resolved.username} from ${found.source}`);
        return found;
      })();
      return password;
    },

    client(options = {}) {
      client ??= (async () => {
        const resolved = await runtime.target();
        const { HacClient } = await import('hac-client');
        const g = globals();
        // The library's own notice is a multi-line Node process warning naming its option; the CLI
        // says it in one line with the flag or config key that turned verification off.
        // Loopback traffic never crosses a network, so an unverified local certificate is no risk
        // worth a line on every command (the default config points at https://localhost:9002).
        if (resolved.ignoreSsl && resolved.url.startsWith('https:') && !isLoopbackUrl(resolved.url) && g.quiet !== true) {
          const why = g.insecure === true ? '-k/--insecure' : 'ignore_ssl = true in the config';
          output.warn(`warning: the TLS certificate of ${new URL(resolved.url).host} is not verified (${why})`);
        }
        if (g.debug) {
          // The library redacts its trace; knowing the cached secrets lets the second pass catch any slip.
          // A cache the library refuses to use (not the user's own) must not fail a --debug run.
          const cached = await (await runtime.sessionManager())
            .loadSession(resolved.url, resolved.username, resolved.sessionEnvironment, resolved.hacPath)
            .catch(() => null);
          debugLog.addSecret(cached?.sessionId);
          debugLog.addSecret(cached?.csrfToken);
        }
        return createHacClient(HacClient, resolved, {
          cacheDir,
          // Asked only when a login is needed: a cached session needs no password.
          password: async () => {
            if (options.cachedSessionOnly === true) throw new CliError('no usable cached session (this command does not log in)', { exitCode: ExitCode.authentication });
            return (await runtime.password()).value;
          },
          // The library's notices (session cache not usable, a long wait for another process's login).
          ...(g.quiet === true ? {} : { onWarning: (message: string) => output.warn(`warning: ${message}`) }),
          ...(g.debug ? { debug: debugLog.line } : {}),
        });
      })();
      return client;
    },

    async sessionManager() {
      const { SessionManager } = await import('hac-client');
      return new SessionManager({ cacheDir });
    },

    async guard(action: GuardedAction, tool?: string) {
      const started = performance.now();
      try {
        await guardTarget(action);
      } catch (error) {
        if (tool !== undefined && error instanceof CliUsageError) {
          const sel = await runtime.selectedTarget().catch(() => undefined);
          if (sel) {
            // The user as far as it is known without a prompt: a refusal asks nothing.
            const user = await resolveUsername({ ...runtime.credentialContext(sel), interactive: false }).then((u) => u.value, () => undefined);
            const outcome = error instanceof NotConfirmedError ? 'declined' : 'refused';
            await (await audit()).append(sel, user, tool, { outcome, durationMs: performance.now() - started, reason: error.message });
          }
        }
        throw error;
      }
    },

    readStdin() {
      return stdin.read();
    },

    readStdinBytes() {
      return stdin.readBytes();
    },

    async auditWrite(tool, text, work, judge) {
      const started = performance.now();
      const resolved = await runtime.target();
      const log = await audit();
      try {
        const result = await work();
        const outcome = judge(result);
        await log.append(resolved, resolved.username, tool, { outcome: outcome.ok ? 'ok' : 'failed', text, durationMs: performance.now() - started, rows: outcome.rows, reason: outcome.reason });
        return result;
      } catch (error) {
        await log.append(resolved, resolved.username, tool, { outcome: 'error', text, durationMs: performance.now() - started, reason: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    },
  };

  let cliAudit: Promise<CliAudit> | undefined;
  function audit(): Promise<CliAudit> {
    cliAudit ??= (async () => {
      const [{ CliAudit }, { auditLogPath }, cfg] = await Promise.all([import('./audit/cli-audit.js'), import('./config/paths.js'), runtime.config().catch(() => undefined)]);
      return new CliAudit({ path: auditLogPath(env), includeScripts: cfg?.audit.includeScripts ?? false, warn: (message) => output.warn(message) });
    })();
    return cliAudit;
  }

  async function guardTarget(action: GuardedAction): Promise<void> {
    // The selected target suffices: a refusal must not wait for a username prompt.
    const sel = await runtime.selectedTarget();
    const { misspeltGuardKeys } = await import('./config/unknown-keys.js');
    const [typo] = sel.inConfig ? misspeltGuardKeys((await runtime.config()).raw, sel.environment, sel.endpoint) : [];
    if (typo) {
      throw new CliUsageError(`"${typo.path}" in ${configPath} looks like a misspelt ${typo.meant ?? ''}: fix the config before anything is changed (see: hac config validate)`);
    }
    await guardAction(action, sel, globals().yes, {
      interactive: interactive(),
      signal: abortController().signal,
      confirm: confirmOnTerminal,
    });
  }
  return runtime;
}

/**
 * The user of the target's most recently used cached session (the Python CLI finds a session by
 * `ENV/ENDPOINT` and URL alone). Only a file the client would load for that user counts: same URL,
 * context path and `ENV/ENDPOINT`.
 */
async function cachedUsername(runtime: CoreRuntime, sel: SelectedTarget): Promise<string | undefined> {
  const manager = await runtime.sessionManager();
  for (const session of await manager.listSessions()) {
    if (session.environment !== sel.sessionEnvironment) continue;
    if (manager.sessionPath(sel.url, session.username, sel.sessionEnvironment, sel.hacPath) === session.path) return session.username;
  }
  return undefined;
}

/** The URL's host is this machine (see `isLoopbackHost`). */
export function isLoopbackUrl(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}
