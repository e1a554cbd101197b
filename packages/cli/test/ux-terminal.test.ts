/**
 * What `hac` shows a person at a terminal (a pseudo-terminal through `script`): tables that never
 * cut what the user types next, vertical records on narrow terminals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulatorSandbox, stopEmulatorSandbox, type Emulator } from './helpers/emulator.js';
import { runProcess, type HacResult, type HacSandbox } from './helpers/hac-process.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ansiColor, hasScript, interruptOnTerminal, onTerminal, plain, screen, terminalLine } from './helpers/terminal.js';

const red = '\u001b[31m';
const colors = { NO_COLOR: undefined, TERM: 'xterm-256color' };
// A terminal that can redraw a line (the sandbox's TERM=dumb gets one plain line per spinner).
const xterm = { TERM: 'xterm-256color' };

describe('hac on a terminal', { skip: !hasScript() && 'needs util-linux script' }, () => {
  let emu: Emulator;
  let box: HacSandbox;
  before(async () => ({ emu, box } = await startEmulatorSandbox()));
  after(() => stopEmulatorSandbox(emu, box));

  it('update patches never cuts a patch name: a table when it fits, vertical records when it does not', async () => {
    const wide = plain((await onTerminal(box, ['update', 'patches'], '', { COLUMNS: '160' })).stdout);
    assert.match(wide, /│ Patch_2211_01_TaxRows +│ pending +│ [0-9a-f]{32} │/);
    const narrow = await onTerminal(box, ['update', 'patches'], '', { COLUMNS: '80' });
    assert.equal(narrow.code, 0, narrow.stdout);
    const text = plain(narrow.stdout);
    assert.doesNotMatch(text, /…/);
    assert.match(text, /── row 1 ─+\nname +Patch_2211_01_TaxRows\nstate +pending\nhash +[0-9a-f]{32}\n/);
  });

  it('the terminal\'s own width counts (no COLUMNS): help wraps to it, and a table too wide becomes records', async () => {
    const at60 = (args: string[]): Promise<HacResult> =>
      runProcess('script', ['-qfec', `stty cols 60; ${terminalLine(args)}`, '/dev/null'], { ...box.env, COLUMNS: undefined });
    const [help, patches] = await Promise.all([at60(['update', 'run', '--help']), at60(['update', 'patches'])]);
    const options = plain(help.stdout).split('Examples:')[0] ?? '';
    assert.match(options, /--drop-tables/);
    for (const line of options.split('\n')) assert.ok(line.length <= 60, `wider than the terminal: ${line}`);
    assert.match(plain(patches.stdout), /── row 1 ─+\nname +Patch_2211_01_TaxRows\n/);
    // session list at 60 columns showed a row of ellipses
    await box.run(['login']);
    const sessions = plain((await at60(['session', 'list'])).stdout);
    assert.doesNotMatch(sessions, /…/);
    assert.match(sessions, /environment +test\/hac\nurl +http:\/\/127\.0\.0\.1:\d+\n/);
  });

  it('groovy labels its result (===>) apart from what the script printed; errors are red, unless NO_COLOR or --no-color', async () => {
    const run = await onTerminal(box, ['groovy', 'println "hello"; return 6 * 7'], '', colors);
    assert.equal(run.code, 0, run.stdout);
    assert.match(plain(run.stdout), /^hello\n===> 42\n$/);
    const failed = await onTerminal(box, ['groovy', 'throw new Exception("boom")'], '', colors);
    assert.equal(failed.code, 1);
    assert.ok(failed.stdout.includes(`${red}script failed:`), failed.stdout);
    const usage = await onTerminal(box, ['groovy', 'return 1', '--comit'], '', colors);
    assert.ok(usage.stdout.includes(`${red}hac: unknown option '--comit'`), usage.stdout);
    const refused = await onTerminal(box, ['--url', 'http://127.0.0.1:1', 'login'], '', colors);
    assert.ok(refused.stdout.includes(`${red}hac: Connection refused`), refused.stdout);
    for (const [args, env] of [[['--no-color'], colors], [[], { ...colors, NO_COLOR: '1' }]] as const) {
      const plainRun = await onTerminal(box, ['groovy', 'throw new Exception("boom")', ...args], '', env);
      assert.doesNotMatch(plainRun.stdout, ansiColor);
    }
  });

  it('a spinner with the elapsed time shows while HAC takes longer than a second (import, validate, export, query, cache clear), and is gone afterwards', async () => {
    const file = join(box.dir, 'slow.impex');
    await writeFile(file, 'INSERT_UPDATE Language;isocode[unique=true];active\n;sl;true\n');
    const exportScript = join(box.dir, 'languages.impex');
    await writeFile(exportScript, 'INSERT_UPDATE Language;isocode[unique=true];active\n"#% impex.exportItems(""Language"", false);"\n');
    await onTerminal(box, ['login']);
    // HAC answers each of these after 1.5 s (headers at once, the rest of the body later).
    for (const path of ['import/upload', 'import/validate', 'export'].map((p) => `/hac/console/impex/${p}`).concat('/hac/console/flexsearch/execute', '/hac/monitoring/cache/regionCache/clear')) {
      emu.injectFault({ path, method: 'POST', kind: 'slow-body', delayMs: 1500 });
    }
    const cases: [string[], string, RegExp][] = [
      [['impex', 'import', file], 'importing slow.impex', /Import finished successfully\n1 value line\(s\) imported/],
      [['impex', 'validate', file], 'validating slow.impex', /valid/i],
      [['impex', 'export', exportScript, '--zip', join(box.dir, 'languages.zip')], 'exporting languages.impex', /saved .*languages\.zip/],
      [['fs', 'SELECT {isocode} FROM {Language}'], 'running the query', /│ en +│/],
      [['cache', 'clear'], 'clearing the caches', /cleared every region cache/],
    ];
    const results = await Promise.all(cases.map(([args]) => onTerminal(box, args, '', xterm)));
    cases.forEach(([args, label, after], i) => {
      const result = results[i];
      assert.equal(result?.code, 0, `${args.join(' ')}: ${result?.stdout}`);
      assert.match(plain(result?.stdout ?? ''), new RegExp(`${label}… 1s`), args.join(' '));
      // Once drawn, the spinner's line is gone and the result shows.
      const shown = screen(result?.stdout ?? '');
      assert.match(shown, after, args.join(' '));
      assert.doesNotMatch(shown, new RegExp(label), args.join(' '));
    });
  });

  it('Ctrl-C during update run says the update goes on on the server and how to watch it, and that works', async () => {
    emu.consoles.setUpdateDuration(1500);
    const run = await interruptOnTerminal(box, ['update', 'run', '--create-essential-data'], /Starting system update/, { ...xterm, HAC_UPDATE_POLL_MS: '40' });
    assert.equal(run.code, 130, run.stdout);
    const text = screen(run.stdout);
    assert.doesNotMatch(text, /updating…/, 'the spinner is gone');
    assert.match(text, /stopped following; the update goes on running on the server \(watch it with: hac update log --follow\)\n/);
    assert.match(text, /hac: interrupted/);
    const watched = await box.run(['update', 'log', '--follow'], { env: { HAC_UPDATE_POLL_MS: '40' } });
    assert.equal(watched.code, 0, watched.stderr);
    assert.match(watched.stdout, /Creating essential data/);
    assert.match(watched.stderr, /update completed/);
    emu.consoles.setUpdateDuration(0);
  });

  it('Ctrl-C during a long script says it goes on running on the server; the spinner is gone', async () => {
    emu.injectFault({ path: '/hac/console/scripting/execute', method: 'POST', kind: 'slow-body', delayMs: 3000 });
    const run = await interruptOnTerminal(box, ['groovy', 'return 1'], /running the script… 1s/, xterm);
    assert.equal(run.code, 130, run.stdout);
    assert.equal(screen(run.stdout), 'hac: interrupted: if HAC received the script, it goes on running there; Ctrl-C only stopped hac waiting for it\n');
  });
});
