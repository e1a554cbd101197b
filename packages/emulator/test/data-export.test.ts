import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDataEngine, type DataEngine } from '../src/data/index.js';
import { IMPORT, rows, sampleEngine } from './data-helpers.js';

describe('ImpEx export', () => {
  let engine: DataEngine;
  before(async () => {
    engine = await sampleEngine();
  });
  after(() => engine.close());

  it('exports items of a type into one data file per header plus importscript.impex', () => {
    const script = `$cv=catalogVersion(catalog(id),version)[unique=true]
INSERT_UPDATE Product;code[unique=true];$cv;name[lang=en];description[lang=en];supercategories(code,$cv);approvalStatus(code)
"#% impex.exportItems(""Product"", false);"
INSERT_UPDATE Currency;isocode[unique=true];digits;active
"#% impex.exportItems(""Currency"", true);"
`;
    const outcome = engine.exportImpex(script, { mode: 'EXPORT_ONLY' });
    assert.ok(outcome.success, outcome.errorMessage ?? '');
    assert.deepEqual(outcome.files.map((f) => f.name), ['importscript.impex', 'Product.csv', 'Currency.csv']);
    const importScript = outcome.files[0]?.content ?? '';
    const separator = '#-----------------------------------------------------------';
    assert.equal(
      importScript,
      [
        '',
        separator,
        'INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];name[lang=en];description[lang=en];supercategories(code,catalogVersion(catalog(id),version)[unique=true]);approvalStatus(code)',
        `"#% impex.includeExternalDataMedia( ""Product.csv"" , ""UTF-8"", ';',  1 , -1 );"`,
        separator,
        '',
        separator,
        'INSERT_UPDATE Currency;isocode[unique=true];digits;active',
        `"#% impex.includeExternalDataMedia( ""Currency.csv"" , ""UTF-8"", ';',  1 , -1 );"`,
        separator,
        '',
      ].join('\n'),
    );
    const products = outcome.files[1]?.content.split('\n') ?? [];
    assert.ok(products.length > 80);
    assert.ok(products.includes(';DE-001;electronicsProductCatalog:Staged;Straßenlaterne;Größe: groß – Gewicht: 5 kg;lighting:electronicsProductCatalog:Staged,outdoor:electronicsProductCatalog:Staged;check'));
    const caf = outcome.files[1]?.content ?? '';
    assert.ok(caf.includes(';CAF-001;electronicsProductCatalog:Staged;Caffè & Crème <deluxe>;"A ""barista"" grade blend; roasted in Trieste.\nSecond line: 100% Arabica.'));
    assert.ok(outcome.files[2]?.content.includes(';EUR;2;true'));
  });

  it('exports through a FlexibleSearch query and writes subtype names in the first column', () => {
    const script = `INSERT_UPDATE User;uid[unique=true];name;groups(uid)
"#% impex.exportItems(""SELECT {pk} FROM {User} WHERE {uid} IN ('admin','anonymous')"", Collections.EMPTY_MAP, Collections.singletonList(Item.class), true, true, -1, -1);"
`;
    const outcome = engine.exportImpex(script, { mode: 'EXPORT_REIMPORT_STRICT' });
    assert.ok(outcome.success, outcome.errorMessage ?? '');
    const data = outcome.files.find((f) => f.name === 'User.csv')?.content ?? '';
    assert.equal(data, 'INSERT_UPDATE User;uid[unique=true];name;groups(uid)\nEmployee;admin;Administrator;admingroup,employeegroup\nCustomer;anonymous;Anonymous;customergroup\n');
  });

  it('a header without exportItems exports every item of exactly its type, ordered by unique columns', () => {
    const outcome = engine.exportImpex('INSERT_UPDATE Currency;isocode[unique=true];symbol\nINSERT_UPDATE User;uid[unique=true]\n', { mode: 'EXPORT_ONLY' });
    assert.ok(outcome.success, outcome.errorMessage ?? '');
    assert.equal(outcome.files.find((f) => f.name === 'Currency.csv')?.content, 'INSERT_UPDATE Currency;isocode[unique=true];symbol\n;EUR;€\n;JPY;¥\n;USD;$\n');
    // User has no direct instances: Customer and Employee are subtypes, left out as SAP's exportItems(type, false) does.
    assert.equal(outcome.files.find((f) => f.name === 'User.csv')?.content, 'INSERT_UPDATE User;uid[unique=true]\n');
    const withSubtypes = engine.exportImpex('INSERT_UPDATE User;uid[unique=true]\n"#% impex.exportItems(""User"", true);"\n', { mode: 'EXPORT_ONLY' });
    const lines = withSubtypes.files.find((f) => f.name === 'User.csv')?.content.split('\n') ?? [];
    assert.ok(lines.includes('Employee;admin') && lines.includes('Customer;anonymous'));
  });

  it('fails on unknown types and attributes', () => {
    assert.match(engine.exportImpex('INSERT_UPDATE Gadget;code[unique=true]\n', { mode: 'EXPORT_ONLY' }).errorMessage ?? '', /unknown type 'Gadget'/);
    const attribute = engine.exportImpex('INSERT_UPDATE Product;code[unique=true];colour\n"#% impex.exportItems(""Product"", false);"\n', { mode: 'EXPORT_ONLY' });
    assert.equal(attribute.success, false);
    assert.match(attribute.errorMessage ?? '', /unknown attributes \[Product\.colour\]/);
  });

  it('round-trips: the exported data imports into an empty system', async () => {
    const script = `INSERT_UPDATE Catalog;id[unique=true];name[lang=en]
"#% impex.exportItems(""Catalog"", false);"
INSERT_UPDATE CatalogVersion;catalog(id)[unique=true];version[unique=true];active
"#% impex.exportItems(""CatalogVersion"", false);"
INSERT_UPDATE Product;code[unique=true];catalogVersion(catalog(id),version)[unique=true];name[lang=en];description[lang=en]
"#% impex.exportItemsFlexibleSearch(""SELECT {pk} FROM {Product} WHERE {code} LIKE 'CAF%'"");"
`;
    const outcome = engine.exportImpex(script, { mode: 'EXPORT_REIMPORT_STRICT' });
    assert.ok(outcome.success, outcome.errorMessage ?? '');
    const target = await createDataEngine('empty');
    try {
      for (const file of outcome.files.filter((f) => f.name !== 'importscript.impex')) {
        const result = target.importImpex(file.content, IMPORT);
        assert.ok(result.success, `${file.name}: ${result.details}`);
      }
      const query = "SELECT {code}, {description} FROM {Product} WHERE {code}='CAF-001' ORDER BY {pk}";
      assert.deepEqual(rows(target, query), rows(engine, query));
    } finally {
      target.close();
    }
  });
});
