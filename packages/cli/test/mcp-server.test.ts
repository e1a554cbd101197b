/**
 * `hac mcp` over stdio, driven by the MCP SDK's own Client against the emulator: the tool list, every
 * tool, rights granted and refused, output budgets, the audit log, and no secret anywhere.
 */
import { strict as assert } from 'node:assert';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminEnv, emulatorConfig, startTestEmulator, type Emulator } from './helpers/emulator.js';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';
import { connectMcp, textOf, type McpSession } from './helpers/mcp-client.js';

let emu: Emulator;
let box: HacSandbox;
let mcp: McpSession;
let outputDir: string;

function auditPath(): string {
  return join(box.home, '.local', 'state', 'hac-client', 'audit.jsonl');
}

async function auditLines(): Promise<Array<Record<string, unknown>>> {
  return (await readFile(auditPath(), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function structured<T = Record<string, unknown>>(result: { structuredContent?: Record<string, unknown> | undefined }): T {
  assert.ok(result.structuredContent, 'structured content expected');
  return result.structuredContent as T;
}

before(async () => {
  emu = await startTestEmulator({ data: 'sample' });
  box = await createSandbox(adminEnv());
  outputDir = join(box.dir, 'exports');
  await box.writeConfig(
    emulatorConfig(emu, {
      settings: 'mcp_rights = ["read", "scripting-rollback", "write", "update"]\n',
      extra: `
[environments.plain]
[environments.plain.endpoints.hac]
url = "${emu.url}"

[environments.ro]
read_only = true
[environments.ro.endpoints.hac]
url = "${emu.url}"

[environments.prot]
protected = true
mcp_rights = ["read", "write"]
[environments.prot.endpoints.hac]
url = "${emu.url}"

[mcp]
max_rows = 20
max_chars = 6000
output_dir = "${outputDir}"
`,
    }),
  );
  mcp = await connectMcp(box);
});

after(async () => {
  await mcp?.close();
  await box?.cleanup();
  await emu?.close();
});

describe('hac mcp: tools', () => {
  it('lists every tool with a description, bounded input schema and an output schema', async () => {
    const { tools } = await mcp.client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of [
      'list_environments',
      'flexible_search',
      'sql_query',
      'find_types',
      'describe_type',
      'groovy_rollback',
      'impex_validate',
      'update_data',
      'pending_patches',
      'update_log',
      'list_loggers',
      'get_configuration',
      'analyze_pk',
      'list_caches',
      'list_cron_jobs',
      'groovy_commit',
      'sql_commit',
      'impex_import',
      'set_log_level',
      'set_property',
      'delete_property',
      'clear_caches',
      'abort_cron_jobs',
      'run_update',
    ]) {
      assert.ok(names.includes(name), `${name} listed`);
    }
    for (const tool of tools) {
      assert.ok((tool.description ?? '').length > 60, `${tool.name} has a description a model can act on`);
      assert.ok(tool.outputSchema, `${tool.name} has an output schema`);
    }
    const fs = tools.find((t) => t.name === 'flexible_search');
    const maxCount = (fs?.inputSchema.properties?.['maxCount'] ?? {}) as { maximum?: number; minimum?: number };
    assert.equal(maxCount.minimum, 1);
    assert.equal(maxCount.maximum, 100_000);
    assert.match(tools.find((t) => t.name === 'groovy_commit')?.description ?? '', /granted on: test\/hac/);
  });

  it('list_environments names each environment, its rights and protection without contacting HAC', async () => {
    const before = emu.count('POST', '/hac/j_spring_security_check');
    const result = await mcp.call('list_environments');
    const envs = structured<{ environments: Array<{ environment: string; rights: string[]; readOnly: boolean; isDefault: boolean }> }>(result).environments;
    assert.deepEqual(envs.find((e) => e.environment === 'test')?.rights, ['read', 'scripting-rollback', 'write', 'update']);
    assert.deepEqual(envs.find((e) => e.environment === 'plain')?.rights, ['read']);
    assert.equal(envs.find((e) => e.environment === 'ro')?.readOnly, true);
    assert.equal(envs[0]?.isDefault, true);
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), before);
  });

  it('flexible_search answers rows as text and structured content; the audit log gets hash, size and rows', async () => {
    const query = "SELECT {isocode} FROM {Language} WHERE {isocode} IN ('de', 'en') ORDER BY {isocode}";
    const result = await mcp.call('flexible_search', { query });
    assert.equal(result.isError, undefined);
    const data = structured<{ rows: string[][]; rowCount: number; truncated: string | null }>(result);
    assert.deepEqual(data.rows, [['de'], ['en']]);
    assert.equal(data.truncated, null);
    assert.match(textOf(result), /2 row\(s\) on test\/hac/);
    const line = (await auditLines()).findLast((l) => l['tool'] === 'flexible_search');
    assert.equal(line?.['outcome'], 'ok');
    assert.equal(line?.['rows'], 2);
    assert.equal(line?.['size'], Buffer.byteLength(query));
    assert.match(String(line?.['sha256']), /^[0-9a-f]{64}$/);
    assert.equal(line?.['script'], undefined, 'the query itself only with include_scripts');
    assert.equal(line?.['user'], 'admin');
    assert.equal(line?.['commit'], false);
  });

  it('a failed query answers with HAC root cause and the closest type or attribute names', async () => {
    const wrongType = await mcp.call('flexible_search', { query: 'SELECT {code} FROM {Prodcut}' });
    const data = structured<{ success: boolean; error: string; suggestions: { closest: string[] } }>(wrongType);
    assert.equal(data.success, false);
    assert.match(data.error, /type code 'Prodcut' invalid/);
    assert.equal(data.suggestions.closest[0], 'Product');
    assert.match(textOf(wrongType), /closest to "Prodcut": Product/);
    const wrongAttribute = await mcp.call('flexible_search', { query: 'SELECT {nme} FROM {Product}' });
    const attr = structured<{ suggestions: { ofType: string; closest: string[] } }>(wrongAttribute);
    assert.equal(attr.suggestions.ofType, 'Product');
    assert.ok(attr.suggestions.closest.includes('name'), attr.suggestions.closest.join());
    assert.equal((await auditLines()).findLast((l) => l['tool'] === 'flexible_search')?.['outcome'], 'failed');
  });

  it('find_types and describe_type read the type system through FlexibleSearch', async () => {
    const found = structured<{ types: Array<{ code: string; supertype: string }> }>(await mcp.call('find_types', { contains: 'order' }));
    assert.deepEqual(found.types.map((t) => t.code), ['Order', 'OrderEntry', 'OrderStatus']);
    const product = structured<{ supertypes: string[]; attributes: Array<{ qualifier: string; type: string; unique: boolean; localized: boolean; mandatory: boolean }> }>(
      await mcp.call('describe_type', { type: 'product' }),
    );
    assert.deepEqual(product.supertypes, ['Item']);
    const byName = new Map(product.attributes.map((a) => [a.qualifier, a]));
    assert.deepEqual(byName.get('code'), { qualifier: 'code', type: 'java.lang.String', mandatory: true, unique: true, localized: false, inherited: false });
    assert.equal(byName.get('name')?.type, 'localized:java.lang.String');
    assert.equal(byName.get('catalogVersion')?.type, 'CatalogVersion');
    const unknown = await mcp.call('describe_type', { type: 'Custmer' });
    assert.deepEqual(structured<{ closest: string[] }>(unknown).closest.slice(0, 1), ['Customer']);
  });

  it('sql_query runs SELECT only', async () => {
    const ok = await mcp.call('sql_query', { query: 'SELECT COUNT(*) FROM languages' });
    assert.equal(structured<{ rows: string[][] }>(ok).rows.length, 1);
    const refused = await mcp.call('sql_query', { query: "DELETE FROM languages WHERE p_isocode = 'de'" });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /SELECT statements only.*sql_commit/);
    assert.equal((await auditLines()).findLast((l) => l['tool'] === 'sql_query')?.['outcome'], 'refused');
  });

  it('output budget: rows beyond max_rows are cut and the answer says how to get them; outputFile writes them all', async () => {
    const query = 'SELECT {code} FROM {Product} ORDER BY {code}';
    const cut = await mcp.call('flexible_search', { query });
    const data = structured<{ rows: unknown[]; rowCount: number; rowsShown: number; truncated: string }>(cut);
    assert.equal(data.rowsShown, 20);
    assert.ok(data.rowCount > 20);
    assert.match(data.truncated, /not shown.*narrow the query.*outputFile/);
    const all = await mcp.call('flexible_search', { query, maxCount: 1000, outputFile: 'products.csv' });
    const file = structured<{ outputFile: { path: string } ; rowCount: number }>(all);
    assert.equal(file.outputFile.path, join(outputDir, 'products.csv'));
    const csv = (await readFile(file.outputFile.path, 'utf8')).trimEnd().split('\n');
    assert.equal(csv.length, file.rowCount + 1);
    assert.equal(((await stat(file.outputFile.path)).mode & 0o777).toString(8), '600');
    const again = await mcp.call('flexible_search', { query, outputFile: 'products.csv' });
    assert.match(textOf(again), /exists already/);
    const escape = await mcp.call('flexible_search', { query, outputFile: '../x.csv' });
    assert.equal(escape.isError, true);
    assert.deepEqual((await readdir(outputDir)).sort(), ['products.csv']);
  });

  it('output budget: long text is cut to max_chars (the end of printed output kept); outputFile .json holds all of it', async () => {
    const script = 'print "a" * 5000; print "z"; return "r" * 9000';
    const result = await mcp.call('groovy_rollback', { script });
    const data = structured<{ result: string; output: string; truncated: string }>(result);
    assert.ok(data.result.length < 2100 && data.result.startsWith('rrr'), `result cut to a third of 6000 (${data.result.length})`);
    assert.match(data.result, /…\[7000 more characters cut\]$/);
    assert.match(data.output, /^\[3001 earlier characters cut\]…a+z$/);
    assert.match(data.truncated, /result, output \(its end is kept\) were shortened.*outputFile/);
    assert.ok(textOf(result).length < 6000 + 500, 'the text rendering keeps to the budget too');
    const full = structured<{ outputFile: { path: string } }>(await mcp.call('groovy_rollback', { script, outputFile: 'run.json' }));
    const saved = JSON.parse(await readFile(full.outputFile.path, 'utf8')) as { result: string; output: string };
    assert.deepEqual([saved.result.length, saved.output.length], [9000, 5001]);
  });

  it('an expired HAC session is renewed silently: the call answers, with one new login', async () => {
    const logins = emu.count('POST', '/hac/j_spring_security_check');
    emu.expireSessions();
    const result = await mcp.call('flexible_search', { query: "SELECT {isocode} FROM {Language} WHERE {isocode} = 'en'" });
    assert.equal(result.isError, undefined, textOf(result));
    assert.deepEqual(structured<{ rows: string[][] }>(result).rows, [['en']]);
    assert.equal(emu.count('POST', '/hac/j_spring_security_check'), logins + 1);
  });

  it('rights: a tool the environment does not grant is refused, naming the key a human must change', async () => {
    const refused = await mcp.call('groovy_rollback', { environment: 'plain', script: 'return 1' });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /"scripting-rollback" right.*environments\.plain\.mcp_rights/);
    const readOnly = await mcp.call('groovy_commit', { environment: 'ro', script: 'return 1' });
    assert.match(textOf(readOnly), /read-only/);
    const lines = await auditLines();
    assert.equal(lines.findLast((l) => l['tool'] === 'groovy_rollback')?.['outcome'], 'refused');
    assert.equal(lines.findLast((l) => l['tool'] === 'groovy_commit')?.['environment'], 'ro');
  });

  it('granted: groovy in rollback and commit mode, impex, sql_commit, loggers, caches, update', async () => {
    const rollback = structured<{ success: boolean; committed: boolean; result: string; output: string }>(
      await mcp.call('groovy_rollback', { script: 'println "hi"; return 6 * 7' }),
    );
    assert.deepEqual([rollback.success, rollback.committed, rollback.result, rollback.output.trim()], [true, false, '42', 'hi']);
    const commit = structured<{ committed: boolean }>(await mcp.call('groovy_commit', { script: 'return 1' }));
    assert.equal(commit.committed, true);
    const impex = 'INSERT_UPDATE Language;isocode[unique=true];active\n;mcpl;true';
    assert.equal(structured<{ success: boolean }>(await mcp.call('impex_validate', { impex })).success, true);
    assert.equal(structured<{ success: boolean }>(await mcp.call('impex_import', { impex })).success, true);
    const dml = structured<{ rows: string[][] }>(await mcp.call('sql_commit', { statement: "UPDATE languages SET p_active = 0 WHERE p_isocode = 'mcpl'" }));
    assert.match(dml.rows[0]?.[0] ?? '', /1 row/);
    const level = structured<{ level: string }>(await mcp.call('set_log_level', { logger: 'de.hybris.mcp', level: 'DEBUG' }));
    assert.equal(level.level, 'DEBUG');
    const loggers = structured<{ loggers: Array<{ name: string; level: string }> }>(await mcp.call('list_loggers', { contains: 'de.hybris.mcp' }));
    assert.equal(loggers.loggers[0]?.level, 'DEBUG');
    const set = structured<{ key: string; value: string }>(await mcp.call('set_property', { key: 'mcp.feature.flag', value: 'on' }));
    assert.deepEqual([set.key, set.value], ['mcp.feature.flag', 'on']);
    const read = structured<{ properties: Record<string, string> }>(await mcp.call('get_configuration', { keyContains: 'mcp.feature.flag' }));
    assert.deepEqual(read.properties, { 'mcp.feature.flag': 'on' });
    // A secret's value is not echoed back to the agent (nor shown in a confirmation).
    assert.equal(structured<{ value: string }>(await mcp.call('set_property', { key: 'mcp.api.token', value: 's3cr3t' })).value, '*****');
    assert.equal(structured<{ deleted: boolean }>(await mcp.call('delete_property', { key: 'mcp.feature.flag' })).deleted, true);
    const gone = await mcp.call('delete_property', { key: 'mcp.feature.flag' });
    assert.equal(structured<{ deleted: boolean }>(gone).deleted, false);
    assert.match(JSON.stringify(gone.content), /HAC has no property mcp\.feature\.flag/);
    assert.equal((await mcp.call('set_property', { key: 'has space', value: 'x' })).isError, true);
    assert.ok(structured<{ regions: unknown[] }>(await mcp.call('clear_caches')).regions.length > 0);
    const update = structured<{ finished: boolean; success: boolean }>(await mcp.call('run_update', { waitSeconds: 30 }));
    assert.deepEqual([update.finished, update.success], [true, true]);
    const writes = (await auditLines()).filter((l) => l['commit'] === true && l['outcome'] === 'ok').map((l) => l['tool']);
    for (const tool of ['groovy_commit', 'impex_import', 'sql_commit', 'set_log_level', 'set_property', 'delete_property', 'clear_caches', 'run_update']) assert.ok(writes.includes(tool), tool);
    const audited = await auditLines();
    assert.ok(!JSON.stringify(audited).includes('s3cr3t'), 'no property value in the audit log');
  });

  it('read consoles: update data, patches, log, configuration (secrets masked), PK, caches, cron jobs', async () => {
    assert.equal(typeof structured<{ isInitializing: boolean }>(await mcp.call('update_data')).isInitializing, 'boolean');
    assert.ok(Array.isArray(structured<{ patches: unknown[] }>(await mcp.call('pending_patches')).patches));
    assert.equal(typeof structured<{ log: string }>(await mcp.call('update_log')).log, 'string');
    const config = structured<{ properties: Record<string, string> }>(await mcp.call('get_configuration', { keyContains: 'password' }));
    assert.ok(Object.keys(config.properties).length > 0);
    for (const value of Object.values(config.properties)) assert.equal(value, '*****');
    const pk = (await mcp.call('flexible_search', { query: "SELECT {pk} FROM {Language} WHERE {isocode} = 'en'" })).structuredContent as { rows: string[][] };
    const analysis = structured<{ type: string }>(await mcp.call('analyze_pk', { pk: pk.rows[0]?.[0] ?? '' }));
    assert.equal(analysis.type, 'Language');
    assert.ok(structured<{ regions: unknown[] }>(await mcp.call('list_caches')).regions.length > 0);
    assert.ok(Array.isArray(structured<{ cronJobs: unknown[] }>(await mcp.call('list_cron_jobs')).cronJobs));
  });

  it('bad arguments are refused by the input schema before anything is sent', async () => {
    const result = await mcp.call('flexible_search', { query: 'SELECT {pk} FROM {Language}', maxCount: 0 });
    assert.equal(result.isError, true);
    const unknownEnv = await mcp.call('flexible_search', { query: 'SELECT {pk} FROM {Language}', environment: 'nope' });
    assert.match(textOf(unknownEnv), /unknown environment "nope"; known: test, plain, ro, prot/);
  });

  it('no password, session id or token in any answer, log line or audit line', async () => {
    const [session] = await box.sessionFiles();
    const secrets = ['nimda', String(session?.['session_id']), String(session?.['csrf_token'])];
    assert.ok(secrets.every((s) => s.length > 4 && s !== 'undefined'));
    const answers = JSON.stringify(await Promise.all([mcp.call('get_configuration'), mcp.call('groovy_rollback', { script: 'return "x"' })]));
    const audit = await readFile(auditPath(), 'utf8');
    for (const secret of secrets) {
      assert.ok(!answers.includes(secret), 'answers');
      assert.ok(!audit.includes(secret), 'audit');
      assert.ok(!mcp.stderr().includes(secret), 'stderr');
    }
    assert.equal(((await stat(auditPath())).mode & 0o777).toString(8), '600');
    assert.equal(((await stat(join(box.home, '.local', 'state', 'hac-client'))).mode & 0o777).toString(8), '700');
  });

  it('with --debug, the trace of a login and a call shows [REDACTED] in place of the password, session id and token', async () => {
    // A sandbox of its own, so that this server logs in under --debug instead of reusing the cached session.
    const debugBox = await createSandbox(adminEnv());
    try {
      await debugBox.writeConfig(emulatorConfig(emu, { settings: 'mcp_rights = ["read", "scripting-rollback"]\n' }));
      const traced = await connectMcp(debugBox, { globalArgs: ['--debug'] });
      try {
        assert.notEqual((await traced.call('flexible_search', { query: 'SELECT {isocode} FROM {Language}' })).isError, true);
        assert.notEqual((await traced.call('groovy_rollback', { script: 'return 1' })).isError, true);
      } finally {
        await traced.close();
      }
      const [session] = await debugBox.sessionFiles();
      const secrets = ['nimda', String(session?.['session_id']), String(session?.['csrf_token'])];
      assert.ok(secrets.every((s) => s.length > 4 && s !== 'undefined'), 'the login left a session');
      const trace = traced.stderr();
      assert.match(trace, /j_spring_security_check/, 'the login is traced');
      assert.match(trace, /\[REDACTED\]/);
      for (const secret of secrets) assert.ok(!trace.includes(secret), 'a secret in the --debug trace');
    } finally {
      await debugBox.cleanup();
    }
  });

  it('protected: a write is refused when the client cannot ask a human (no elicitation)', async () => {
    const result = await mcp.call('groovy_commit', { environment: 'prot', script: 'return 1' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /protected.*cannot ask for one/);
    assert.equal((await auditLines()).findLast((l) => l['environment'] === 'prot')?.['outcome'], 'refused');
    // HAC aborts every running cron job at once: a human confirms it on every environment, as the CLI asks.
    const abort = await mcp.call('abort_cron_jobs');
    assert.match(textOf(abort), /refused on test\/hac: it acts on every running job at once.*cannot ask for one/);
    assert.equal(emu.count('POST', '/hac/monitoring/cronjobs/abort'), 0);
  });
});

