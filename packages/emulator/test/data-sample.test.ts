import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDataEngine, type DataEngine } from '../src/data/index.js';
import { decodePk, encodePk, PkGenerator } from '../src/data/pk.js';
import { IMPORT, rows, sampleEngine } from './data-helpers.js';

describe('sample data set', () => {
  let engine: DataEngine;
  before(async () => {
    engine = await sampleEngine();
  });
  after(() => engine.close());

  it('holds a few hundred items of the usual types', () => {
    const count = (type: string) => Number(rows(engine, `SELECT COUNT(*) FROM {${type}}`)[0]?.[0]);
    assert.ok(count('Product') >= 80);
    assert.ok(count('Category') >= 8);
    assert.ok(count('Customer') >= 20);
    assert.ok(count('Order') >= 30);
    assert.ok(count('OrderEntry') >= 50);
    assert.equal(count('CatalogVersion'), 4);
    assert.ok(count('Item') > 300);
  });

  it('contains the awkward values clients must handle', () => {
    const names = rows(engine, "SELECT {code}, {name[en]}, {name[de]}, {description[en]} FROM {Product} WHERE {code} IN ('CAF-001','CAF-002','JP-001','DE-001','APP-001') AND {name[de]} IS NOT NULL ORDER BY {code}");
    const byCode = new Map(names.map((r) => [r[0], r]));
    assert.equal(byCode.get('CAF-001')?.[1], 'Caffè & Crème <deluxe>');
    assert.match(byCode.get('CAF-001')?.[3] ?? '', /"barista".*;.*\n.*\n.*<b>markup<\/b> & 'quotes'/s);
    assert.equal(byCode.get('CAF-002')?.[1], 'Beans, roasted, 1kg');
    assert.equal(byCode.get('JP-001')?.[1], '電気ケトル');
    assert.equal(byCode.get('DE-001')?.[2], 'Straßenlaterne „Nostalgie“');
    assert.deepEqual(rows(engine, "SELECT {name} FROM {Product} WHERE {code}='APP-001'"), [['T-Shirt "Basic"']]);
    assert.deepEqual(rows(engine, "SELECT {name} FROM {Customer} WHERE {uid} LIKE 'david%'"), [["David O'Brien"]]);
  });

  it('has admin as Employee and anonymous as Customer', () => {
    assert.deepEqual(rows(engine, "SELECT {uid} FROM {Employee} WHERE {uid}='admin'"), [['admin']]);
    assert.deepEqual(rows(engine, "SELECT {uid} FROM {Customer} WHERE {uid}='anonymous'"), [['anonymous']]);
  });

  it('lists cron jobs with status and progress', () => {
    const jobs = engine.cronJobs();
    assert.ok(jobs.length >= 5);
    assert.deepEqual({ ...jobs[0], startTime: undefined }, { code: 'full-electronicsIndex-cronJob', jobCode: 'solrIndexerJob', status: 'RUNNING', progress: 42, startTime: undefined });
    assert.ok(jobs.some((j) => j.status === 'ABORTED' && j.progress === null));
  });

  it('dates its cron jobs back from the moment it is opened, not from the build: the running ones started minutes ago', async () => {
    const before = Date.now();
    const fresh = await sampleEngine();
    const after = Date.now();
    try {
      const startedAgo = (code: string): [number, number] => {
        const start = fresh.cronJobs().find((job) => job.code === code)?.startTime?.getTime() ?? Number.NaN;
        // Seconds before the open, bounded by the clock read before and after it (the import keeps milliseconds).
        return [(before - start) / 1000, (after - start) / 1000];
      };
      const [minIndex, maxIndex] = startedAgo('full-electronicsIndex-cronJob');
      assert.ok(minIndex <= 420 && 420 <= maxIndex, `started ${minIndex}..${maxIndex}s before the open`);
      const [minSync, maxSync] = startedAgo('sync electronicsProductCatalog:Staged->Online');
      assert.ok(minSync <= 60 && 60 <= maxSync, `started ${minSync}..${maxSync}s before the open`);
      const finished = fresh.cronJobs().find((job) => job.code === 'update-electronicsIndex-cronJob');
      assert.deepEqual(
        rows(fresh, "SELECT {startTime} < {endTime}, {endTime} < {modifiedtime} FROM {CronJob} WHERE {code} = 'update-electronicsIndex-cronJob'"),
        [['1', '1']],
        'a finished job ended after it started and before now',
      );
      assert.equal(finished?.status, 'FINISHED');
    } finally {
      fresh.close();
    }
  });

  it('looks PKs up: type and creation time', () => {
    const [pk, created] = rows(engine, "SELECT {pk}, {creationtime} FROM {Product} WHERE {code}='JP-001'")[0] ?? [];
    const found = engine.lookupPk(pk ?? '');
    assert.ok(found);
    assert.equal(found.typeCode, 1);
    assert.equal(found.typeName, 'Product');
    assert.equal(found.createdAt.toISOString().replace('T', ' ').replace('Z', ''), created);
    const [adminPk] = rows(engine, "SELECT {pk} FROM {User} WHERE {uid}='admin'")[0] ?? [];
    assert.deepEqual(
      { ...engine.lookupPk(adminPk ?? ''), createdAt: undefined },
      { typeCode: 4, typeName: 'Employee', createdAt: undefined },
    );
    assert.equal(engine.lookupPk('1234'), null);
    assert.equal(engine.lookupPk('not a pk'), null);
    assert.equal(engine.lookupPk(String(encodePk(100, 1, 3))), null);
  });
});

