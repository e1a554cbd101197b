/**
 * The audit log of the CLI's write commands and `hac history`: what is written (never a secret), where
 * (the state directory, 0600 in 0700), concurrent appends, planted links, and the history filters.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emulatorConfig, startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import type { HacSandbox } from './helpers/hac-process.js';

let emu: Emulator;
let box: HacSandbox;

const stateDir = (): string => join(box.home, '.local', 'state', 'hac-client');
const auditPath = (): string => join(stateDir(), 'audit.jsonl');

async function auditLines(path = auditPath()): Promise<Array<Record<string, unknown>>> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

before(async () => {
  ({ emu, box } = await startEmulatorSandbox({ emulator: { data: 'sample' }, config: { guarded: true } }));
});
after(() => stopEmulatorSandbox(emu, box));

describe('audit log of write commands', () => {
  it('groovy --commit, sql --commit and impex import append one line each: who, where, what (hash and size), outcome', async () => {
    const script = 'return "audited"';
    assert.equal((await box.run(['groovy', script, '--commit'])).code, 0);
    const sql = "UPDATE languages SET p_active = 1 WHERE p_isocode = 'en'";
    assert.equal((await box.run(['sql', sql, '--commit'])).code, 0);
    const impexFile = join(box.dir, 'lang.impex');
    await writeFile(impexFile, 'INSERT_UPDATE Language;isocode[unique=true];active\n;audl;true\n');
    assert.equal((await box.run(['impex', 'import', impexFile])).code, 0);
    assert.equal((await box.run(['groovy', 'return 2'])).code, 0, 'rollback runs are not write commands');
    const lines = await auditLines();
    assert.deepEqual(lines.map((l) => l['tool']), ['groovy --commit', 'sql --commit', 'impex import']);
    const [groovy, update] = lines;
    assert.equal(groovy?.['source'], 'cli');
    assert.equal(groovy?.['environment'], 'test');
    assert.equal(groovy?.['endpoint'], 'hac');
    assert.equal(groovy?.['url'], `${emu.url}/hac`);
    assert.equal(groovy?.['user'], 'admin');
    assert.equal(groovy?.['commit'], true);
    assert.equal(groovy?.['outcome'], 'ok');
    assert.equal(groovy?.['sha256'], createHash('sha256').update(script).digest('hex'));
    assert.equal(groovy?.['size'], script.length);
    assert.equal(typeof groovy?.['durationMs'], 'number');
    assert.equal(groovy?.['script'], undefined);
    assert.equal(update?.['outcome'], 'ok');
    const raw = await readFile(auditPath(), 'utf8');
    assert.ok(!raw.includes('nimda'), 'no password');
    const [session] = await box.sessionFiles();
    assert.ok(!raw.includes(String(session?.['session_id'])), 'no session id');
    assert.ok(!raw.includes(String(session?.['csrf_token'])), 'no CSRF token');
    assert.equal(((await stat(auditPath())).mode & 0o777).toString(8), '600');
    assert.equal(((await stat(stateDir())).mode & 0o777).toString(8), '700');
  });

  it('a failed script is logged as failed; refused and unconfirmed writes as refused', async () => {
    assert.equal((await box.run(['groovy', 'throw new RuntimeException("boom")', '--commit'])).code, 1);
    assert.equal((await box.run(['-e', 'ro', 'groovy', 'return 1', '--commit'])).code, 2);
    assert.equal((await box.run(['-e', 'prot', 'sql', 'DELETE FROM languages', '--commit'])).code, 2);
    const [failed, readOnly, unconfirmed] = (await auditLines()).slice(-3);
    assert.equal(failed?.['outcome'], 'failed');
    assert.match(String(failed?.['reason']), /boom/);
    assert.deepEqual([readOnly?.['environment'], readOnly?.['outcome'], readOnly?.['user']], ['ro', 'refused', 'admin']);
    assert.match(String(readOnly?.['reason']), /read-only/);
    assert.deepEqual([unconfirmed?.['environment'], unconfirmed?.['tool'], unconfirmed?.['outcome']], ['prot', 'sql --commit', 'refused']);
  });

  it('concurrent processes append whole lines', async () => {
    const before = (await auditLines()).length;
    const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => box.run(['groovy', `return ${i}`, '--commit'])));
    assert.ok(runs.every((r) => r.code === 0));
    const lines = await auditLines();
    assert.equal(lines.length, before + 6);
    assert.deepEqual(new Set(lines.slice(-6).map((l) => l['pid'])).size, 6);
  });

  it('scripts themselves only with [audit] include_scripts = true', async () => {
    await box.writeConfig(`${emulatorConfig(emu)}\n[audit]\ninclude_scripts = true\n`);
    try {
      assert.equal((await box.run(['groovy', 'return "kept"', '--commit'])).code, 0);
      assert.equal((await auditLines()).at(-1)?.['script'], 'return "kept"');
    } finally {
      await box.writeConfig(emulatorConfig(emu, { guarded: true }));
    }
  });

  it('XDG_STATE_HOME moves it; a link planted there is not followed (the write still runs, with a warning)', async () => {
    const state = join(box.dir, 'state');
    await mkdir(join(state, 'hac-client'), { recursive: true, mode: 0o700 });
    const victim = join(box.dir, 'victim.txt');
    await writeFile(victim, 'untouched\n');
    await symlink(victim, join(state, 'hac-client', 'audit.jsonl'));
    const result = await box.run(['groovy', 'return 1', '--commit'], { env: { XDG_STATE_HOME: state } });
    assert.equal(result.code, 0);
    assert.match(result.stderr, /warning: audit log not written: .*symbolic link/);
    assert.equal(await readFile(victim, 'utf8'), 'untouched\n');
    const moved = join(box.dir, 'state2');
    assert.equal((await box.run(['groovy', 'return 1', '--commit'], { env: { XDG_STATE_HOME: moved } })).code, 0);
    assert.equal((await auditLines(join(moved, 'hac-client', 'audit.jsonl'))).length, 1);
  });
});

describe('hac history', () => {
  it('shows the log as a table, --json, and filters by environment, time, tool and outcome', async () => {
    const table = await box.run(['history', '--format', 'table'], { env: { COLUMNS: '200' } });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /groovy --commit/);
    assert.match(table.stdout, /test\/hac/);
    const all = JSON.parse((await box.run(['history', '--json', '--limit', '1000'])).stdout) as Array<Record<string, unknown>>;
    assert.equal(all.length, (await auditLines()).length);
    const ro = JSON.parse((await box.run(['history', '-e', 'ro', '--json'])).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(ro.map((e) => e['environment']), ['ro']);
    const refused = JSON.parse((await box.run(['history', '--outcome', 'refused', '--json'])).stdout) as Array<Record<string, unknown>>;
    assert.equal(refused.length, 2);
    const sql = JSON.parse((await box.run(['history', '--tool', 'sql', '--since', '1h', '--json'])).stdout) as Array<Record<string, unknown>>;
    assert.ok(sql.length >= 2 && sql.every((e) => String(e['tool']).startsWith('sql')));
    assert.deepEqual(JSON.parse((await box.run(['history', '--until', '2001-01-01', '--json'])).stdout), []);
    const last = JSON.parse((await box.run(['history', '--limit', '1', '--json'])).stdout) as unknown[];
    assert.equal(last.length, 1);
    const bad = await box.run(['history', '--since', 'yesterday']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /expected a duration such as 30m/);
  });
});

describe('audit log of the console write commands', () => {
  it('logger set, property set/delete, cache clear and cronjob abort-all append a line each; a property value never', async () => {
    const before = (await auditLines()).length;
    const secretValue = 'hunter2-audit-value';
    for (const args of [
      ['logger', 'set', 'de.hybris.audit', 'DEBUG'],
      ['property', 'set', 'audit.secret.value', secretValue],
      ['property', 'delete', 'audit.secret.value'],
      ['cache', 'clear'],
    ]) {
      const run = await box.run(args);
      assert.equal(run.code, 0, run.stderr);
    }
    assert.equal((await box.run(['property', 'delete', 'audit.no.such.key'])).code, 1);
    const abort = await box.run(['cronjob', 'abort-all', '--yes']);
    assert.equal(abort.code, 1, 'the emulator has a job HAC cannot abort');
    assert.equal((await box.run(['-e', 'ro', 'cache', 'clear', '--yes'])).code, 2);
    const lines = (await auditLines()).slice(before);
    assert.deepEqual(
      lines.map((l) => [l['tool'], l['outcome'], l['environment']]),
      [
        ['logger set', 'ok', 'test'],
        ['property set', 'ok', 'test'],
        ['property delete', 'ok', 'test'],
        ['cache clear', 'ok', 'test'],
        ['property delete', 'failed', 'test'],
        ['cronjob abort-all', 'failed', 'test'],
        ['cache clear', 'refused', 'ro'],
      ],
    );
    const [logger, property] = lines;
    assert.equal(logger?.['sha256'], createHash('sha256').update('de.hybris.audit=DEBUG').digest('hex'));
    assert.equal(property?.['sha256'], createHash('sha256').update('audit.secret.value').digest('hex'));
    assert.equal(lines[3]?.['rows'], 4, 'the regions cleared');
    assert.deepEqual([lines[5]?.['rows'], lines[5]?.['commit'], lines[5]?.['user']], [1, true, 'admin']);
    assert.match(String(lines[5]?.['reason']), /not abortable, still running: sync /);
    assert.ok(!(await readFile(auditPath(), 'utf8')).includes(secretValue), 'no property value');
  });
});