describe('hac mcp: confirmation by a human on protected environments (elicitation)', () => {
  const answers: Array<'accept' | 'decline' | 'cancel' | 'no'> = [];
  const asked: string[] = [];
  let human: McpSession;

  before(async () => {
    human = await connectMcp(box, {
      elicit: (message) => {
        asked.push(message);
        const answer = answers.shift() ?? 'decline';
        if (answer === 'accept' || answer === 'no') return { action: 'accept', content: { confirm: answer === 'accept' } };
        return { action: answer };
      },
    });
  });
  after(() => human?.close());

  it('accepted: the human sees the script and the write runs', async () => {
    answers.push('accept');
    const result = await human.call('groovy_commit', { environment: 'prot', script: 'return "confirmed"' });
    assert.equal(structured<{ result: string; committed: boolean }>(result).result, 'confirmed');
    assert.match(asked.at(-1) ?? '', /Protected environment prot\/hac .*COMMIT mode[\s\S]*return "confirmed"/);
    assert.equal((await auditLines()).findLast((l) => l['environment'] === 'prot')?.['outcome'], 'ok');
  });

  it('declined, answered no or cancelled: nothing is sent, the audit log says declined', async () => {
    for (const answer of ['decline', 'no', 'cancel'] as const) {
      answers.push(answer);
      const before = emu.count('POST', '/hac/console/scripting/execute');
      const result = await human.call('groovy_commit', { environment: 'prot', script: 'return 2' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /not run: the human did not confirm/);
      assert.equal(emu.count('POST', '/hac/console/scripting/execute'), before);
      assert.equal((await auditLines()).findLast((l) => l['environment'] === 'prot')?.['outcome'], 'declined');
    }
  });

  it('abort_cron_jobs asks a human also on an unprotected environment, then says which jobs HAC could not abort', async () => {
    answers.push('accept');
    const result = await human.call('abort_cron_jobs');
    assert.match(asked.at(-1) ?? '', /^Environment test\/hac .*abort EVERY running cron job/);
    const data = structured<{ abortRequested: string[]; notAbortable: string[] }>(result);
    assert.deepEqual(data, { environment: 'test', endpoint: 'hac', abortRequested: ['full-electronicsIndex-cronJob'], notAbortable: ['sync electronicsProductCatalog:Staged->Online'] });
    assert.match(textOf(result), /could not abort \(still running\): sync electronicsProductCatalog/);
    const line = (await auditLines()).findLast((l) => l['tool'] === 'abort_cron_jobs');
    assert.deepEqual([line?.['outcome'], line?.['rows'], line?.['commit']], ['failed', 1, true]);
    const jobs = structured<{ cronJobs: Array<{ code: string; percent: number | null }> }>(await human.call('list_cron_jobs'));
    assert.deepEqual(jobs.cronJobs.map((j) => j.code), ['sync electronicsProductCatalog:Staged->Online']);
  });

  it('reads on a protected environment and writes elsewhere ask nobody', async () => {
    const count = asked.length;
    await human.call('flexible_search', { environment: 'prot', query: 'SELECT {pk} FROM {Language}' });
    await human.call('groovy_commit', { script: 'return 3' });
    assert.equal(asked.length, count);
  });
});