describe('PK scheme', () => {
  it('encodes type code and creation minute in 13 digits', () => {
    const at = Date.UTC(2025, 4, 17, 9, 30, 45);
    const pk = new PkGenerator(() => at).next(45);
    assert.match(String(pk), /^\d{13}$/);
    assert.deepEqual(decodePk(pk), { typeCode: 45, createdAt: new Date(Date.UTC(2025, 4, 17, 9, 30)) });
  });

  it('continues where another generator stopped when given its state', () => {
    const now = (): number => Date.UTC(2030, 0, 1);
    const first = new PkGenerator(now);
    const handedOut = Array.from({ length: 3 }, () => first.next(1));
    const copy = new PkGenerator(now, first.state());
    assert.ok(!handedOut.includes(copy.next(1)));
    assert.equal(new PkGenerator(now).next(1), handedOut[0]);
  });

  it('never repeats, also past 512 PKs in one minute', () => {
    const generator = new PkGenerator(() => Date.UTC(2030, 0, 1));
    const pks = new Set(Array.from({ length: 1200 }, () => generator.next(1)));
    assert.equal(pks.size, 1200);
    assert.ok([...pks].every((pk) => decodePk(pk)?.typeCode === 1));
  });
});

describe('engines of one data set', () => {
  it('each have their own data, and new items get PKs the loaded data does not hold', async () => {
    const [a, b] = [await createDataEngine('sample'), await createDataEngine('sample')];
    try {
      const existing = new Set(rows(a, 'SELECT {pk} FROM {Product}').map(([pk]) => pk));
      const insert = (engine: DataEngine, code: string): void => {
        const script = `INSERT Product;code[unique=true];catalogVersion(catalog(id),version)\n;${code};electronicsProductCatalog:Staged`;
        const outcome = engine.importImpex(script, IMPORT);
        assert.equal(outcome.success, true, outcome.details);
      };
      insert(a, 'ONLY-IN-A');
      insert(b, 'ONLY-IN-B');
      assert.deepEqual(rows(a, "SELECT {code} FROM {Product} WHERE {code} LIKE 'ONLY-%'"), [['ONLY-IN-A']]);
      assert.deepEqual(rows(b, "SELECT {code} FROM {Product} WHERE {code} LIKE 'ONLY-%'"), [['ONLY-IN-B']]);
      const [added] = rows(a, "SELECT {pk} FROM {Product} WHERE {code} = 'ONLY-IN-A'");
      assert.ok(added && !existing.has(added[0] ?? null));
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('other data sets', () => {
  it("'empty' has languages, currencies and admin only", async () => {
    const engine = await createDataEngine('empty');
    try {
      assert.deepEqual(rows(engine, 'SELECT {isocode} FROM {Language} ORDER BY {isocode}'), [['de'], ['en'], ['fr'], ['ja']]);
      assert.deepEqual(rows(engine, 'SELECT {isocode} FROM {Currency} ORDER BY {isocode}'), [['EUR'], ['JPY'], ['USD']]);
      assert.deepEqual(rows(engine, 'SELECT COUNT(*) FROM {Product}'), [['0']]);
      assert.deepEqual(rows(engine, 'SELECT {uid} FROM {User} ORDER BY {uid}'), [['admin'], ['anonymous']]);
    } finally {
      engine.close();
    }
  });

  it('{ impexFile } loads the file on top of the empty set, and rejects a broken one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hac-data-'));
    try {
      const good = join(dir, 'good.impex');
      await writeFile(good, 'INSERT_UPDATE Unit;code[unique=true];unitType\n;litre;volume\n');
      const engine = await createDataEngine({ impexFile: good });
      try {
        assert.deepEqual(rows(engine, "SELECT {unitType} FROM {Unit} WHERE {code}='litre'"), [['volume']]);
      } finally {
        engine.close();
      }
      const bad = join(dir, 'bad.impex');
      await writeFile(bad, 'INSERT_UPDATE Gizmo;code[unique=true]\n;x\n');
      await assert.rejects(createDataEngine({ impexFile: bad }), /cannot load .*bad\.impex: line 1 at main script: unknown type 'Gizmo'/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
