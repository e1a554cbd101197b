/**
 * The config keys of hac mcp and the audit log: `mcp_rights` (validated; never writes on a read_only
 * target), `[mcp]` budgets and `output_dir`, `[audit] include_scripts`; `config validate` knows them.
 */
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { parseConfig, type RawTable } from '../src/config/schema.js';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

const config = (toml: string) => parseConfig(parse(toml) as RawTable, '/x/config.toml', true);
const endpoint = '[environments.dev.endpoints.hac]\nurl = "https://dev.example.com"\n';

describe('mcp_rights, [mcp] and [audit] in the config', () => {
  it('defaults: no rights key, budgets 100 rows / 20000 characters, no output directory, scripts not stored', () => {
    const cfg = config(`[environments.dev]\n${endpoint}`);
    assert.equal(cfg.environments.get('dev')?.mcpRights, undefined);
    assert.deepEqual(cfg.mcp, { maxRows: 100, maxChars: 20_000, outputDir: undefined });
    assert.deepEqual(cfg.audit, { includeScripts: false });
  });

  it('reads rights on environments and endpoints, budgets and the output directory', () => {
    const cfg = config(`[mcp]\nmax_rows = 50\nmax_chars = 5000\noutput_dir = "~/exports"\n[audit]\ninclude_scripts = true\n[environments.dev]\nmcp_rights = ["read", "write"]\n${endpoint}mcp_rights = ["read"]\n`);
    assert.deepEqual(cfg.environments.get('dev')?.mcpRights, ['read', 'write']);
    assert.deepEqual(cfg.environments.get('dev')?.endpoints.get('hac')?.mcpRights, ['read']);
    assert.deepEqual(cfg.mcp, { maxRows: 50, maxChars: 5000, outputDir: join(homedir(), 'exports') });
    assert.equal(cfg.audit.includeScripts, true);
  });

  for (const [toml, message] of [
    [`[environments.dev]\nmcp_rights = ["read", "admin"]\n${endpoint}`, /"environments\.dev\.mcp_rights" holds "admin"; each entry must be one of read, scripting-rollback, write, update/],
    [`[environments.dev]\nmcp_rights = "read"\n${endpoint}`, /"environments\.dev\.mcp_rights" must be a list/],
    [`[environments.dev]\nread_only = true\nmcp_rights = ["read", "write"]\n${endpoint}`, /grants "write", but read_only = true applies there: a read-only environment can never be granted writes/],
    [`[environments.dev]\nread_only = true\n${endpoint}mcp_rights = ["update"]\n`, /"environments\.dev\.endpoints\.hac\.mcp_rights" grants "update", but read_only/],
    [`[environments.dev]\nmcp_rights = ["write"]\n${endpoint}read_only = true\n`, /"environments\.dev\.mcp_rights" grants "write", but read_only/],
    [`[mcp]\nmax_rows = 0\n[environments.dev]\n${endpoint}`, /"mcp\.max_rows" must be a whole number from 1 to 100000/],
    [`[mcp]\noutput_dir = 3\n[environments.dev]\n${endpoint}`, /"mcp\.output_dir" must be a directory path/],
    [`[audit]\ninclude_scripts = "yes"\n[environments.dev]\n${endpoint}`, /"audit\.include_scripts" must be true or false/],
  ] as const) {
    it(`refuses: ${String(message)}`, () => assert.throws(() => config(toml), message));
  }
});

describe('hac config validate knows the new keys', () => {
  let box: HacSandbox;
  before(async () => (box = await createSandbox()));
  after(() => box.cleanup());

  it('no unknown-key warning for them; a misspelt one is named with the key meant', async () => {
    await box.writeConfig(`[mcp]\nmax_rows = 10\nmax_char = 5\n[audit]\ninclude_scripts = true\n[environments.dev]\nmcp_rights = ["read"]\nmcp_right = ["write"]\n${endpoint}`);
    const result = await box.run(['config', 'validate']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /unknown key "mcp\.max_char" .*did you mean max_chars\?/);
    assert.match(result.stderr, /unknown key "environments\.dev\.mcp_right" .*did you mean mcp_rights\?/);
    assert.doesNotMatch(result.stderr, /"mcp\.max_rows"|"audit\.include_scripts"|"environments\.dev\.mcp_rights"/);
  });

  it('a read_only environment granted write fails validation (exit 2)', async () => {
    await box.writeConfig(`[environments.dev]\nread_only = true\nmcp_rights = ["write"]\n${endpoint}`);
    const result = await box.run(['config', 'validate']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /can never be granted writes/);
  });
});
