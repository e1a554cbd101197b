import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataEngine } from '../src/data/index.js';
import { fs, rootCause, rows, sampleEngine } from './data-helpers.js';

describe('FlexibleSearch on the sample data', () => {
  let engine: DataEngine;
  before(async () => {
    engine = await sampleEngine();
  });
  after(() => engine.close());

  const cases: { name: string; query: string; headers: string[]; check: (rows: (string | null)[][]) => void; locale?: string }[] = [
    {
      name: 'joins across catalog version and catalog, LIKE, ORDER BY DESC, localized [de]',
      query:
        "SELECT {p.pk}, {p.code}, {name[de]} FROM {Product AS p JOIN CatalogVersion AS cv ON {p.catalogVersion}={cv.pk} JOIN Catalog AS c ON {cv.catalog}={c.pk}} WHERE {c.id}='electronicsProductCatalog' AND {cv.version}='Staged' AND {p.code} LIKE '%CAF%' ORDER BY {p.code} DESC",
      headers: ['PK', 'p_code', 'p_name'],
      check: (r) => {
        assert.deepEqual(r.map((x) => x[1]), ['CAF-002', 'CAF-001']);
        assert.equal(r[1]?.[2], 'Kaffee & Creme <Deluxe>');
        assert.match(r[0]?.[0] ?? '', /^\d{13}$/);
      },
    },
    {
      name: 'plain {name} of a localized attribute uses the locale',
      query: "SELECT {name} FROM {Product} WHERE {code}='JP-001'",
      headers: ['p_name'],
      locale: 'de',
      check: (r) => assert.deepEqual(r, [['Wasserkocher (japanische Ausgabe)']]),
    },
    {
      name: 'attribute without alias and localized [en]',
      query: "SELECT {code}, {name[en]} FROM {Product} WHERE {code}='JP-001'",
      headers: ['p_code', 'p_name'],
      check: (r) => assert.deepEqual(r, [['JP-001', '電気ケトル']]),
    },
    {
      name: '{User} includes Customer and Employee',
      query: "SELECT {uid} FROM {User} WHERE {uid} IN ('admin', 'anonymous') ORDER BY {uid}",
      headers: ['p_uid'],
      check: (r) => assert.deepEqual(r, [['admin'], ['anonymous']]),
    },
    {
      name: '{User!} excludes subtypes',
      query: 'SELECT COUNT(*) FROM {User!}',
      headers: ['COUNT(*)'],
      check: (r) => assert.deepEqual(r, [['0']]),
    },
    {
      name: '{Employee} only employees',
      query: 'SELECT {uid} FROM {Employee} ORDER BY {uid}',
      headers: ['p_uid'],
      check: (r) => assert.deepEqual(r.map((x) => x[0]), ['admin', 'catalogmanager', 'former.employee']),
    },
    {
      name: 'abstract Principal spans users and user groups',
      query: "SELECT {uid} FROM {Principal} WHERE {uid} IN ('admin','admingroup') ORDER BY {uid}",
      headers: ['p_uid'],
      check: (r) => assert.deepEqual(r, [['admin'], ['admingroup']]),
    },
    {
      name: 'COUNT({pk}) with GROUP BY over a join with an enum',
      query:
        'SELECT {s.code}, COUNT({p.pk}) FROM {Product AS p JOIN ArticleApprovalStatus AS s ON {p.approvalStatus}={s.pk}} GROUP BY {s.code} ORDER BY {s.code}',
      headers: ['Code', 'COUNT(item_t0.PK)'],
      check: (r) => {
        assert.deepEqual(r.map((x) => x[0]), ['approved', 'check', 'unapproved']);
        assert.ok(r.every((x) => Number(x[1]) > 0));
      },
    },
    {
      name: 'LEFT JOIN keeps products without a unit match',
      query: "SELECT {p.code}, {u.code} FROM {Product AS p LEFT JOIN Unit AS u ON {p.unit}={u.pk} AND {u.code}='kg'} WHERE {p.code} IN ('CAF-001','CAF-002') AND {p.catalogVersion} IS NOT NULL ORDER BY {p.code}, {u.code}",
      headers: ['p_code', 'p_code'],
      check: (r) => assert.deepEqual(r, [['CAF-001', null], ['CAF-001', null], ['CAF-002', 'kg']]),
    },
    {
      name: 'IS NULL on a localized attribute (no German name for Online copies)',
      query: "SELECT COUNT(*) FROM {Product} WHERE {name[de]} IS NULL AND {code}='HW-1001'",
      headers: ['COUNT(*)'],
      check: (r) => assert.deepEqual(r, [['1']]),
    },
    {
      name: '{{ subquery }} with IN',
      query:
        "SELECT {code} FROM {Product} WHERE {approvalStatus} IN ({{ SELECT {pk} FROM {ArticleApprovalStatus} WHERE {code}='unapproved' }}) ORDER BY {code}",
      headers: ['p_code'],
      check: (r) => assert.ok(r.length > 0 && r.some((x) => x[0] === 'APP-002')),
    },
    {
      name: 'correlated subquery referencing the outer alias',
      query:
        "SELECT {o.code} FROM {Order AS o} WHERE EXISTS ({{ SELECT {e.pk} FROM {OrderEntry AS e} WHERE {e.order}={o.pk} AND {e.entryNumber}=2 }}) ORDER BY {o.code}",
      headers: ['p_code'],
      check: (r) => assert.ok(r.length >= 9),
    },
    {
      name: 'relation type as a join table (categories of a product)',
      query:
        "SELECT {c.code} FROM {Product AS p JOIN CategoryProductRelation AS r ON {r.target}={p.pk} JOIN Category AS c ON {r.source}={c.pk}} WHERE {p.code}='DE-001' ORDER BY {c.code}",
      headers: ['p_code'],
      check: (r) => assert.deepEqual(r, [['lighting'], ['outdoor']]),
    },
    {
      name: 'subquery inside a JOIN condition',
      query:
        "SELECT {p.code} FROM {Product AS p JOIN Unit AS u ON {p.unit}={u.pk} AND {u.pk} IN ({{ SELECT {pk} FROM {Unit} WHERE {code}='kg' }})} ORDER BY {p.code}",
      headers: ['p_code'],
      check: (r) => assert.deepEqual(r, [['CAF-002']]),
    },
    {
      name: 'braces inside string literals are left alone',
      query: "SELECT {code} FROM {Product} WHERE {code} = '{not a ref}'",
      headers: ['p_code'],
      check: (r) => assert.deepEqual(r, []),
    },
    {
      name: 'orders with totals, user and currency',
      query:
        "SELECT {o.code}, {o.totalPrice}, {c.isocode} FROM {Order AS o JOIN Customer AS u ON {o.user}={u.pk} JOIN Currency AS c ON {o.currency}={c.pk}} WHERE {u.uid}='anna.muller@example.com' ORDER BY {o.code}",
      headers: ['p_code', 'p_totalprice', 'p_isocode'],
      check: (r) => {
        assert.equal(r[0]?.[0], 'ORD-500100');
        assert.equal(r[0]?.[2], 'EUR');
        assert.ok(Number(r[0]?.[1]) > 0);
      },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const outcome = fs(engine, c.query, c.locale ? { locale: c.locale } : {});
      assert.equal(outcome.error, null, outcome.error?.message);
      assert.deepEqual(outcome.headers, c.headers);
      c.check(outcome.rows);
      assert.match(outcome.translatedSql, /item_t0/);
    });
  }

  it('translates to SQL with type filters as SAP does', () => {
    const outcome = fs(engine, "SELECT {pk} FROM {Product} WHERE {code}='x'");
    assert.match(outcome.translatedSql, /^SELECT item_t0\.PK FROM products item_t0 WHERE \(item_t0\.p_code='x'\) AND \(item_t0\.TypePkString=\d{13}\)$/);
    const users = fs(engine, 'SELECT {pk} FROM {User}');
    assert.match(users.translatedSql, /TypePkString IN \(\d{13},\d{13},\d{13}\)/);
    const exact = fs(engine, 'SELECT {pk} FROM {User!}');
    assert.match(exact.translatedSql, /TypePkString=\d{13}$/);
  });

  it('caps rows silently at maxCount', () => {
    const all = rows(engine, 'SELECT {pk} FROM {Product}', { maxCount: 1000 });
    assert.ok(all.length > 50);
    const capped = fs(engine, 'SELECT {pk} FROM {Product}', { maxCount: 7 });
    assert.equal(capped.rows.length, 7);
    assert.equal(capped.error, null);
    assert.equal(fs(engine, 'SELECT {pk} FROM {Product}', { maxCount: -1 }).rows.length, all.length);
  });

  const errors: { name: string; query: string; root: RegExp; rootClass: string }[] = [
    { name: 'unknown type', query: 'SELECT {pk} FROM {Produkt}', root: /type code 'Produkt' invalid/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'unknown attribute', query: 'SELECT {colour} FROM {Product}', root: /unknown field 'TableField\(name='colour'.*within type Product/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'unknown alias', query: 'SELECT {x.code} FROM {Product AS p}', root: /unknown alias 'x'/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'SQL syntax error', query: 'SELECT {code} FORM {Product}', root: /no FROM {Type} clause/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'bad SQL around the braces', query: 'SELECT {code} FROM {Product} WHERE', root: /syntax error|incomplete input/, rootClass: 'java.sql.SQLSyntaxErrorException' },
    { name: 'trailing semicolon', query: 'SELECT {pk} FROM {Product};', root: /syntax error/, rootClass: 'java.sql.SQLSyntaxErrorException' },
    { name: 'unbalanced braces', query: 'SELECT {code FROM {Product}', root: /brace|invalid/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'query parameter', query: 'SELECT {pk} FROM {Product} WHERE {code}=?code', root: /parameter 'code'/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'unknown language', query: 'SELECT {name[xx]} FROM {Product}', root: /unknown language 'xx'/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'relation attribute', query: 'SELECT {supercategories} FROM {Product}', root: /relation attribute 'supercategories'/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'abstract type with !', query: 'SELECT {pk} FROM {Principal!}', root: /cannot search on abstract type 'Principal' with no-subtypes option \('!'\)/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
    { name: 'not a SELECT', query: 'DELETE FROM {Product}', root: /only SELECT/, rootClass: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException' },
  ];
  for (const e of errors) {
    it(`error: ${e.name}`, () => {
      const outcome = fs(engine, e.query);
      assert.ok(outcome.error, 'expected an error');
      assert.equal(outcome.error.className, 'de.hybris.platform.servicelayer.search.exceptions.FlexibleSearchException');
      assert.match(rootCause(outcome), e.root);
      if (e.rootClass) assert.equal(outcome.error.causes.at(-1)?.className, e.rootClass);
      assert.deepEqual(outcome.rows, []);
      assert.deepEqual(outcome.headers, []);
    });
  }

  it('rejects an unknown user', () => {
    const outcome = fs(engine, 'SELECT {pk} FROM {Product}', { user: 'nobody' });
    assert.match(outcome.error?.message ?? '', /Cannot find user with uid 'nobody'/);
  });

  it('accepts comma-separated types, addressed by alias or by type name', () => {
    const byAlias = rows(engine, "SELECT {p.code} FROM {Product AS p}, {Unit AS u} WHERE {p.unit} = {u.pk} AND {u.code}='kg'");
    const byName = rows(engine, "SELECT {Product.code} FROM {Product}, {Unit} WHERE {Product.unit} = {Unit.pk} AND {Unit.code}='kg'");
    assert.deepEqual(byAlias, [['CAF-002']]);
    assert.deepEqual(byName, byAlias);
  });

  it('accepts : as the alias separator ({p:code}) and the :o modifier after either form', () => {
    const dotted = rows(engine, "SELECT {p.pk}, {p.code}, {p.name[de]} FROM {Product AS p} WHERE {p.code} LIKE 'CAF%' ORDER BY {p.pk}");
    const colon = rows(engine, "SELECT {p:pk}, {p:code}, {p:name[de]} FROM {Product AS p} WHERE {p:code} LIKE 'CAF%' ORDER BY {p:pk}");
    assert.ok(dotted.length > 0);
    assert.deepEqual(colon, dotted);
    assert.deepEqual(rows(engine, "SELECT {code:o}, {p:name[de]:o} FROM {Product AS p} WHERE {p:code}='JP-001'"), [['JP-001', 'Wasserkocher (japanische Ausgabe)']]);
    const sub = rows(engine, "SELECT {p:code} FROM {Product AS p} WHERE {p:approvalStatus} IN ({{ SELECT {s:pk} FROM {ArticleApprovalStatus AS s} WHERE {s:code}='approved' }}) AND {p:code}='JP-001'");
    assert.deepEqual(sub, [['JP-001']]);
  });

  it('SELECT * answers every column of the type\'s table, enum and reference columns as PKs', () => {
    const outcome = fs(engine, "SELECT * FROM {Product} WHERE {code}='JP-001'");
    assert.equal(outcome.error, null);
    for (const header of ['PK', 'createdTS', 'TypePkString', 'p_code', 'p_catalogversion', 'p_approvalstatus']) assert.ok(outcome.headers.includes(header), header);
    const row = outcome.rows[0] ?? [];
    assert.match(row[outcome.headers.indexOf('p_approvalstatus')] ?? '', /^\d{13}$/);
    assert.match(row[outcome.headers.indexOf('p_catalogversion')] ?? '', /^\d{13}$/);
  });

  it('is case-insensitive for type and attribute names', () => {
    assert.deepEqual(rows(engine, "SELECT {P.CODE} FROM {product AS P} WHERE {P.Code}='JP-001'"), [['JP-001']]);
  });
});
