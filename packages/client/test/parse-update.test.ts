import assert from 'node:assert/strict';
import { planPendingPatches } from '../src/consoles/update-helpers.js';
import type { PatchPlan } from '../src/models/update.js';
import { describe, it } from 'node:test';
import { htmlToText } from '../src/consoles/html.js';
import {
  logHasErrors,
  logIsComplete,
  parsePendingPatches,
  parseUpdateData,
  parseUpdateLog,
  parseUpdateResult,
} from '../src/consoles/parse-update.js';
import { ShapeError } from '../src/consoles/shape.js';
import { extensionsWithParameters, getExtension, getPatchesExtension, selectedValue } from '../src/consoles/update-helpers.js';

const initData = {
  isInitializing: false,
  initInfo: 'Initialized on 2026-11-01',
  tenantID: 'master',
  master: true,
  projectDatas: [
    { name: 'core', description: null, parameter: [] },
    {
      name: 'patches',
      description: 'Patches framework',
      parameter: [],
    },
    {
      name: 'mypatches',
      description: 'Project patches',
      parameter: [
        { name: 'Patch_1', label: 'Patch 1', values: { yes: true, no: false }, multiSelect: false, default: 'yes', legacy: false },
      ],
    },
    {
      name: 'electronicsstore',
      description: 'Sample store',
      parameter: [{ name: 'importSampleData', values: { yes: false, no: true }, multiSelect: true, legacy: true }],
    },
  ],
};

describe('parseUpdateData', () => {
  it('reads extensions and parameters', () => {
    const data = parseUpdateData(initData);
    assert.equal(data.isInitializing, false);
    assert.equal(data.initInfo, 'Initialized on 2026-11-01');
    assert.equal(data.tenantId, 'master');
    assert.equal(data.projectDatas.length, 4);
    assert.deepEqual(data.projectDatas[3], {
      name: 'electronicsstore',
      description: 'Sample store',
      parameters: [{ name: 'importSampleData', label: 'importSampleData', values: { yes: false, no: true }, legacy: true, multiSelect: true, default: null }],
    });
  });

  it('has helpers that pick extensions', () => {
    const data = parseUpdateData(initData);
    assert.deepEqual(extensionsWithParameters(data).map((project) => project.name), ['mypatches', 'electronicsstore']);
    assert.equal(getExtension(data, 'core')?.description, null);
    assert.equal(getExtension(data, 'nope'), undefined);
    assert.equal(getPatchesExtension(data)?.name, 'mypatches');
    assert.equal(getPatchesExtension({ ...data, projectDatas: data.projectDatas.slice(0, 2) })?.name, 'patches');
    assert.equal(getPatchesExtension({ ...data, projectDatas: [] }), undefined);
    const patch1 = getExtension(data, 'mypatches')?.parameters[0];
    assert.ok(patch1);
    assert.equal(selectedValue(patch1), 'yes');
  });

  it('rejects other JSON', () => {
    assert.throws(() => parseUpdateData({ log: '' }), ShapeError);
    assert.throws(() => parseUpdateData({ projectDatas: [5] }), ShapeError);
  });
});

describe('parsePendingPatches', () => {
  it('reads patches by extension', () => {
    const patches = parsePendingPatches({
      mypatches: [
        { hash: 'a1', name: 'Patch_1', description: 'first', required: true, process: 'ALL' },
        { hash: 'b2', name: 'Patch_2', description: '', required: false, process: 'INIT' },
      ],
      other: [],
    });
    assert.deepEqual(patches, {
      mypatches: [
        { hash: 'a1', name: 'Patch_1', description: 'first', required: true, process: 'ALL' },
        { hash: 'b2', name: 'Patch_2', description: null, required: false, process: 'INIT' },
      ],
      other: [],
    });
  });

  it('rejects patches without hash', () => {
    assert.throws(() => parsePendingPatches({ x: [{ name: 'n' }] }), /no hash/);
    assert.throws(() => parsePendingPatches({ x: 'y' }), ShapeError);
  });
});

const finishedLog =
  '<div>Starting update...</div><div>updating type system &amp; tables</div>' +
  '<div class="error">ERROR: could not create column &lt;x&gt;</div><div>10:00:03,000 INFO FINISHED</div>';

