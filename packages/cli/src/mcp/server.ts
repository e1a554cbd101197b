/**
 * The `hac mcp` server: an `McpServer` of the official SDK with every tool registered. Rights, budgets
 * and the audit log come from the config read once at start; each call is checked against them.
 */
import { McpServer, z } from './sdk.js';
import type { McpRight } from '../config/agent-settings.js';
import { cliVersion } from '../version.js';
import { registerTool, type ServerContext, type ToolDefinition } from './tool-kit.js';
import {
  abortCronJobsTool,
  analyzePkTool,
  clearCachesTool,
  deletePropertyTool,
  getConfigurationTool,
  listCachesTool,
  listCronJobsTool,
  listLoggersTool,
  setLogLevelTool,
  setPropertyTool,
} from './tools/platform-tools.js';
import { flexibleSearchTool, sqlCommitTool, sqlQueryTool } from './tools/query-tools.js';
import { groovyCommitTool, groovyRollbackTool, impexImportTool, impexValidateTool } from './tools/script-tools.js';
import { describeTypeTool, findTypesTool } from './tools/type-tools.js';
import { pendingPatchesTool, runUpdateTool, updateDataTool, updateLogTool } from './tools/update-tools.js';

/** Every tool that reaches HAC, in the order `tools/list` shows them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each definition has its own schemas
export const HAC_TOOLS: ReadonlyArray<ToolDefinition<any, any>> = [
  flexibleSearchTool,
  sqlQueryTool,
  findTypesTool,
  describeTypeTool,
  impexValidateTool,
  updateDataTool,
  pendingPatchesTool,
  updateLogTool,
  listLoggersTool,
  getConfigurationTool,
  analyzePkTool,
  listCachesTool,
  listCronJobsTool,
  groovyRollbackTool,
  groovyCommitTool,
  sqlCommitTool,
  impexImportTool,
  setLogLevelTool,
  setPropertyTool,
  deletePropertyTool,
  clearCachesTool,
  abortCronJobsTool,
  runUpdateTool,
];

/** What each right allows, for `list_environments` and the README. */
export const RIGHT_DESCRIPTIONS: Record<McpRight, string> = {
  read: 'queries and read-only consoles: FlexibleSearch, SQL SELECT, types, ImpEx validation, update data/patches/log, loggers, configuration, PK analyzer, caches, cron jobs',
  'scripting-rollback': 'Groovy scripts in rollback mode (database changes undone; side effects outside the transaction are not)',
  write: 'Groovy in commit mode, SQL INSERT/UPDATE/DELETE, ImpEx import, log levels, configuration properties (in memory), clearing caches, aborting the running cron jobs (a human confirms that on every environment)',
  update: 'system updates (patches, essential/project data, schema update; never drop tables)',
};

function toolsFor(right: McpRight): string[] {
  return HAC_TOOLS.filter((tool) => tool.right === right).map((tool) => tool.name);
}

export function createHacMcpServer(ctx: ServerContext): McpServer {
  const server = new McpServer(
    { name: 'hac', title: 'SAP Commerce HAC (hac mcp)', version: cliVersion() },
    {
      capabilities: { tools: {}, logging: {} },
      instructions:
        'Tools for SAP Commerce (hybris) through its Administration Console (HAC). Call list_environments first: it names the environments and what you may do on each. Learn type and attribute names with find_types and describe_type before writing FlexibleSearch. Rights are set by a human in the hac config; a refused call says which key they must change. Writes on protected environments ask the human to confirm.',
    },
  );

  server.registerTool(
    'list_environments',
    {
      title: 'Environments and rights',
      description:
        'List the SAP Commerce environments this server can reach (each endpoint with its URL), which is the default, whether it is protected (writes need a human confirmation) or read-only, and the rights an agent has there with the tools they allow. Does not contact HAC.',
      inputSchema: {},
      outputSchema: {
        defaultEnvironment: z.string(),
        environments: z.array(
          z.object({
            environment: z.string(),
            endpoint: z.string(),
            url: z.string(),
            isDefault: z.boolean(),
            protected: z.boolean(),
            readOnly: z.boolean(),
            rights: z.array(z.string()),
            tools: z.array(z.string()),
          }),
        ),
        rights: z.record(z.string(), z.string()).describe('What each right allows'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => {
      const environments = ctx.registry.list().map((t) => {
        const rights = [...t.rights];
        return {
          environment: t.environment,
          endpoint: t.endpoint,
          url: `${t.url}${t.hacPath}`,
          isDefault: t.environment === ctx.registry.defaultEnvironment && t.endpoint === (ctx.registry.config.environments.get(t.environment)?.defaultEndpoint ?? ''),
          protected: t.protected,
          readOnly: t.readOnly,
          rights,
          tools: rights.flatMap(toolsFor),
        };
      });
      const text = [
        `Default environment: ${ctx.registry.defaultEnvironment}`,
        ...environments.map(
          (e) =>
            `${e.environment}/${e.endpoint}${e.isDefault ? ' (default)' : ''}: ${e.url}${e.protected ? ', PROTECTED (writes need a human confirmation)' : ''}${e.readOnly ? ', READ-ONLY' : ''}; rights: ${e.rights.join(', ') || 'none'}`,
        ),
        'Rights: ' + Object.entries(RIGHT_DESCRIPTIONS).map(([right, what]) => `${right} = ${what}`).join('; '),
      ].join('\n');
      return { content: [{ type: 'text', text }], structuredContent: { defaultEnvironment: ctx.registry.defaultEnvironment, environments, rights: RIGHT_DESCRIPTIONS } };
    },
  );

  for (const tool of HAC_TOOLS) {
    const allowedOn = ctx.registry
      .list()
      .filter((t) => t.rights.has(tool.right))
      .map((t) => t.sessionEnvironment);
    registerTool(server, ctx, {
      ...tool,
      description: `${tool.description} [right: ${tool.right}; granted on: ${allowedOn.join(', ') || 'no environment (a human must add it to mcp_rights in the hac config)'}]`,
    });
  }
  return server;
}
