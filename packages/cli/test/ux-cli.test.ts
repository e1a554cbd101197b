/**
 * What `hac` tells a script or a person when something goes wrong or may have happened: JSON error
 * objects, connection resets during work, Ctrl-C during a long script, rolled-back changes, the
 * update plan of --dry-run.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { hacCommand, type HacSandbox } from './helpers/hac-process.js';

describe('hac reports', () => {
  let emu: Emulator;
  let box: HacSandbox;
  let scriptArrived: () => void = () => {};
  before(async () => {
    ({ emu, box } = await startEmulatorSandbox({ config: { guarded: true } }));
    // The emulator's Groovy subset has no modelService: answer such scripts as HAC would.
    emu.registerScript(async ({ script }) => {
      if (script.includes('modelService.save')) return { executionResult: 'saved', outputText: '', stacktraceText: '' };
      if (script.includes('Thread.sleep')) {
        scriptArrived();
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return { executionResult: 'slept', outputText: '', stacktraceText: '' };
      }
      return undefined;
    });
  });
  beforeEach(() => emu.resetRequests());
  after(() => stopEmulatorSandbox(emu, box));

  it('--json: a failure is also a JSON object on stdout (error, kind, exitCode, hint), beside the stderr line', async () => {
    const usage = await box.run(['groovy', 'return 1', '--comit', '--json']);
    assert.equal(usage.code, 2);
    assert.deepEqual(JSON.parse(usage.stdout), { error: "unknown option '--comit' (did you mean --commit?)", kind: 'usage', exitCode: 2, hint: 'see: hac groovy --help' });
    assert.equal(usage.stderr, "hac: unknown option '--comit' (did you mean --commit?); see: hac groovy --help\n");

    const refused = await box.run(['--url', 'http://127.0.0.1:1', 'login', '--format', 'json']);
    assert.equal(refused.code, 4);
    const object = JSON.parse(refused.stdout);
    assert.equal(object.kind, 'connection');
    assert.equal(object.exitCode, 4);
    assert.match(object.error, /^Connection refused by 127\.0\.0\.1:1/);
    assert.match(object.hint, /URL/);
    assert.equal(refused.stderr.split('\n').length, 2, 'one line on stderr');

    const auth = await box.run(['session', 'start', '--force', '--format', 'ndjson'], { env: { HAC_PASSWORD: 'wrong' } });
    assert.equal(auth.code, 3);
    assert.equal(auth.stdout.split('\n').length, 2, 'ndjson: one line');
    assert.equal(JSON.parse(auth.stdout).kind, 'authentication');

    const plain = await box.run(['groovy', 'return 1', '--comit']);
    assert.equal(plain.stdout, '', 'no JSON without --json');
  });

  it('-k against a plain-HTTP port says the port speaks HTTP and to use http://', async () => {
    const result = await box.run(['--url', emu.url.replace('http:', 'https:'), '-k', 'login']);
    assert.equal(result.code, 4);
    assert.match(result.stderr, /^hac: 127\.0\.0\.1:\d+ speaks plain HTTP, not HTTPS \(ERR_SSL_\w+\): use http:\/\/127\.0\.0\.1:\d+: GET https:/);
    assert.doesNotMatch(result.stderr, /pass -k/);
  });

  it('a connection reset during groovy --commit, sql --commit or impex import says the work may have run', async () => {
    const impex = join(box.dir, 'lang.impex');
    await writeFile(impex, 'INSERT_UPDATE Language;isocode[unique=true];active\n;xx;true\n');
    const cases: [string, string[], string][] = [
      ['/hac/console/scripting/execute', ['groovy', 'return 1', '--commit'], 'the script'],
      ['/hac/console/flexsearch/execute', ['sql', "UPDATE products SET p_code = p_code WHERE 1 = 0", '--commit'], 'the statement'],
      ['/hac/console/impex/import/upload', ['impex', 'import', impex], 'the import'],
    ];
    for (const [path, args, what] of cases) {
      emu.injectFault({ path, kind: 'reset' });
      const result = await box.run(args);
      assert.equal(result.code, 4, result.stderr);
      assert.match(result.stderr, new RegExp(`^hac: .*closed before the response was complete.* — ${what} may have run on the server: check before running it again\\n$`));
      assert.equal(emu.count('POST', path), 1, 'sent once, never repeated');
    }
  });

  it('Ctrl-C during a long script says it goes on running on the server', async () => {
    await box.run(['login']);
    const arrived = new Promise<void>((resolve) => (scriptArrived = resolve));
    const { command, args } = hacCommand();
    const env = Object.fromEntries(Object.entries(box.env).filter((e): e is [string, string] => e[1] !== undefined));
    const child = spawn(command, [...args, 'groovy', 'Thread.sleep(2000)'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await arrived;
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.match(stderr, /^hac: interrupted: if HAC received the script, it goes on running there; Ctrl-C only stopped hac waiting for it\n$/);
  });

  it('sql and groovy without --commit say on stderr that their changes were rolled back', async () => {
    const update = await box.run(['sql', "UPDATE products SET p_code = p_code WHERE p_code LIKE 'HW-100%'"]);
    assert.equal(update.code, 0, update.stderr);
    assert.match(update.stderr, /rolled back: the statement changed \d+ rows, which were not kept \(pass --commit to keep them\)/);
    const committed = await box.run(['sql', "UPDATE products SET p_code = p_code WHERE p_code LIKE 'HW-100%'", '--commit']);
    assert.doesNotMatch(committed.stderr, /rolled back/);
    const select = await box.run(['sql', 'SELECT COUNT(*) FROM products']);
    assert.doesNotMatch(select.stderr, /rolled back/);
    const save = await box.run(['groovy', 'def p = null; modelService.save(p); return "saved"']);
    assert.equal(save.stdout, 'saved\n');
    assert.match(save.stderr, /rolled back: the script ran without --commit, so what it saved or removed was not kept/);
  });

  it('update run --dry-run prints the plan and sends nothing to run, without a confirmation', async () => {
    const text = await box.run(['-e', 'prot', 'update', 'run', '--dry-run', '--create-essential-data']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^target +prot\/hac \(http:\/\/127\.0\.0\.1:\d+\/hac\)\n/);
    assert.match(text.stdout, /essential data +yes\n/);
    assert.match(text.stdout, /run +Patch_2211_01_TaxRows \(acmepatches, required\)/);
    assert.match(text.stdout, /skip +Patch_2211_03_InitialPromotions/);
    assert.match(text.stderr, /dry run: nothing was sent to HAC to run/);
    const json = JSON.parse((await box.run(['update', 'run', '--dry-run', '--patch', 'Patch_2211_02_CmsFooter', '--json'])).stdout);
    assert.deepEqual(
      json.patches.filter((p: { runs: boolean }) => p.runs).map((p: { name: string }) => p.name),
      ['Patch_2211_02_CmsFooter'],
    );
    // (The long script of the Ctrl-C test may still be logged here: only the update pages count.)
    const sent = emu.requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/hac/platform/'));
    assert.deepEqual(sent, [], 'nothing but reads of the update pages');
    assert.equal(emu.count('GET', '/hac/platform/init/pendingPatches'), 2, 'one read of the pending patches per run');
  });

  it('into pipes the output stays plain: no colors or labels, also without NO_COLOR on a colour terminal', async () => {
    const env = { NO_COLOR: undefined, TERM: 'xterm-256color', COLORTERM: 'truecolor' };
    const runs = await Promise.all([
      box.run(['groovy', 'println "hello"; return 6 * 7'], { env }),
      box.run(['groovy', 'throw new Exception("boom")'], { env }),
      box.run(['fs', 'SELECT {isocode} FROM {Language}', '--format', 'table'], { env }),
    ]);
    assert.deepEqual(runs.map((r) => r.code), [0, 1, 0]);
    assert.equal(runs[0]?.stdout, '42\n', 'the result alone, unlabelled');
    assert.equal(runs[0]?.stderr, 'hello\n');
    for (const run of runs) assert.ok(!(run.stdout + run.stderr).includes(String.fromCharCode(27)), run.stdout + run.stderr);
  });

  it('--value prints the one value of a result, bare, for shell variables', async () => {
    const count = await box.run(['fs', 'SELECT COUNT({pk}) FROM {Language}', '--value']);
    assert.equal(count.code, 0, count.stderr);
    assert.match(count.stdout, /^\d+\n$/);
    assert.equal((await box.run(['groovy', 'return 6 * 7', '--value'])).stdout, '42\n');
    const many = await box.run(['fs', 'SELECT {isocode}, {pk} FROM {Language}', '--value']);
    assert.equal(many.code, 1);
    assert.match(many.stderr, /^hac: --value needs a result of one row with one column; this one has \d+ rows and 2 columns\n$/m);
    assert.equal(many.stdout, '');
    const json = await box.run(['sql', 'SELECT 1', '--value', '--json']);
    assert.equal(json.code, 2);
    assert.match(json.stderr, /--value prints one bare value: leave out --format, --json and --csv/);
  });

  it('-o/--output FILE writes the data atomically: complete on success, untouched on failure, nothing left behind', async () => {
    const file = join(box.dir, 'out', 'languages.tsv');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(box.dir, 'out'));
    const query = 'SELECT {isocode} FROM {Language} ORDER BY {isocode}';
    const piped = await box.run(['fs', query]);
    const written = await box.run(['fs', query, '-o', file]);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.equal(await readFile(file, 'utf8'), piped.stdout);
    const failed = await box.run(['fs', 'SELECT {nope} FROM {Language}', '--output', file, '--json']);
    assert.equal(failed.code, 1);
    assert.equal(await readFile(file, 'utf8'), piped.stdout, 'a failure leaves the file as it was');
    assert.deepEqual(await readdir(join(box.dir, 'out')), ['languages.tsv'], 'no temporary file stays');
    const patches = await box.run(['update', 'patches', '-o', join(box.dir, 'out', 'patches.tsv')]);
    assert.equal(patches.code, 0, patches.stderr);
    assert.match(await readFile(join(box.dir, 'out', 'patches.tsv'), 'utf8'), /^Patch_2211_01_TaxRows\tpending\t[0-9a-f]+\t/);
    assert.equal((await box.run(['groovy', 'return 1', '-o', '-'])).stdout, '1\n', '- is stdout');
    const nowhere = await box.run(['groovy', 'return 1', '-o', join(box.dir, 'missing', 'x.txt')]);
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.stderr, /^hac: cannot write --output .*missing\/x\.txt: ENOENT\n$/);
  });

  it('one rule for every listing: tab-separated when piped (unless --format), machine values in machine formats', async () => {
    await box.run(['login']);
    const sessions = await box.run(['session', 'list']);
    assert.equal(sessions.code, 0, sessions.stderr);
    // Other tests of this file share the session cache: pick this environment's row.
    const [header, ...rows] = sessions.stdout.split('\n');
    const row = rows.find((line) => line.startsWith('test/hac\t'));
    assert.equal(header, 'environment\turl\tusername\tcreated\tlastUsed\tageSeconds\tidleSeconds\troute');
    assert.match(row ?? '', /^test\/hac\thttp:\/\/127\.0\.0\.1:\d+\tadmin\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\t\d+\t\d+\tfalse$/);
    const [json] = JSON.parse((await box.run(['session', 'list', '--json'])).stdout) as Record<string, unknown>[];
    assert.ok(Number.isInteger(json?.['age_seconds']) && Number.isInteger(json?.['idle_seconds']), 'whole seconds');
    assert.match(String(json?.['created_at']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const shown = JSON.parse((await box.run(['session', 'show', '--json'])).stdout) as Record<string, unknown>;
    assert.match(String(shown['last_used_at']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const envs = await box.run(['env', 'list']);
    assert.match(envs.stdout, /^name\tdefault\turl\tdefaultEndpoint\tendpoints\tusername\tprotected\treadOnly\ntest\ttrue\thttp:\/\/127\.0\.0\.1:\d+\thac\thac\t\tfalse\tfalse\n/);
    const endpoints = await box.run(['endpoint', 'list', 'test']);
    assert.match(endpoints.stdout, /^name\tdefault\turl\thacPath\tignoreSsl\t/);
    assert.match((await box.run(['env', 'list', '--format', 'table'])).stdout, /^┌/, '--format still decides');
  });

  // Last: the update it runs leaves Patch_2211_02_CmsFooter no longer pending for the tests above.
  it('a connection reset during update run says the update may have run and how to watch it', async () => {
    emu.injectFault({ path: '/hac/platform/init/execute', kind: 'reset' });
    const update = await box.run(['update', 'run', '--patch', 'Patch_2211_02_CmsFooter', '--no-follow']);
    assert.equal(update.code, 4, update.stderr);
    assert.match(update.stderr, /\nhac: .*closed before the response was complete.* — the update may have run on the server: check before running it again \(watch it with: hac update log --follow\)\n$/);
    assert.equal(emu.count('POST', '/hac/platform/init/execute'), 1, 'sent once, never repeated');
  });
});