describe('update logs', () => {
  it('parses the execute answer', () => {
    const result = parseUpdateResult({ success: true, log: finishedLog, initUpdateData: {} });
    assert.equal(result.success, true);
    assert.equal(result.logHtml, finishedLog);
    assert.equal(result.logText, 'Starting update...\nupdating type system & tables\nERROR: could not create column <x>\n10:00:03,000 INFO FINISHED');
    assert.equal(result.isFinished, true);
    assert.equal(result.hasErrors, true);
  });

  it('tells a running log from a complete one', () => {
    const running = parseUpdateLog({ log: 'Starting update...<br/>Creating essential data for core<br>' });
    assert.equal(running.isComplete, false);
    assert.equal(running.hasErrors, false);
    assert.equal(running.logText, 'Starting update...\nCreating essential data for core');
    assert.equal(parseUpdateLog({ log: '' }).logText, '');
    assert.throws(() => parseUpdateLog({ foo: 1 }), ShapeError);
  });

  it('detects completion markers', () => {
    assert.equal(logIsComplete('...\nUpdate finished.'), true);
    assert.equal(logIsComplete('Initialization completed successfully'), true);
    assert.equal(logIsComplete('FINISHED'), true);
    assert.equal(logIsComplete("10:00:01,500 INFO System update of tenant 'master' finished successfully\n10:00:01,501 INFO FINISHED"), true);
    assert.equal(logIsComplete('10:00:01,501 INFO FINISHED'), true);
    assert.equal(logIsComplete('finishing the type system'), false);
    assert.equal(logIsComplete("10:00:00,000 INFO Starting system update of tenant 'master' (initMethod=UPDATE)\n10:00:00,400 INFO Patch X executed"), false);
  });

  it('detects errors without false alarms', () => {
    assert.equal(logHasErrors('creating errortypes\n0 errors'), false);
    assert.equal(logHasErrors('[ERROR] boom'), true);
    assert.equal(logHasErrors("10:00:01,000 ERROR Unknown patch 'x' for extension 'y': not executed"), true);
    assert.equal(logHasErrors('10:00:01,000 WARN Patch P was already executed, skipping'), false);
    assert.equal(logHasErrors('java.sql.SQLSyntaxErrorException: bad'), true);
    assert.equal(logHasErrors('Patch Patch_2 failed'), true);
    assert.equal(logHasErrors('registered ErrorHandlers'), false);
  });
});

describe('htmlToText', () => {
  it('keeps lines, decodes entities, separates cells', () => {
    const html = '<h3>Log</h3><p>a&nbsp;&amp; b</p><table><tr><td>k</td><td>v &lt;1&gt;</td></tr></table><pre>  x\n    y</pre><span>in</span><span>line</span>';
    assert.equal(htmlToText(html), 'Log\na & b\nk\tv <1>\n  x\n    y\ninline');
  });

  it('does not double line breaks between paragraphs written on their own lines', () => {
    const log = '<p class="info">10:00:00,000 INFO Starting</p>\n<p class="warn">10:00:00,100 WARN a &amp; b</p>\n';
    assert.equal(htmlToText(log), '10:00:00,000 INFO Starting\n10:00:00,100 WARN a & b');
    assert.equal(htmlToText('<div>one</div>\n\n<div>\n  two</div>'), 'one\n  two');
  });

  it('drops scripts and collapses runs of blank lines', () => {
    assert.equal(htmlToText('one<br><br><br><br>two<script>var a = "<b>";</script>'), 'one\n\ntwo');
  });
});

describe('planPendingPatches', () => {
  // Shaped as GET /platform/init/pendingPatches answers (init.js reads hash, name, description, required, process).
  const pending = {
    acmepatches: [
      { hash: 'a1', name: 'Required_All', description: null, required: true, process: 'ALL' },
      { hash: 'b2', name: 'Optional_Update', description: 'footer', required: false, process: 'UPDATE' },
      { hash: 'c3', name: 'Optional_Init', description: null, required: false, process: 'INIT' },
    ],
    otherpatches: [{ hash: 'd4', name: 'Required_Init', description: null, required: true, process: 'INIT' }],
  };
  const names = (plan: PatchPlan): [string[], string[]] => [plan.included.map((p) => `${p.name}: ${p.reason}`), plan.skipped.map((p) => `${p.name}: ${p.reason}`)];

  it('by default runs the required patches and lists every other one as skipped, with why', () => {
    assert.deepEqual(names(planPendingPatches(pending)), [
      ['Required_All: required'],
      ['Optional_Update: optional, not asked for', 'Optional_Init: runs only at initialization', 'Required_Init: runs only at initialization'],
    ]);
  });

  it('adds what was asked for (by hash or name), runs every update patch with all pending, an init-only one only when asked', () => {
    assert.deepEqual(names(planPendingPatches(pending, { patches: { acmepatches: ['b2', 'Optional_Init', 'zz'] } }))[0], [
      'Required_All: required', 'Optional_Update: asked for', 'Optional_Init: asked for, but it runs only at initialization: HAC skips it',
      'zz: asked for (not among the pending patches)',
    ]);
    assert.deepEqual(names(planPendingPatches(pending, { patches: ['Optional_Update'], includePendingPatches: false }))[0], ['Optional_Update: asked for']);
    assert.throws(() => planPendingPatches(pending, { patches: ['Nope'] }), /unknown patch 'Nope': not a pending patch's name or hash \(pending: Required_All, /);
    assert.deepEqual(names(planPendingPatches(pending, { patches: 'all pending' }))[0], ['Required_All: all pending patches asked for', 'Optional_Update: all pending patches asked for']);
    assert.deepEqual(names(planPendingPatches(pending, { patches: { acmepatches: ['b2'] }, includePendingPatches: false })), [
      ['Optional_Update: asked for'],
      ['Required_All: required, but pending patches were not included', 'Optional_Init: runs only at initialization', 'Required_Init: runs only at initialization'],
    ]);
  });
});
