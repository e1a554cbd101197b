/**
 * `hac mcp` driven the way an agent's client drives it: the SDK's own `Client` over stdio, the server
 * a child process started from the built binary in a sandbox (its own HOME, config and state).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, type CallToolResult, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { HacSandbox } from './hac-process.js';
import { hacCommand } from './hac-process.js';

export interface McpSession {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Call a tool; the result as the SDK returns it. */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export interface McpClientOptions {
  /** Extra arguments after `hac` (before `mcp`), e.g. `['-e', 'prod']`. */
  globalArgs?: string[];
  /** Answer elicitation requests (declares the capability); without it the client has none. */
  elicit?: (message: string) => ElicitResult | Promise<ElicitResult>;
  env?: Record<string, string | undefined>;
  /** Command and arguments to run instead of `hac [globalArgs] mcp` (README snippets). */
  command?: { command: string; args: string[] };
}

export async function connectMcp(box: HacSandbox, options: McpClientOptions = {}): Promise<McpSession> {
  const { command, args } = options.command ?? (() => {
    const hac = hacCommand();
    return { command: hac.command, args: [...hac.args, ...(options.globalArgs ?? []), 'mcp'] };
  })();
  const env = Object.fromEntries(Object.entries({ ...box.env, ...options.env }).filter((e): e is [string, string] => e[1] !== undefined));
  const transport = new StdioClientTransport({ command, args, env, stderr: 'pipe', cwd: box.home });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'hac-test', version: '1.0.0' }, { capabilities: options.elicit ? { elicitation: { form: {} } } : {} });
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, async (request) => answer(request.params.message));
  }
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    call: async (name, callArgs = {}) => (await client.callTool({ name, arguments: callArgs })) as CallToolResult,
    close: () => client.close(),
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}
