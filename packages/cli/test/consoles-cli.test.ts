/**
 * The console commands without a page of their own elsewhere: logger, property, pk, cache, cronjob
 * and impex export, against the emulator (shapes as HAC's sources show them), with their guard rails.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import type { HacSandbox } from './helpers/hac-process.js';

describe('hac logger, property, pk, cache, cronjob and impex export', { concurrency: true }, () => {
  let emu: Emulator;
  let box: HacSandbox;
  before(async () => ({ emu, box } = await startEmulatorSandbox({ config: { guarded: true } })));
  after(() => stopEmulatorSandbox(emu, box));

  it('logger list shows each logger with its level and parent; set changes a level, guarded', async () => {
    const list = await box.run(['logger', 'list', 'de.hybris.platform.j']);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout, 'name\tlevel\tparent\nde.hybris.platform.jalo\tWARN\tde.hybris.platform\n');
    const set = await box.run(['logger', 'set', 'de.hybris.platform.jalo', 'debug', '--json']);
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(JSON.parse(set.stdout), { name: 'de.hybris.platform.jalo', level: 'DEBUG', parent: 'de.hybris.platform' });
    assert.match(set.stderr, /set to DEBUG \(in memory, until the node restarts\)/);
    const badLevel = await box.run(['logger', 'set', 'x', 'LOUD']);
    assert.equal(badLevel.code, 2);
    assert.match(badLevel.stderr, /expected one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL/);
    const refused = await box.run(['logger', 'set', 'not a logger', 'INFO']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /HAC refused the logger name "not a logger"/);
    const readOnly = await box.run(['-e', 'ro', 'logger', 'set', 'de.hybris', 'INFO', '--yes']);
    assert.equal(readOnly.code, 2);
    assert.match(readOnly.stderr, /ro is read-only .* refusing to change a log level/);
    const protectedEnv = await box.run(['-e', 'prot', 'logger', 'set', 'de.hybris', 'INFO']);
    assert.equal(protectedEnv.code, 2);
    assert.match(protectedEnv.stderr, /prot is protected: refusing to change a log level .* pass --yes to confirm/);
  });

  it('property list/get/set/delete read and change the in-memory configuration, secrets masked, guarded', async () => {
    const list = await box.run(['property', 'list', 'db.']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^key\tvalue\n/);
    assert.match(list.stdout, /^db\.password\t\*\*\*\*\*$/m);
    assert.equal((await box.run(['prop', 'get', 'tomcat.ssl.port'])).stdout, '9002\n');
    const missing = await box.run(['property', 'get', 'no.such.key']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /HAC has no property no\.such\.key/);
    assert.equal((await box.run(['property', 'set', 'cli.test.flag', 'on & off'])).code, 0);
    assert.deepEqual(JSON.parse((await box.run(['property', 'get', 'cli.test.flag', '--json'])).stdout), { key: 'cli.test.flag', value: 'on & off' });
    assert.equal((await box.run(['property', 'delete', 'cli.test.flag'])).code, 0);
    const again = await box.run(['property', 'delete', 'cli.test.flag']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /nothing deleted/);
    const readOnly = await box.run(['-e', 'ro', 'property', 'set', 'a.b', 'c', '--yes']);
    assert.equal(readOnly.code, 2);
    assert.match(readOnly.stderr, /read-only .* refusing to change a configuration property/);
  });

  it('pk decodes PKs; a PK HAC cannot analyse exits 1 with its message', async () => {
    const [pk] = emu.engine.flexibleSearch("SELECT {pk} FROM {Product} WHERE {code} = 'HW-1001'", { maxCount: 1, locale: 'en', user: 'admin' }).rows[0] ?? [];
    assert.ok(pk);
    const result = await box.run(['pk', pk, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const [analysis] = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.equal(analysis?.['typeName'], 'Product');
    assert.equal(analysis?.['success'], true);
    assert.match(String(analysis?.['creationDate']), /^\d{4}-\d\d-\d\dT/);
    const bad = await box.run(['pk', '42']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /PK 42: 42 is not a PK of this system/);
    const usage = await box.run(['pk', 'abc']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /a PK is a decimal number/);
  });

  it('cache list shows the regions; cache clear clears every region, guarded', async () => {
    const list = await box.run(['cache', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^region\tentries\tmaxEntries\thits\tmisses\thitRatio\tevictions\tinvalidations\n/);
    assert.match(list.stdout, /^entityCacheRegion\t\d+\t100000\t[1-9]\d*\t/m);
    const readOnly = await box.run(['-e', 'ro', 'cache', 'clear', '--yes']);
    assert.equal(readOnly.code, 2);
    assert.match(readOnly.stderr, /refusing to clear every region cache/);
    const cleared = await box.run(['cache', 'clear', '--json']);
    assert.equal(cleared.code, 0, cleared.stderr);
    const regions = JSON.parse(cleared.stdout) as { hits: number }[];
    assert.ok(regions.length === 4 && regions.every((region) => region.hits === 0));
    assert.match(cleared.stderr, /cleared every region cache \(4\)/);
  });

  it('cronjob list shows progress; abort-all lists the jobs, needs a confirmation, and says which were aborted', async () => {
    const list = await box.run(['cronjob', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^cronJob\tjob\tpercent\tprogress\nfull-electronicsIndex-cronJob\tsolrIndexerJob\t42\t\(42%\) \[\+{14}-{20}\] elapsed:/);
    const readOnly = await box.run(['-e', 'ro', 'cronjob', 'abort-all', '--yes']);
    assert.equal(readOnly.code, 2);
    assert.match(readOnly.stderr, /read-only .* refusing to abort every running cron job/);
    // Not protected, yet it asks: HAC aborts every running job at once.
    const unconfirmed = await box.run(['cronjob', 'abort-all']);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /running cron jobs \(HAC aborts every one[^\n]*\n {2}full-electronicsIndex-cronJob \(solrIndexerJob, 42%\)/);
    assert.match(unconfirmed.stderr, /pass --yes to confirm/);
    assert.equal(emu.count('POST', '/hac/monitoring/cronjobs/abort'), 0);
    const aborted = await box.run(['cronjob', 'abort-all', '--yes', '--json']);
    assert.deepEqual(JSON.parse(aborted.stdout), { 'full-electronicsIndex-cronJob': true, 'sync electronicsProductCatalog:Staged->Online': false });
    assert.equal(aborted.code, 1, 'one job is not abortable');
    assert.match(aborted.stderr, /not abortable, still running: sync electronicsProductCatalog:Staged->Online/);
    assert.equal((await box.run(['cronjob', 'list'])).stdout.trimEnd().split('\n').length, 2, 'the header and the job that could not be aborted');
  });

  it('impex export saves the ZIP HAC links and lists its files; an existing file needs --force', async () => {
    const script = join(box.dir, 'export.impex');
    await writeFile(script, 'INSERT_UPDATE Language;isocode[unique=true];active\n"#% impex.exportItems(""Language"", false);"\n');
    const zip = join(box.dir, 'languages.zip');
    const result = await box.run(['impex', 'export', script, '--zip', zip]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^file\tsize\nimportscript\.impex\t\d+\n/);
    assert.match(result.stderr, /Export finished successfully: saved .*languages\.zip/);
    assert.equal((await readFile(zip)).readUInt32LE(0), 0x04034b50, 'a ZIP file');
    assert.ok(emu.requests.some((r) => r.method === 'GET' && r.path.startsWith('/medias/dataexport_')), 'downloaded from /medias/, as the page links it');
    const exists = await box.run(['impex', 'export', script, '--zip', zip]);
    assert.equal(exists.code, 2);
    assert.match(exists.stderr, /languages\.zip exists: pass --force/);
    assert.equal((await box.run(['impex', 'export', script, '--zip', zip, '--force', '--mode', 'export_reimport_strict'])).code, 0);
    const toStdout = await box.run(['impex', 'export', script, '--zip', '-']);
    assert.equal(toStdout.code, 0, toStdout.stderr);
    assert.ok(toStdout.stdout.startsWith('PK\u0003\u0004'), '--zip - writes the ZIP itself to stdout');
  });

  it('lists the new commands in completion scripts and shows examples in --help', async () => {
    const bash = await box.run(['completion', 'bash']);
    for (const word of ['logger', 'property', 'cronjob', 'abort-all', 'pk', 'cache']) assert.ok(bash.stdout.includes(word), word);
    assert.match((await box.run(['cronjob', 'abort-all', '--help'])).stdout, /Examples:\n {2}\$ hac cronjob abort-all\n/);
  });
});
