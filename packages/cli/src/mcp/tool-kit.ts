/**
 * What every tool call goes through, in this order: the target (environment/endpoint), the right the
 * tool needs on it (from the config, read at start), a human confirmation for writes on `protected`
 * environments (MCP elicitation; refused where the client cannot ask), the library call, the audit
 * line, and the answer (structured content plus a text rendering, within the output budget, with
 * every secret this process knows replaced). The model has no way to confirm for itself: no argument
 * of any tool is a confirmation.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { HacClient } from 'hac-client';
import { z } from './sdk.js';
import type { AuditLog, AuditResult } from '../audit/audit-log.js';
import type { McpRight } from '../config/agent-settings.js';
import type { Budget } from './budget.js';
import type { McpTarget, TargetRegistry } from './targets.js';
import { describeError, ToolRefusal } from './tool-errors.js';

/** What a tool's `run` hands back. */
export interface ToolAnswer<Out> {
  structured: Out;
  /** The readable rendering (the model may see only this). */
  text: string;
  /** `failed`: HAC ran it and reported a failure (script error, query exception…). */
  outcome: 'ok' | 'failed';
  rows?: number;
  reason?: string;
}

export interface ToolRun<In> {
  input: In;
  target: McpTarget;
  client: HacClient;
  budget: Budget;
  signal: AbortSignal;
  /** Audit-log a piece of work that finishes after the answer (an update still running). */
  auditLater(work: Promise<{ outcome: 'ok' | 'failed' | 'error'; reason?: string }>): void;
}

export interface ToolDefinition<In extends z.ZodRawShape, Out extends z.ZodRawShape> {
  name: string;
  title: string;
  /** Written for the model: what it does, when to use it, what it returns. */
  description: string;
  right: McpRight;
  /** It changes data (commit, import, set, clear, abort, update): asks a human on `protected` environments. */
  writes: boolean;
  /** A human confirms it on every environment, as the CLI's guard asks for it everywhere (abort every cron job). */
  confirmEverywhere?: boolean;
  input: In;
  output: Out;
  /** The script, query or ImpEx text of a call: its SHA-256 and size go to the audit log. */
  script?: (input: z.infer<z.ZodObject<In>>) => string;
  /** What a human is asked before a write on a protected environment. */
  confirmation?: (input: z.infer<z.ZodObject<In>>) => string;
  run(call: ToolRun<z.infer<z.ZodObject<In>>>): Promise<ToolAnswer<z.infer<z.ZodObject<Out>>>>;
}

/** A tool definition, its types inferred from its schemas. */
export function defineTool<In extends z.ZodRawShape, Out extends z.ZodRawShape>(def: ToolDefinition<In, Out>): ToolDefinition<In, Out> {
  return def;
}

/** The arguments every tool that reaches HAC takes. */
export const targetArguments = {
  environment: z.string().min(1).max(200).optional().describe('Environment name from list_environments (default: the default environment).'),
  endpoint: z.string().min(1).max(200).optional().describe("Endpoint of that environment (default: the environment's default endpoint)."),
};

