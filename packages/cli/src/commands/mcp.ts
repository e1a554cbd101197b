/**
 * `hac mcp [--http]`: the Model Context Protocol server for AI agents (stdio by default). Everything
 * heavy (the MCP SDK, zod, the tools) loads in the action, so no other command pays for it.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { withExamples } from '../help.js';
import type { CoreRuntime } from '../runtime.js';

interface McpFlags {
  http?: boolean;
  port: number;
  tokenFile?: string;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65_535) throw new InvalidArgumentError(`expected a port number from 0 to 65535, got '${value}'`);
  return n;
}

export function register(program: Command, runtime: CoreRuntime): void {
  const command = program
    .command('mcp')
    .description('serve HAC to AI agents over the Model Context Protocol (stdio; --http for loopback HTTP), with the rights the config grants')
    .option('--http', 'serve Streamable HTTP on 127.0.0.1 with a bearer token instead of stdio')
    .option('--port <port>', 'port of --http (0: any free port)', parsePort, 0)
    .option('--token-file <path>', 'where --http writes its bearer token (0600; default: mcp-token in the state directory)');
  withExamples(command, ['hac mcp', 'hac -e dev mcp', 'hac mcp --http --port 8765']);
  command.action(async (flags: McpFlags) => {
    const { startMcp } = await import('../mcp/start.js');
    await startMcp(runtime, { http: flags.http === true, port: flags.port, ...(flags.tokenFile !== undefined ? { tokenFile: flags.tokenFile } : {}) });
  });
}
