import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { DataEngine, ImpexOptions } from '../src/data/index.js';
import { emptyEngine, IMPORT, rows } from './data-helpers.js';

const CATALOG = `INSERT_UPDATE Catalog;id[unique=true];name[lang=en]
;shop;Shop
INSERT_UPDATE CatalogVersion;catalog(id)[unique=true];version[unique=true]
;shop;Staged
;shop;Online
`;

describe('ImpEx import', () => {
  let engine: DataEngine;
  const run = (script: string, options: Partial<ImpexOptions> = {}) => engine.importImpex(script, { ...IMPORT, ...options });

  beforeEach(async () => {
    engine = await emptyEngine();
    const setup = run(CATALOG);
    assert.ok(setup.success, setup.details);
  });
  after(() => engine.close());

  it('INSERT_UPDATE creates then updates, references by pattern, macros referencing macros', () => {
    const script = `$catalog=shop
$version=Staged
$cv=catalogVersion(catalog(id[default=$catalog]),version[default=$version])[unique=true,default=$catalog:$version]
INSERT_UPDATE Product;code[unique=true];$cv;name[lang=en];name[lang=de];unit(code)
;p1;;First;Erstes;pieces
;p2;shop:Online;Second;Zweites;kg
`;
    const outcome = run(script);
    assert.ok(outcome.success, outcome.details);
    assert.equal(outcome.processedLines, 2);
    assert.equal(outcome.errorMessage, null);
    assert.deepEqual(
      rows(engine, "SELECT {p.code}, {cv.version}, {u.code}, {p.name[de]} FROM {Product AS p JOIN CatalogVersion AS cv ON {p.catalogVersion}={cv.pk} JOIN Unit AS u ON {p.unit}={u.pk}} ORDER BY {p.code}"),
      [
        ['p1', 'Staged', 'pieces', 'Erstes'],
        ['p2', 'Online', 'kg', 'Zweites'],
      ],
    );
    const update = run(`${script.split('\n').slice(0, 3).join('\n')}\nINSERT_UPDATE Product;code[unique=true];$cv;name[lang=en]\n;p1;;Renamed\n`);
    assert.ok(update.success, update.details);
    assert.deepEqual(rows(engine, "SELECT {name} FROM {Product} WHERE {code}='p1'"), [['Renamed']]);
    assert.deepEqual(rows(engine, 'SELECT COUNT(*) FROM {Product}'), [['2']]);
  });

  it('INSERT refuses duplicates; UPDATE needs an existing item; REMOVE deletes', () => {
    assert.ok(run('INSERT Product;code[unique=true];catalogVersion(catalog(id),version)\n;x1;shop:Staged\n').success);
    const duplicate = run('INSERT Product;code[unique=true];catalogVersion(catalog(id),version)\n;x1;shop:Staged\n');
    assert.equal(duplicate.success, false);
    assert.match(duplicate.details, /already exists/);

    const missing = run('UPDATE Product;code[unique=true];ean\n;nothere;123\n');
    assert.equal(missing.success, false);
    assert.match(missing.details, /^UPDATE Product;code\[unique=true\];ean\n,,,no existing item found for update;nothere;123$/);

    assert.ok(run('UPDATE Product;code[unique=true];ean\n;x1;4711\n').success);
    assert.deepEqual(rows(engine, "SELECT {ean} FROM {Product} WHERE {code}='x1'"), [['4711']]);

    assert.ok(run('REMOVE Product;code[unique=true]\n;x1\n').success);
    assert.deepEqual(rows(engine, 'SELECT COUNT(*) FROM {Product}'), [['0']]);
  });

  it('reads quoted values: separators, doubled quotes, multi-line values, special characters', () => {
    const script = [
      'INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];name[lang=en];description[lang=en]',
      ';q1;shop:Staged;"Caffè & Crème <deluxe>";"Line one; with ""quotes""',
      'line two, with comma',
      "line three 'single'\"",
      ';q2;shop:Staged;  padded  ;"  kept  "',
      '# a comment line ; with ; separators',
      '',
      ';q3;shop:Staged;東京 & München;plain',
    ].join('\n');
    const outcome = run(script);
    assert.ok(outcome.success, outcome.details);
    assert.deepEqual(rows(engine, 'SELECT {code}, {name}, {description} FROM {Product} ORDER BY {code}'), [
      ['q1', 'Caffè & Crème <deluxe>', "Line one; with \"quotes\"\nline two, with comma\nline three 'single'"],
      ['q2', 'padded', '  kept  '],
      ['q3', '東京 & München', 'plain'],
    ]);
  });

  it('collections (relations) with , separators and mode=append', () => {
    const script = `$cv=catalogVersion(catalog(id[default=shop]),version[default=Staged])[unique=true,default=shop:Staged]
INSERT_UPDATE Category;code[unique=true];$cv;supercategories(code,$cv)
;root;;
;a;;root
;b;;root
;leaf;;a,b
INSERT_UPDATE Product;code[unique=true];$cv;supercategories(code,$cv)
;p;;leaf
INSERT_UPDATE Product;code[unique=true];$cv;supercategories(code,$cv)[mode=append]
;p;;root
`;
    const outcome = run(script);
    assert.ok(outcome.success, outcome.details);
    const supers = rows(
      engine,
      "SELECT {s.code} FROM {Category AS c JOIN CategoryCategoryRelation AS r ON {r.target}={c.pk} JOIN Category AS s ON {r.source}={s.pk}} WHERE {c.code}='leaf' ORDER BY {s.code}",
    );
    assert.deepEqual(supers, [['a'], ['b']]);
    const productCats = rows(
      engine,
      "SELECT {c.code} FROM {Product AS p JOIN CategoryProductRelation AS r ON {r.target}={p.pk} JOIN Category AS c ON {r.source}={c.pk}} ORDER BY {c.code}",
    );
    assert.deepEqual(productCats, [['leaf'], ['root']]);
  });

  it('resolves references to lines further down in a later pass', () => {
    const script = `INSERT_UPDATE Customer;uid[unique=true];groups(uid)
;late.customer;lategroup
INSERT_UPDATE UserGroup;uid[unique=true]
;lategroup
`;
    const outcome = run(script);
    assert.ok(outcome.success, outcome.details);
    assert.deepEqual(
      rows(engine, "SELECT {g.uid} FROM {Customer AS c JOIN PrincipalGroupRelation AS r ON {r.source}={c.pk} JOIN UserGroup AS g ON {r.target}={g.pk}} WHERE {c.uid}='late.customer'"),
      [['lategroup']],
    );
  });

  it('reports unresolved lines in SAP\'s dump format; resolvable columns are still written', () => {
    const script = `INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];unit(code)
;ok1;shop:Staged;pieces
;bad1;shop:Staged;parsecs
;bad2;nope:Staged;pieces
`;
    const outcome = run(script);
    assert.equal(outcome.success, false);
    assert.equal(outcome.processedLines, 1);
    const [bad1Pk] = rows(engine, "SELECT {pk} FROM {Product} WHERE {code}='bad1'")[0] ?? [];
    assert.match(bad1Pk ?? '', /^\d{13}$/);
    assert.equal(
      outcome.details,
      [
        'INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];unit(code)',
        `,${bad1Pk},,, column 3: could not resolve item for parsecs, column 3: cannot resolve value 'parsecs' for attribute 'unit';<ignore>bad1;<ignore>shop:Staged;parsecs`,
        ',,,column 2: could not resolve item for nope:Staged;bad2;nope:Staged;pieces',
      ].join('\n'),
    );
    assert.match(outcome.errorMessage ?? '', /^line 3 at main script: column 3: could not resolve item for parsecs, column 3: cannot resolve value 'parsecs' for attribute 'unit' \(and 1 more problem\)$/);
    // As on SAP, lines are not all-or-nothing: ok1 and bad1 (without its unit) exist.
    assert.deepEqual(rows(engine, 'SELECT {code}, {unit} FROM {Product} ORDER BY {code}'), [
      ['bad1', null],
      ['ok1', rows(engine, "SELECT {pk} FROM {Unit} WHERE {code}='pieces'")[0]?.[0] ?? ''],
    ]);
  });

  it('a mandatory reference that cannot be resolved blocks creation', () => {
    const outcome = run('INSERT_UPDATE OrderEntry;order(code)[unique=true];entryNumber[unique=true];product(code,catalogVersion(catalog(id),version));quantity\n;o1;0;ghost:shop:Staged;1\n');
    assert.equal(outcome.success, false);
    assert.match(outcome.details, /\n,,,column 1: could not resolve item for o1;o1;0;ghost:shop:Staged;1$/);
    assert.ok(run('INSERT_UPDATE Order;code[unique=true];user(uid);currency(isocode);date[dateformat=yyyy-MM-dd]\n;o1;admin;EUR;2024-01-01\n').success);
    const again = run('INSERT_UPDATE OrderEntry;order(code)[unique=true];entryNumber[unique=true];product(code,catalogVersion(catalog(id),version));quantity\n;o1;0;ghost:shop:Staged;1\n');
    assert.match(again.details, /,,,cannot create due to unresolved mandatory\/initial columns, column 3: could not resolve item for ghost:shop:Staged, column 3: cannot resolve value 'ghost:shop:Staged' for attribute 'product';o1;0;ghost:shop:Staged;1$/);
  });

  it('strict mode rejects unknown attributes; relaxed mode ignores them', () => {
    const script = 'INSERT_UPDATE Unit;code[unique=true];unitType;colour\n;box;packaging;red\n';
    const strict = run(script);
    assert.equal(strict.success, false);
    assert.match(strict.errorMessage ?? '', /unknown attributes \[Unit\.colour\]/);
    assert.deepEqual(rows(engine, "SELECT COUNT(*) FROM {Unit} WHERE {code}='box'"), [['0']]);
    const relaxed = run(script, { validationMode: 'IMPORT_RELAXED' });
    assert.ok(relaxed.success, relaxed.details);
    assert.deepEqual(rows(engine, "SELECT {unitType} FROM {Unit} WHERE {code}='box'"), [['packaging']]);
  });

  it('strict mode checks mandatory attributes and unique values', () => {
    const mandatory = run('INSERT_UPDATE Product;code[unique=true]\n;nocv\n');
    assert.equal(mandatory.success, false);
    assert.match(mandatory.details, /missing values for \[catalogVersion\] in model ProductModel to create a new Product/);
    const unique = run('INSERT_UPDATE Unit;code[unique=true];unitType\n;;weight\n');
    assert.match(unique.details, /missing value for unique attribute 'code'/);
    const noUnique = run('INSERT_UPDATE Unit;code;unitType\n;x;weight\n');
    assert.match(noUnique.errorMessage ?? '', /needs at least one attribute with \[unique=true\]/);
  });

  it('unknown types, bad numbers, booleans and dates are reported', () => {
    assert.match(run('INSERT_UPDATE Gadget;code[unique=true]\n;g\n').errorMessage ?? '', /unknown type 'Gadget'/);
    const numbers = run('INSERT_UPDATE Currency;isocode[unique=true];digits;active\n;CHF;two;true\n;GBP;2;maybe\n');
    assert.match(numbers.details, /cannot parse 'two' as Integer/);
    assert.match(numbers.details, /cannot parse 'maybe' as Boolean/);
    const dates = run('INSERT_UPDATE Language;isocode[unique=true]\n;it\nINSERT_UPDATE Job;code[unique=true]\n;j\nINSERT_UPDATE CronJob;code[unique=true];job(code);startTime[dateformat=yyyy-MM-dd]\n;c1;j;2024-02-30\n;c2;j;2024-02-29\n');
    assert.match(dates.details, /cannot parse '2024-02-30' as date with format 'yyyy-MM-dd'/);
    assert.deepEqual(rows(engine, "SELECT {startTime} FROM {CronJob} WHERE {code}='c2'"), [['2024-02-29 00:00:00.000']]);
  });

  it('validateOnly checks everything and changes nothing', () => {
    const good = run('INSERT_UPDATE Unit;code[unique=true];unitType\n;crate;packaging\n', { validateOnly: true });
    assert.ok(good.success, good.details);
    assert.equal(good.processedLines, 1);
    const bad = run('INSERT_UPDATE Product;code[unique=true];unit(code)\n;p;crate\n', { validateOnly: true });
    assert.equal(bad.success, false);
    assert.deepEqual(rows(engine, "SELECT COUNT(*) FROM {Unit} WHERE {code}='crate'"), [['0']]);
    // References to items created earlier in the same script validate fine.
    const chained = run('INSERT_UPDATE Unit;code[unique=true];unitType\n;crate;packaging\nINSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version);unit(code)\n;p;shop:Staged;crate\n', { validateOnly: true });
    assert.ok(chained.success, chained.details);
    assert.deepEqual(rows(engine, 'SELECT COUNT(*) FROM {Product}'), [['0']]);
  });

  it('subtype names in the first column, enums by code, booleans, defaults and <ignore>', () => {
    const script = `INSERT_UPDATE User;uid[unique=true];name;loginDisabled[default=false]
Customer;cust1;Customer One;
Employee;emp1;Employee One;true
INSERT_UPDATE Job;code[unique=true]
;job1
INSERT_UPDATE CronJob;code[unique=true];job(code);status;progress
;cron1;job1;RUNNING;50
UPDATE Customer;uid[unique=true];name
;cust1;<ignore>
`;
    const outcome = run(script);
    assert.ok(outcome.success, outcome.details);
    assert.deepEqual(rows(engine, "SELECT {uid}, {name}, {loginDisabled} FROM {User} WHERE {uid} IN ('cust1','emp1') ORDER BY {uid}"), [
      ['cust1', 'Customer One', '0'],
      ['emp1', 'Employee One', '1'],
    ]);
    assert.deepEqual(rows(engine, 'SELECT {uid} FROM {Employee} ORDER BY {uid}'), [['admin'], ['emp1']]);
    assert.deepEqual(engine.cronJobs(), [{ code: 'cron1', jobCode: 'job1', status: 'RUNNING', progress: 50, startTime: null }]);
  });

  it('path-delimiter, collection-delimiter, ignorenull, line continuation and warned modifiers', () => {
    const script = `INSERT_UPDATE Category;code[unique=true];catalogVersion(catalog(id),version)[unique=true,path-delimiter=/]
;c1;shop/Staged
;c2;shop/Staged
INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];\\
supercategories(code,catalogVersion(catalog(id),version))[collection-delimiter=|];ean[translator=de.example.EanTranslator]
;pp;shop:Staged;c1:shop:Staged|c2:shop:Staged;123
UPDATE Product;code[unique=true];supercategories(code,catalogVersion(catalog(id),version))[ignorenull=true]
;pp;
`;
    const outcome = run(script);
    assert.ok(outcome.success, outcome.details);
    assert.match(outcome.details, /modifier 'translator' of column 'ean\[translator=de\.example\.EanTranslator\]' is not supported by the emulator and was ignored/);
    assert.deepEqual(
      rows(engine, "SELECT {c.code} FROM {Product AS p JOIN CategoryProductRelation AS r ON {r.target}={p.pk} JOIN Category AS c ON {r.source}={c.pk}} ORDER BY {c.code}"),
      [['c1'], ['c2']],
    );
  });

  it('#% lines are not executed, except setValidationMode', () => {
    const outcome = run('#% impex.setValidationMode("import_relaxed");\n"#% impex.setLocale(Locale.GERMAN);"\nINSERT_UPDATE Unit;code[unique=true];unitType;colour\n;box2;packaging;red\n');
    assert.ok(outcome.success, outcome.details);
    assert.match(outcome.details, /line 2: skipped script line \(code execution is disabled\): impex\.setLocale\(Locale\.GERMAN\);/);
    assert.deepEqual(rows(engine, "SELECT COUNT(*) FROM {Unit} WHERE {code}='box2'"), [['1']]);
  });

  it('empty cells write null on update; allownull and lang columns', () => {
    assert.ok(run('INSERT_UPDATE Unit;code[unique=true];unitType;conversion;name[lang=en];name[lang=de]\n;u1;t;2.5;Unit;Einheit\n').success);
    assert.ok(run('UPDATE Unit;code[unique=true];name[lang=de][allownull=true]\n;u1;\n').success);
    assert.deepEqual(rows(engine, "SELECT {name[en]}, {name[de]} FROM {Unit} WHERE {code}='u1'"), [['Unit', null]]);
    assert.match(run('INSERT_UPDATE Unit;code[unique=true];name[lang=xx]\n;u1;x\n').errorMessage ?? '', /unknown language 'xx'/);
    // unitType is mandatory: an empty cell leaves it alone unless [allownull=true]; conversion is optional.
    assert.deepEqual(rows(engine, "SELECT {conversion} FROM {Unit} WHERE {code}='u1'"), [['2.5']]);
    assert.ok(run('UPDATE Unit;code[unique=true];unitType;conversion\n;u1;;\n').success);
    assert.deepEqual(rows(engine, "SELECT {unitType}, {conversion} FROM {Unit} WHERE {code}='u1'"), [['t', null]]);
    assert.ok(run('UPDATE Unit;code[unique=true];unitType[allownull=true]\n;u1;\n').success);
    assert.deepEqual(rows(engine, "SELECT {unitType} FROM {Unit} WHERE {code}='u1'"), [[null]]);
  });
});

