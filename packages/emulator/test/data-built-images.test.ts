import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readBuiltImage, writeBuiltImage } from '../src/data/built-images.js';
import { Engine } from '../src/data/engine.js';
import { importedImage } from '../src/data/index.js';
import { rows } from './data-helpers.js';

describe('data set images made at build time', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hac-emulator-images-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('opens the data set and the PK state written for this code', async () => {
    const image = await importedImage('empty');
    await writeBuiltImage('empty', image, dir);
    const read = await readBuiltImage('empty', dir);
    assert.ok(read);
    assert.deepEqual(read.pks, image.pks);
    const engine = await Engine.open(read);
    try {
      assert.deepEqual(rows(engine, 'SELECT {isocode} FROM {Language} ORDER BY {isocode}'), [['de'], ['en'], ['fr'], ['ja']]);
    } finally {
      engine.close();
    }
  });

  it('ignores an image made by other code, and a missing one', async () => {
    const info = JSON.parse(await readFile(join(dir, 'empty.json'), 'utf8')) as { stamp: string };
    await writeFile(join(dir, 'empty.json'), JSON.stringify({ ...info, stamp: 'other code' }));
    assert.equal(await readBuiltImage('empty', dir), undefined);
    assert.equal(await readBuiltImage('sample', dir), undefined);
  });
});
