import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlan, planUpdate, type PlanInput } from '../src/commands/shared/update-dry-run.js';
import { groovyRollbackNote, sqlRollbackNote } from '../src/commands/shared/rollback-notes.js';

const pending = {
  acmepatches: [
    { hash: 'h1', name: 'Patch_1', required: true, process: 'ALL' },
    { hash: 'h2', name: 'Patch_2', required: false, process: 'UPDATE' },
    { hash: 'h3', name: 'Patch_3', required: true, process: 'INIT' },
  ],
};
const flags = { schemaUpdate: false, dropTables: false, clearHmc: false, createEssentialData: true, createProjectData: false, localizeTypes: false };
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  target: 'dev/hac (https://h/hac)',
  flags,
  named: false,
  selection: { patches: {}, parameters: {} },
  parameters: {},
  pending,
  ...over,
});

test('planUpdate without --patch runs the required patches, as HAC page does, and skips init-only ones', () => {
  const plan = planUpdate(input());
  assert.deepEqual(
    plan.patches.map((p) => [p.name, p.runs, p.reason]),
    [
      ['Patch_1', true, 'required'],
      ['Patch_2', false, 'not required'],
      ['Patch_3', false, 'initialization only'],
    ],
  );
  const text = formatPlan(plan);
  assert.match(text, /^target {10}dev\/hac \(https:\/\/h\/hac\)\n/);
  assert.match(text, /essential data {2}yes\n/);
  assert.match(text, /\n {2}run {3}Patch_1 \(acmepatches, required\)\n {2}skip {2}Patch_2 \(acmepatches, not required: name it with --patch to run it\)\n/);
  assert.match(text, /skip {2}Patch_3 \(acmepatches, runs only at initialization: an update skips it\)/);
});

test('planUpdate with --patch runs only the named patches and shows the parameters sent', () => {
  const plan = planUpdate(input({ named: true, selection: { patches: { acmepatches: ['h2'] }, parameters: {} }, parameters: { acmepatches_x: ['yes'] } }));
  assert.deepEqual(plan.patches.map((p) => [p.name, p.runs, p.reason]), [
    ['Patch_1', false, 'not named'],
    ['Patch_2', true, 'named'],
    ['Patch_3', false, 'initialization only'],
  ]);
  assert.match(formatPlan(plan), /parameters {6}acmepatches_x=yes\n/);
  assert.match(formatPlan(planUpdate(input({ flags: { ...flags, dropTables: true } }))), /drop tables {5}YES: every table is dropped/);
});

test('sqlRollbackNote speaks only when a statement changed rows', () => {
  assert.match(sqlRollbackNote({ headers: ['Result'], rows: [['11 row(s) affected.']] }) ?? '', /changed 11 rows, which were not kept \(pass --commit/);
  assert.match(sqlRollbackNote({ headers: ['RESULT'], rows: [['1 row(s) affected.']] }) ?? '', /changed 1 row,/);
  assert.equal(sqlRollbackNote({ headers: ['Result'], rows: [['0 row(s) affected.']] }), null);
  assert.equal(sqlRollbackNote({ headers: ['COUNT(*)'], rows: [['89']] }), null);
});

test('groovyRollbackNote speaks when the code saves, removes or updates SQL rows, not for comments', () => {
  for (const script of ['modelService.save(p)', 'modelService .saveAll(list)', 'modelService.remove(x)', 'jdbcTemplate.update("DELETE …")', 'stmt.executeUpdate()']) {
    assert.match(groovyRollbackNote(script) ?? '', /rolled back: the script ran without --commit/, script);
  }
  for (const script of ['return 1', 'list.remove(0)', '// modelService.save(p)\nreturn 1', '/* modelService.save(p) */ 1']) {
    assert.equal(groovyRollbackNote(script), null, script);
  }
});