describe('ImpEx import into the sample data', () => {
  let engine: DataEngine;
  before(async () => {
    const { sampleEngine } = await import('./data-helpers.js');
    engine = await sampleEngine();
  });
  after(() => engine.close());

  it('imported items are visible to FlexibleSearch right away', () => {
    const outcome = engine.importImpex(
      '$cv=catalogVersion(catalog(id),version)[unique=true]\nINSERT_UPDATE Product;code[unique=true];$cv;name[lang=en];approvalStatus(code)\n;NEW-1;electronicsProductCatalog:Online;Brand new;approved\n',
      IMPORT,
    );
    assert.ok(outcome.success, outcome.details);
    assert.deepEqual(rows(engine, "SELECT {name} FROM {Product} WHERE {code}='NEW-1'"), [['Brand new']]);
  });

  it('UPDATE with [batchmode=true] updates every match; without it several matches are ambiguous', () => {
    const status = (): (string | null)[][] =>
      rows(engine, "SELECT {s.code} FROM {Product AS p JOIN EnumerationValue AS s ON {p.approvalStatus}={s.pk}} WHERE {p.code}='CAF-001'");
    assert.equal(status().length, 2, 'CAF-001 is in the Staged and the Online catalog version');
    const plain = engine.importImpex('UPDATE Product;code[unique=true];approvalStatus(code)\n;CAF-001;unapproved\n', IMPORT);
    assert.match(plain.errorMessage ?? '', /ambiguous unique keys: 2 items/);
    const batch = engine.importImpex('UPDATE Product[batchmode=true];code[unique=true];approvalStatus(code)\n;CAF-001;unapproved\n', IMPORT);
    assert.ok(batch.success, batch.details);
    assert.deepEqual(status(), [['unapproved'], ['unapproved']]);
  });

  it('defaults inside reference sub-columns fill an empty unique cell (the usual catalogVersion idiom)', () => {
    const outcome = engine.importImpex(
      'INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id[default=electronicsProductCatalog]),version[default=Staged])[unique=true];name[lang=en]\n;NEW-2;;Two\n;NEW-2;:Online;Two online\n',
      IMPORT,
    );
    assert.ok(outcome.success, outcome.details);
    assert.deepEqual(
      rows(engine, "SELECT {p.name}, {cv.version} FROM {Product AS p JOIN CatalogVersion AS cv ON {p.catalogVersion}={cv.pk}} WHERE {p.code}='NEW-2' ORDER BY {cv.version}"),
      [['Two online', 'Online'], ['Two', 'Staged']],
    );
  });

  it('a script as an SAP developer writes it: macros for catalog, language and categories, directives, UPDATE, Customer groups', () => {
    const script = `$productCatalog=electronicsProductCatalog
$catalogVersion=catalogVersion(catalog(id[default=$productCatalog]),version[default='Staged'])[unique=true,default=$productCatalog:Staged]
$supercategories=supercategories(code,$catalogVersion)
$lang=en
#% impex.setLocale(Locale.GERMAN);

INSERT_UPDATE Product;code[unique=true];$catalogVersion;name[lang=$lang];name[lang=de];unit(code);approvalStatus(code);$supercategories;onlineDate[dateformat=dd.MM.yyyy]
;IDIOM-1;;Idiom one;Idiom eins;pieces;check;cameras,audio;24.12.2024

UPDATE Product;code[unique=true];$catalogVersion;approvalStatus(code)
;IDIOM-1;;approved

INSERT_UPDATE Customer;uid[unique=true];name;groups(uid);loginDisabled;password
;idiom@example.com;Idiom Customer;customergroup;true;s3cret
`;
    const outcome = engine.importImpex(script, IMPORT);
    assert.ok(outcome.success, outcome.details);
    assert.match(outcome.details, /line 5: skipped script line .*impex\.setLocale\(Locale\.GERMAN\);/);
    assert.deepEqual(
      rows(engine, "SELECT {p.name[de]}, {s.code}, {p.onlineDate} FROM {Product AS p JOIN EnumerationValue AS s ON {p.approvalStatus}={s.pk}} WHERE {p.code}='IDIOM-1'"),
      [['Idiom eins', 'approved', '2024-12-24 00:00:00.000']],
    );
    assert.deepEqual(
      rows(engine, "SELECT {c.code} FROM {Product AS p JOIN CategoryProductRelation AS r ON {r.target}={p.pk} JOIN Category AS c ON {r.source}={c.pk}} WHERE {p.code}='IDIOM-1' ORDER BY {c.code}"),
      [['audio'], ['cameras']],
    );
    assert.deepEqual(
      rows(engine, "SELECT {u.loginDisabled}, {g.uid}, {u.encodedPassword} FROM {Customer AS u JOIN PrincipalGroupRelation AS r ON {r.source}={u.pk} JOIN UserGroup AS g ON {r.target}={g.pk}} WHERE {u.uid}='idiom@example.com'"),
      [['1', 'customergroup', 's3cret']],
    );
    assert.ok(engine.importImpex(`${script.split('\n').slice(0, 2).join('\n')}\nREMOVE Product;code[unique=true];$catalogVersion\n;IDIOM-1;\n`, IMPORT).success);
    assert.deepEqual(rows(engine, "SELECT COUNT(*) FROM {Product} WHERE {code}='IDIOM-1'"), [['0']]);
  });
});
