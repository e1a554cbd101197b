/**
 * The environments `hac mcp` serves, read once from the config at start: each endpoint with the rights
 * the config grants an agent there, and a `HacClient` per endpoint made on first use with the CLI's
 * credential chain (env vars, keychain) and session cache. Nothing is ever prompted or read from stdin:
 * stdin is the MCP connection.
 */
import type { HacClient } from 'hac-client';
import { createHacClient } from '../client-factory.js';
import { DEFAULT_MCP_RIGHTS, WRITING_RIGHTS, type McpRight } from '../config/agent-settings.js';
import type { HacConfig } from '../config/schema.js';
import { selectTarget, type SelectedTarget } from '../config/target.js';
import { resolvePassword, resolveUsername, type CredentialContext } from '../credentials/resolve.js';
import { ToolRefusal } from './tool-errors.js';

export interface McpTarget extends SelectedTarget {
  /** Rights an agent has here (`mcp_rights`, else read only). */
  rights: ReadonlySet<McpRight>;
  /** Where the rights come from, for messages: `environments.dev.mcp_rights` or `(default)`. */
  rightsKey: string;
  /** A misspelt `protected`/`read_only` key applies here: writes are refused until it is fixed. */
  guardTypo: string | undefined;
}

export interface TargetDeps {
  vars: Record<string, string | undefined>;
  cacheDir: string;
  /** Every password this process resolved, so no answer or log line can carry it. */
  rememberSecret(value: string): void;
  onWarning?: (message: string) => void;
  /** `hac --debug mcp`: the library's trace of every exchange (redacted by the library), to stderr. */
  debug?: (line: string) => void;
}

/** Credential sources without stdin and without prompts. */
const NO_STDIN = { explicit: false, passwordLine: async (): Promise<undefined> => undefined };

export class TargetRegistry {
  readonly config: HacConfig;
  readonly #deps: TargetDeps;
  readonly #targets = new Map<string, McpTarget>();
  readonly #clients = new Map<string, Promise<{ client: HacClient; username: string }>>();
  readonly #defaultEnvironment: string;

  constructor(config: HacConfig, deps: TargetDeps, misspelt: (environment: string, endpoint: string) => string | undefined, defaultEnvironment?: string) {
    this.config = config;
    this.#deps = deps;
    this.#defaultEnvironment = defaultEnvironment ?? config.defaultEnvironment;
    for (const env of config.environments.values()) {
      for (const endpoint of env.endpoints.values()) {
        const selected = selectTarget(config, { env: env.name, endpoint: endpoint.name });
        const own = endpoint.mcpRights !== undefined;
        const granted = endpoint.mcpRights ?? env.mcpRights ?? DEFAULT_MCP_RIGHTS;
        // parseConfig refuses writes on read_only targets; dropping them here too keeps that true
        // whatever path a config took to get here.
        const rights = new Set(granted.filter((right) => !(selected.readOnly && WRITING_RIGHTS.includes(right))));
        const rightsKey = own
          ? `environments.${env.name}.endpoints.${endpoint.name}.mcp_rights`
          : env.mcpRights !== undefined
            ? `environments.${env.name}.mcp_rights`
            : `environments.${env.name}.mcp_rights (not set: read only)`;
        this.#targets.set(selected.sessionEnvironment, { ...selected, rights, rightsKey, guardTypo: misspelt(env.name, endpoint.name) });
      }
    }
  }

  /** Every endpoint, default environment first. */
  list(): McpTarget[] {
    const all = [...this.#targets.values()];
    return [...all.filter((t) => t.environment === this.#defaultEnvironment), ...all.filter((t) => t.environment !== this.#defaultEnvironment)];
  }

  get defaultEnvironment(): string {
    return this.#defaultEnvironment;
  }

  /** The target of a tool call: the environment (default: the config's default) and endpoint (default: the environment's). */
  resolve(environment: string | undefined, endpoint: string | undefined): McpTarget {
    const envName = environment ?? this.#defaultEnvironment;
    const env = this.config.environments.get(envName);
    if (!env) {
      throw new ToolRefusal(`unknown environment "${envName}"; known: ${[...this.config.environments.keys()].join(', ')} (see the list_environments tool)`);
    }
    const endpointName = endpoint ?? env.defaultEndpoint;
    const target = this.#targets.get(`${envName}/${endpointName}`);
    if (!target) throw new ToolRefusal(`unknown endpoint "${endpointName}" of environment "${envName}"; known: ${[...env.endpoints.keys()].join(', ')}`);
    return target;
  }

  /** The username without a prompt; `undefined` when none is configured. */
  async usernameOf(target: McpTarget): Promise<string | undefined> {
    return resolveUsername(this.#credentials(target)).then(
      (found) => found.value,
      () => undefined,
    );
  }

  /** The client of a target, made once; the username must be known without a prompt. */
  async client(target: McpTarget): Promise<{ client: HacClient; username: string }> {
    let made = this.#clients.get(target.sessionEnvironment);
    if (!made) {
      made = (async () => {
        const ctx = this.#credentials(target);
        const username = (await resolveUsername(ctx)).value;
        const { HacClient } = await import('hac-client');
        const client = createHacClient(
          HacClient,
          { ...target, username },
          {
            cacheDir: this.#deps.cacheDir,
            password: async () => {
              const found = await resolvePassword(ctx, username);
              this.#deps.rememberSecret(found.value);
              return found.value;
            },
            ...(this.#deps.onWarning ? { onWarning: this.#deps.onWarning } : {}),
            ...(this.#deps.debug ? { debug: this.#deps.debug } : {}),
          },
        );
        return { client, username };
      })();
      // A failure (no username configured) is not kept: the next call tries again after the fix.
      made.catch(() => this.#clients.delete(target.sessionEnvironment));
      this.#clients.set(target.sessionEnvironment, made);
    }
    return made;
  }

  async close(): Promise<void> {
    const clients = await Promise.allSettled(this.#clients.values());
    await Promise.all(clients.map((c) => (c.status === 'fulfilled' ? c.value.client.close() : undefined)));
  }

  #credentials(target: McpTarget): CredentialContext {
    return {
      environment: target.environment,
      endpoint: target.endpoint,
      sessionEnvironment: target.sessionEnvironment,
      userFlag: undefined,
      configUsername: target.configUsername,
      vars: this.#deps.vars,
      stdin: NO_STDIN,
      interactive: false,
      signal: new AbortController().signal,
    };
  }
}
