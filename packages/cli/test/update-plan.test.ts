import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseParams, resolvePatches, selectedValues } from '../src/commands/shared/update-plan.js';

const data = {
  projectDatas: [
    { name: 'core', parameters: [] },
    { name: 'cchpatches', parameters: [{ name: 'Patch_MVP', values: { yes: false, no: true } }] },
    { name: 'myext', parameters: [{ name: 'sampledata', values: { yes: true, no: false } }] },
  ],
};
const pending = {
  mypatches: [
    { hash: 'abc123', name: 'Patch_2602_38_0' },
    { hash: 'def456', name: 'Patch_2602_39_0' },
  ],
};

test('parseParams collects repeated names and rejects malformed pairs', () => {
  assert.deepEqual(parseParams(['myext_sampledata=yes', 'a_b=x=y', 'a_b=z']), { myext_sampledata: ['yes'], a_b: ['x=y', 'z'] });
  assert.throws(() => parseParams(['novalue']), /invalid --param 'novalue'/);
  assert.throws(() => parseParams(['=x']), /expected name=value/);
});

test('resolvePatches matches pending patches by name or hash', () => {
  const selection = resolvePatches(['Patch_2602_38_0', 'def456', 'abc123'], pending, data, undefined);
  assert.deepEqual(selection, { patches: { mypatches: ['abc123', 'def456'] }, parameters: {} });
});

test('resolvePatches falls back to the patches extension parameters (Python CLI style)', () => {
  const selection = resolvePatches(['Patch_MVP'], pending, data, undefined);
  assert.deepEqual(selection, { patches: {}, parameters: { cchpatches_Patch_MVP: ['yes'] } });
  const explicit = resolvePatches(['sampledata'], pending, data, 'myext');
  assert.deepEqual(explicit.parameters, { myext_sampledata: ['yes'] });
});

test('resolvePatches rejects unknown patches and extensions with what exists', () => {
  assert.throws(() => resolvePatches(['nope'], pending, data, undefined), /unknown patch 'nope'; pending patches: Patch_2602_38_0, Patch_2602_39_0/);
  assert.throws(() => resolvePatches(['x'], pending, data, 'ghost'), /unknown extension 'ghost'/);
  assert.throws(() => resolvePatches(['Patch_2602_38_0'], pending, data, 'myext'), /unknown patch/);
});

test('selectedValues lists the values marked true', () => {
  assert.deepEqual(selectedValues({ yes: true, no: false }), ['yes']);
  assert.deepEqual(selectedValues({}), []);
});

test('dropTables says the same in the library, the CLI help and the CLI README: every table dropped and created anew, all data lost', async () => {
  const { readFile } = await import('node:fs/promises');
  const read = (path: string): Promise<string> => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');
  const library = (await read('client/src/models/update.ts')).replace(/\s*\n\s*\*?\s*/g, ' ');
  const help = await read('cli/src/commands/update.ts');
  const readme = (await read('cli/README.md')).replace(/\s*\n\s*/g, ' ');
  const said = [
    /HAC's `dropTables` flag: every table is dropped and created anew, which destroys all data and cannot be undone/.exec(library)?.[0],
    /'--drop-tables', 'drop every table and create it anew: all data is lost/.exec(help)?.[0],
    /`--drop-tables` \(HAC drops every table and creates it anew: all data is lost, irreversibly; the library's `dropTables`\)/.exec(readme)?.[0],
  ];
  assert.deepEqual(said.map((text) => text !== undefined), [true, true, true], 'each text says every table and all data');
});