export interface ServerContext {
  registry: TargetRegistry;
  budget: Budget;
  audit: AuditLog;
  /** Replaces every secret this process knows (passwords it resolved). */
  redact(text: string): string;
  /** A line for the server's log (stderr). */
  log(line: string): void;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Which right a human must grant where, for a refusal message. */
function rightsRefusal(target: McpTarget, right: McpRight, tool: string): ToolRefusal {
  const granted = [...target.rights].join(', ') || 'none';
  if (target.readOnly && (right === 'write' || right === 'update')) {
    return new ToolRefusal(`${tool} is refused on ${target.sessionEnvironment}: it is read-only (read_only = true in the hac config), which no right can override. Do not retry; a human would have to change the config.`);
  }
  return new ToolRefusal(
    `${tool} needs the "${right}" right, which is not granted on ${target.sessionEnvironment} (granted: ${granted}). Only a human can grant it: add "${right}" to ${target.rightsKey.replace(/ \(.*\)$/, '')} in the hac config, then restart hac mcp. Do not retry before that.`,
  );
}

export function registerTool<In extends z.ZodRawShape, Out extends z.ZodRawShape>(server: McpServer, ctx: ServerContext, def: ToolDefinition<In, Out>): void {
  const inputShape = { ...def.input, ...targetArguments };
  server.registerTool(
    def.name,
    {
      title: def.title,
      description: def.description,
      inputSchema: inputShape,
      outputSchema: def.output,
      annotations: { readOnlyHint: !def.writes && def.right === 'read', destructiveHint: def.writes, openWorldHint: false },
    },
    // The SDK validated the arguments against the schema (bounds included) before this runs.
    ((args: Record<string, unknown>, extra: Extra) => callTool(server, ctx, def, args, extra)) as never,
  );
}

async function callTool<In extends z.ZodRawShape, Out extends z.ZodRawShape>(
  server: McpServer,
  ctx: ServerContext,
  def: ToolDefinition<In, Out>,
  args: Record<string, unknown>,
  extra: Extra,
): Promise<CallToolResult> {
  const started = performance.now();
  const input = args as z.infer<z.ZodObject<In>>;
  let target: McpTarget;
  try {
    target = ctx.registry.resolve(args['environment'] as string | undefined, args['endpoint'] as string | undefined);
  } catch (error) {
    return failure(ctx, describeError(error, { sessionEnvironment: '?', url: '?', writes: def.writes }));
  }
  const script = def.script?.(input);
  let user: string | undefined;
  const append = async ({ tool = def.name, ...result }: Omit<AuditResult, 'durationMs'> & { tool?: string }): Promise<void> => {
    const line = ctx.audit.entry({ source: 'mcp', target, user, tool, text: script, commit: def.writes }, { ...result, durationMs: performance.now() - started });
    if (line.reason !== undefined) line.reason = ctx.redact(line.reason);
    await ctx.audit.append(line).catch((error: unknown) => ctx.log(`audit log not written: ${(error as Error).message}`));
  };
  try {
    if (!target.rights.has(def.right)) throw rightsRefusal(target, def.right, def.name);
    if (def.writes && target.guardTypo !== undefined) {
      throw new ToolRefusal(`${def.name} is refused on ${target.sessionEnvironment}: "${target.guardTypo}" in the hac config looks like a misspelt guard key (protected/read_only); a human must fix the config first.`);
    }
    if (def.writes && (target.protected || def.confirmEverywhere === true)) await confirmWithHuman(server, def, input, target, extra);
    const made = await ctx.registry.client(target);
    user = made.username;
    const answer = await def.run({
      input,
      target,
      client: made.client,
      budget: ctx.budget,
      signal: extra.signal,
      auditLater: (work) => {
        void work.then((done) => append({ ...done, tool: `${def.name} (finished)` }));
      },
    });
    await append({ outcome: answer.outcome, ...(answer.rows !== undefined ? { rows: answer.rows } : {}), ...(answer.reason !== undefined ? { reason: answer.reason } : {}) });
    return success(ctx, answer);
  } catch (error) {
    user ??= await ctx.registry.usernameOf(target);
    const message = describeError(error, { sessionEnvironment: target.sessionEnvironment, url: `${target.url}${target.hacPath}`, writes: def.writes });
    await append({ outcome: error instanceof ToolRefusal ? error.outcome : 'error', reason: message.split('\n')[0] ?? '' });
    return failure(ctx, message);
  }
}

/** Asks the human through the client (MCP elicitation); throws a refusal unless they said yes. */
async function confirmWithHuman<In extends z.ZodRawShape>(
  server: McpServer,
  def: ToolDefinition<In, z.ZodRawShape>,
  input: z.infer<z.ZodObject<In>>,
  target: McpTarget,
  extra: Extra,
): Promise<void> {
  if (!server.server.getClientCapabilities()?.elicitation) {
    const why = target.protected ? 'the environment is protected (protected = true in the hac config), so every write needs' : 'it acts on every running job at once, so it needs';
    throw new ToolRefusal(
      `${def.name} is refused on ${target.sessionEnvironment}: ${why} a human's confirmation, and this MCP client cannot ask for one (it does not support elicitation). Use a client that does, or let a human run it with the hac CLI.`,
    );
  }
  const what = def.confirmation?.(input) ?? def.title;
  const result = await server.server.elicitInput(
    {
      message: `${target.protected ? 'Protected environment' : 'Environment'} ${target.sessionEnvironment} (${target.url}${target.hacPath}): an AI agent asks to ${what}\n\nAllow it?`,
      requestedSchema: {
        type: 'object',
        properties: { confirm: { type: 'boolean', title: 'Allow', description: `Run ${def.name} on ${target.sessionEnvironment}` } },
        required: ['confirm'],
      },
    },
    { relatedRequestId: extra.requestId, signal: extra.signal },
  );
  if (result.action !== 'accept' || result.content?.['confirm'] !== true) {
    throw new ToolRefusal(`${def.name} was not run: the human did not confirm it on ${target.protected ? 'protected ' : ''}${target.sessionEnvironment} (${result.action === 'accept' ? 'answered no' : result.action}). Do not retry unless they ask you to.`, 'declined');
  }
}

function success<Out>(ctx: ServerContext, answer: ToolAnswer<Out>): CallToolResult {
  let structured = answer.structured as Record<string, unknown>;
  const json = JSON.stringify(structured);
  const clean = ctx.redact(json);
  if (clean !== json) structured = JSON.parse(clean) as Record<string, unknown>;
  return { content: [{ type: 'text', text: ctx.redact(answer.text) }], structuredContent: structured };
}

function failure(ctx: ServerContext, message: string): CallToolResult {
  return { content: [{ type: 'text', text: ctx.redact(message) }], isError: true };
}
