/**
 * The client configurations of the CLI README, started exactly as written (command and args read from
 * the README) by the SDK's client, with the password in a (stand-in) keychain and none in the snippet;
 * `--http` (loopback, bearer token, Host check); start-up refusals; errors an agent can act on.
 */
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { emulatorConfig, startTestEmulator, type Emulator } from './helpers/emulator.js';
import { createSandbox, hacCommand, repoRoot, type HacSandbox } from './helpers/hac-process.js';
import { connectMcp, textOf } from './helpers/mcp-client.js';

let emu: Emulator;
let box: HacSandbox;

interface ServerEntry {
  command: string;
  args: string[];
}

/** The JSON block after each `<!-- mcp-config: NAME -->` marker of the CLI README. */
async function readmeConfigs(): Promise<Map<string, ServerEntry>> {
  const readme = await readFile(join(repoRoot, 'packages', 'cli', 'README.md'), 'utf8');
  const found = new Map<string, ServerEntry>();
  for (const match of readme.matchAll(/<!-- mcp-config: ([\w-]+) -->\n```json\n([\s\S]*?)```/g)) {
    const doc = JSON.parse(match[2] ?? '') as { mcpServers?: Record<string, ServerEntry>; servers?: Record<string, ServerEntry> };
    const entry = (doc.mcpServers ?? doc.servers ?? {})['hac'];
    if (entry) found.set(match[1] ?? '', entry);
  }
  return found;
}

before(async () => {
  emu = await startTestEmulator();
  // No HAC_PASSWORD anywhere: the password comes from the keychain, the username from the config.
  box = await createSandbox({ HAC_NO_KEYCHAIN: undefined });
  const store = join(box.dir, 'keychain.txt');
  await writeFile(store, 'nimda');
  await box.addExecutable('secret-tool', `[ "$1" = lookup ] && cat "${store}" || exit 1`);
  const hac = hacCommand();
  await box.addExecutable('hac', `exec "${hac.command}" ${hac.args.map((a) => `"${a}"`).join(' ')} "$@"`);
  await box.writeConfig(
    emulatorConfig(emu, {
      environment: 'dev',
      settings: 'username = "admin"\n',
      extra: `\n[environments.typo]\nprotectd = true\nmcp_rights = ["read", "write"]\nusername = "admin"\n[environments.typo.endpoints.hac]\nurl = "${emu.url}"\n\n[environments.down]\nusername = "admin"\n[environments.down.endpoints.hac]\nurl = "http://127.0.0.1:9"\n\n[environments.wrongpw]\nusername = "nobody"\n[environments.wrongpw.endpoints.hac]\nurl = "${emu.url}"\n`,
    }),
  );
});

after(async () => {
  await box?.cleanup();
  await emu?.close();
});

describe('README client configurations', () => {
  it('has the Claude Code, Claude Desktop and VS Code snippets', async () => {
    assert.deepEqual([...(await readmeConfigs()).keys()], ['claude-code', 'claude-desktop', 'vscode']);
  });

  for (const name of ['claude-code', 'claude-desktop', 'vscode']) {
    it(`${name}: the snippet's command starts a server that queries HAC with the keychain password`, async () => {
      const entry = (await readmeConfigs()).get(name);
      assert.ok(entry);
      assert.ok(!JSON.stringify(entry).includes('nimda'));
      const session = await connectMcp(box, { command: entry });
      try {
        const result = await session.call('flexible_search', { query: "SELECT {isocode} FROM {Language} WHERE {isocode} = 'en'" });
        assert.equal(result.isError, undefined, textOf(result));
        assert.match(textOf(result), /1 row\(s\) on dev\/hac/);
      } finally {
        await session.close();
      }
    });
  }
});

describe('errors an agent can act on', () => {
  it('unreachable HAC, wrong credentials, a misspelt guard key', async () => {
    const session = await connectMcp(box);
    try {
      const down = await session.call('flexible_search', { environment: 'down', query: 'SELECT {pk} FROM {Language}' });
      assert.equal(down.isError, true);
      assert.match(textOf(down), /HAC at http:\/\/127\.0\.0\.1:9\/hac is unreachable/);
      const wrong = await session.call('flexible_search', { environment: 'wrongpw', query: 'SELECT {pk} FROM {Language}' });
      assert.match(textOf(wrong), /HAC refused the login on wrongpw\/hac.*a human must fix the credentials.*Retrying will not help/);
      const typo = await session.call('groovy_commit', { environment: 'typo', script: 'return 1' });
      assert.match(textOf(typo), /"environments\.typo\.protectd".*misspelt guard key/);
    } finally {
      await session.close();
    }
  });
});

describe('hac mcp start-up', () => {
  it('does not start when the audit log cannot be written', async () => {
    const state = join(box.dir, 'bad-state');
    await mkdir(join(state, 'hac-client'), { recursive: true, mode: 0o700 });
    await symlink('/etc/passwd', join(state, 'hac-client', 'audit.jsonl'));
    const result = await box.run(['mcp'], { env: { XDG_STATE_HOME: state } });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /audit log .* symbolic link.*hac mcp does not run without its audit log/);
  });

  it('refuses --url and an unknown -e', async () => {
    assert.match((await box.run(['--url', emu.url, 'mcp'])).stderr, /serves the environments of the config file, not --url/);
    assert.match((await box.run(['-e', 'nope', 'mcp'])).stderr, /environment "nope" is not defined/);
  });
});

describe('hac mcp --http', () => {
  it('listens on 127.0.0.1 with a bearer token from a 0600 file, checks Host, and removes the token file on Ctrl-C', async () => {
    const tokenFile = join(box.dir, 'state-http', 'token');
    let child: ChildProcess | undefined;
    let stderr = '';
    const running = box.run(['mcp', '--http', '--token-file', tokenFile], {
      timeoutMs: 60_000,
      onSpawn: (c) => {
        child = c;
        c.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      },
    });
    while (!/on http:\/\/127\.0\.0\.1:(\d+)\/mcp/.test(stderr)) {
      if (child?.exitCode !== null && child?.exitCode !== undefined) assert.fail(stderr);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = `http://127.0.0.1:${/127\.0\.0\.1:(\d+)\/mcp/.exec(stderr)?.[1] ?? ''}/mcp`;
    const token = (await readFile(tokenFile, 'utf8')).trim();
    assert.equal(((await stat(tokenFile)).mode & 0o777).toString(8), '600');
    assert.ok(!stderr.includes(token), 'the token is not printed');

    const noToken = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(noToken.status, 401);
    // A page on a name that resolves to 127.0.0.1 (DNS rebinding) sends its own Host.
    const wrongHost = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, host: `evil.example:${new URL(url).port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    assert.equal(wrongHost, 403);

    const client = new Client({ name: 'http-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    const result = await client.callTool({ name: 'list_environments', arguments: {} });
    assert.match(JSON.stringify(result.content), /dev\/hac \(default\)/);
    await client.close();

    child?.kill('SIGINT');
    const done = await running;
    assert.equal(done.code, 0);
    await assert.rejects(stat(tokenFile));
  });
});
