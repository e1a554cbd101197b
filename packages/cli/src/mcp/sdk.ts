/**
 * Every value `hac mcp` takes from the MCP SDK and zod, in one module: the CLI bundle makes it one
 * vendor file (`vendor/mcp-sdk.cjs`, see scripts/bundle.js) that only `hac mcp` loads, so the SDK,
 * zod and ajv are neither read nor parsed by any other command, and exist once (one zod for the
 * tools' schemas and the SDK's checks).
 */
export { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
export { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
export { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
export { z } from 'zod';
