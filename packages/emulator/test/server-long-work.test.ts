import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startEmulator } from '../src/index.js';
import { Browser, send } from './server-helpers.js';

/** Resolves once `condition` holds, checking between turns of the event loop (never blocks it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('long work in the emulator', () => {
  it('a big console import lets the control API answer meanwhile, and close() stops it', async () => {
    const emu = await startEmulator({ data: 'empty', control: true });
    let closed = false;
    after(() => (closed ? undefined : emu.close()));
    const lines = 5000;
    const script = ['INSERT_UPDATE Language;isocode[unique=true]', ...Array.from({ length: lines }, (_, i) => `;x${i}`)].join('\n');
    const languages = (): number =>
      Number(emu.engine.flexibleSearch('SELECT COUNT({pk}) FROM {Language}', { maxCount: 1, locale: 'en', user: 'admin' }).rows[0]?.[0]);
    const initial = languages();
    const browser = new Browser(emu.url);
    await browser.login();
    let settled = false;
    const importing = browser
      .post('/hac/console/impex/import', { scriptContent: script, validationEnum: 'IMPORT_STRICT', maxThreads: '1', encoding: 'UTF-8', _csrf: browser.token ?? '' })
      .finally(() => (settled = true));
    importing.catch(() => undefined);
    await until(() => languages() > initial || settled);
    assert.ok(languages() < initial + lines, 'the import ran to its end before anything else could run');
    const counts = await send(`${emu.url}/__emulator/counts`);
    assert.equal(counts.status, 200);
    assert.ok(languages() < initial + lines, 'the control request waited for the whole import');
    closed = true;
    await emu.close();
    await assert.rejects(importing);
  });

  it('a big console export lets the control API answer meanwhile, and close() stops it', async () => {
    const emu = await startEmulator({ data: 'empty', control: true, generate: { Product: 5000 } });
    let closed = false;
    after(() => (closed ? undefined : emu.close()));
    // Told when the console starts and ends the export: a control request sent after the start must
    // not wait for the end.
    let started!: () => void;
    const exportStarted = new Promise<void>((resolve) => (started = resolve));
    let exported = false;
    const exportAsync = emu.engine.exportImpexAsync.bind(emu.engine);
    emu.engine.exportImpexAsync = (...args) => {
      started();
      return exportAsync(...args).finally(() => (exported = true));
    };
    const browser = new Browser(emu.url);
    await browser.login();
    const exporting = browser
      .post('/hac/console/impex/export', {
        scriptContent: 'INSERT_UPDATE Product;code[unique=true];name[lang=en]\n"#% impex.exportItems(""Product"", false);"',
        validationEnum: 'EXPORT_ONLY', encoding: 'UTF-8', _csrf: browser.token ?? '',
      });
    exporting.catch(() => undefined);
    await exportStarted;
    const counts = await send(`${emu.url}/__emulator/counts`);
    assert.equal(counts.status, 200);
    assert.equal(exported, false, 'the control request waited for the whole export');
    closed = true;
    await emu.close();
    await assert.rejects(exporting);
  });
});
