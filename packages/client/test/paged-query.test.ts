import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bracketTree, isGroup, tokenize } from '../src/consoles/flexsearch-tokens.js';
import { comparePks, isPk, keyStatement, pageStatement, planPagedQuery } from '../src/consoles/paged-query.js';
import { HacQueryNotPageableError } from '../src/errors.js';

/** The refusal's reason and suggestion for `query`. */
function refusal(query: string): string {
  try {
    planPagedQuery(query);
  } catch (error) {
    assert.ok(error instanceof HacQueryNotPageableError, String(error));
    assert.equal(error.message, `Cannot page this query: ${error.reason}; ${error.suggestion}`);
    return error.message;
  }
  assert.fail(`accepted: ${query}`);
}

describe('FlexibleSearch tokens', () => {
  it('keeps braces, quotes and comment markers inside strings and comments as text', () => {
    const query = "SELECT {code} -- a {comment} with 'quote\nFROM {Product} /* {{ not a subquery */ WHERE {name} = 'it''s {x} -- y'";
    const tokens = tokenize(query);
    assert.equal(tokens.map((t) => t.text).join(''), query);
    assert.deepEqual(
      tokens.filter((t) => t.kind === 'comment' || t.kind === 'string').map((t) => t.text),
      ["-- a {comment} with 'quote", '/* {{ not a subquery */', "'it''s {x} -- y'"],
    );
    const top = bracketTree(query);
    assert.deepEqual(top.filter(isGroup).map((g) => g.kind), ['brace', 'brace', 'brace']);
  });

  it('reads }} as the end of a subquery, or of two braces when a single { is open', () => {
    const top = bracketTree('SELECT {p.pk} FROM {Product AS p JOIN Unit AS u ON {p.unit} = {u.pk}} WHERE {p.pk} IN ({{SELECT {pk} FROM {Product}}})');
    const from = top[3];
    assert.ok(isGroup(from) && from.kind === 'brace');
    assert.deepEqual(from.items.filter(isGroup).map((g) => g.kind), ['brace', 'brace']);
    const inList = top.at(-1);
    assert.ok(isGroup(inList) && inList.kind === 'paren');
    const subquery = inList.items[0];
    assert.ok(isGroup(subquery) && subquery.kind === 'subquery');
    assert.equal(subquery.items.filter(isGroup).length, 2);
  });

  it('names what is unterminated or unbalanced', () => {
    assert.match(refusal("SELECT {code} FROM {Product} WHERE {code} = 'abc"), /the string starting at position 45 is never closed/);
    assert.match(refusal('SELECT {code} FROM {Product} /* note'), /comment starting at position 30 is never closed/);
    assert.match(refusal('SELECT {code FROM {Product}'), /'\{' at position 8 is never closed/);
    assert.match(refusal('SELECT {code} FROM {Product})'), /'\)' at position 29 closes nothing/);
    assert.match(refusal('SELECT ({code} FROM {Product}'), /never closed/);
  });
});

describe('planPagedQuery', () => {
  it('adds the first type’s PK as a last column before FROM, and keeps the rest of the text', () => {
    const plan = planPagedQuery("SELECT {code}, {name[de]} AS name FROM {Product} WHERE {code} LIKE 'A%'");
    assert.deepEqual(plan, {
      inner: "SELECT {code}, {name[de]} AS name, {pk} AS hac_page_pk FROM {Product} WHERE {code} LIKE 'A%'",
      key: '{pk}',
      joined: false,
    });
    assert.equal(
      pageStatement(plan, null),
      "SELECT hac_page.* FROM ({{ SELECT {code}, {name[de]} AS name, {pk} AS hac_page_pk FROM {Product} WHERE {code} LIKE 'A%'\n}}) hac_page ORDER BY hac_page.hac_page_pk",
    );
    assert.match(pageStatement(plan, '8796093054977'), /\n\}\}\) hac_page WHERE hac_page\.hac_page_pk > 8796093054977 ORDER BY hac_page\.hac_page_pk$/);
    assert.match(keyStatement(plan, '42'), /\}\}\) hac_page WHERE hac_page\.hac_page_pk = 42$/);
  });

  it('keys on the alias of the first type, with joins and with ! or * after the type', () => {
    const joined = planPagedQuery('SELECT {o.code}, {e.entryNumber} FROM {Order AS o JOIN OrderEntry AS e ON {e.order} = {o.pk}} WHERE {o.code} IS NOT NULL');
    assert.equal(joined.key, '{o.pk}');
    assert.equal(joined.joined, true);
    assert.equal(planPagedQuery('SELECT {p:code} FROM {Product! p}').key, '{p.pk}');
    assert.equal(planPagedQuery('SELECT {a.code}, {b.isocode} FROM {Product AS a}, {Currency AS b}').joined, true);
    assert.equal(planPagedQuery('SELECT * FROM {Unit}').inner, 'SELECT *, {pk} AS hac_page_pk FROM {Unit}');
  });

  it('drops an ORDER BY by the PK ascending (pages come in that order) and keeps subqueries as they are', () => {
    assert.equal(planPagedQuery('SELECT {pk}, {code} FROM {Product} ORDER BY {pk}').inner, 'SELECT {pk}, {code}, {pk} AS hac_page_pk FROM {Product} ');
    assert.equal(planPagedQuery('SELECT {p.code} FROM {Product AS p} ORDER BY {p:PK} ASC').key, '{p.pk}');
    const nested = planPagedQuery("SELECT {code} FROM {Product} WHERE {pk} IN ({{ SELECT MAX({pk}) FROM {Product} GROUP BY {unit} ORDER BY 1 }})");
    assert.match(nested.inner, /GROUP BY \{unit\} ORDER BY 1 \}\}\)$/);
  });

  it('ends the subquery on a new line, so that a query ending in a -- comment still closes it', () => {
    const plan = planPagedQuery('SELECT {code} -- the code\nFROM {Product} -- every product');
    assert.equal(plan.inner, 'SELECT {code}, {pk} AS hac_page_pk -- the code\nFROM {Product} -- every product');
    assert.match(pageStatement(plan, null), /-- every product\n\}\}\) hac_page ORDER BY/);
  });

  it('allows DISTINCT only with the PK among the columns (adding it changes nothing then)', () => {
    assert.equal(planPagedQuery('SELECT DISTINCT {p.pk}, {p.code} FROM {Product AS p JOIN Category AS c ON {c.pk} = {p.unit}}').joined, true);
    assert.match(refusal('SELECT DISTINCT {code} FROM {Product}'), /DISTINCT rows without the PK it is paged on \(\{pk\}\).*select \{pk\} as well/);
  });

  it('refuses what cannot be paged by PK, saying why and how to rewrite it', () => {
    const cases: [string, RegExp][] = [
      ['SELECT COUNT(*) FROM {Product}', /aggregates rows \(COUNT\(…\)\).*run it without paging/],
      ['SELECT {code}, ROUND(SUM({price}), 2) FROM {Product}', /aggregates rows \(SUM/],
      ['SELECT {unit}, COUNT({pk}) FROM {Product} GROUP BY {unit}', /aggregates rows|groups rows/],
      ['SELECT {unit} FROM {Product} GROUP BY {unit}', /groups rows \(GROUP BY\).*one row per group/],
      ['SELECT {code} FROM {Product} HAVING {code} > 1', /groups rows \(HAVING\)/],
      ['SELECT {code} FROM {Product} INTERSECT SELECT {code} FROM {Product}', /combines queries with INTERSECT/],
      ['SELECT {code} FROM {Product} OFFSET 5', /limits its rows itself \(OFFSET\)/],
      ['SELECT {p.code} FROM {Product AS p FULL OUTER JOIN Unit AS u ON {p.unit} = {u.pk}}', /FULL JOIN/],
      ['SELECT {code} FROM {Product} UNION SELECT {code} FROM {Unit}', /combines queries with UNION.*page each SELECT on its own/],
      ['SELECT {code} FROM {Product} ORDER BY {code}', /orders rows by something other than the PK it is paged on \(\{pk\}\) \(ORDER BY \{code\}\).*sort the output afterwards/],
      ['SELECT {code} FROM {Product} ORDER BY {pk} DESC', /orders rows by PK descending/],
      ['SELECT {code} FROM {Product} ORDER BY {pk}, {code}', /orders rows by more than the PK/],
      ['SELECT {code} FROM {Product} LIMIT 10', /limits its rows itself \(LIMIT\)/],
      ['SELECT TOP 10 {code} FROM {Product}', /limits its rows itself \(TOP\)/],
      ['SELECT {code} FROM {Product} FETCH FIRST 10 ROWS ONLY', /limits its rows itself \(FETCH\)/],
      ['SELECT x.code FROM ({{ SELECT {code} AS code FROM {Product} }}) x', /reads FROM a subquery.*move the subquery into WHERE/],
      ['SELECT {code}, ROW_NUMBER() OVER (ORDER BY {code}) FROM {Product}', /OVER/],
      ['SELECT {p.code} FROM {Product AS p RIGHT JOIN Unit AS u ON {p.unit} = {u.pk}}', /RIGHT JOIN.*LEFT JOIN/],
      ['SELECT {code} FROM {Product JOIN Unit AS u ON {unit} = {u.pk}}', /first one has no alias.*\{Product AS t JOIN …\}/],
      ['SELECT * FROM {Product AS p JOIN Unit AS u ON {p.unit} = {u.pk}}', /selects \* over a join.*name the columns/],
      ['SELECT {p.code}, {u.code} FROM {Product AS p JOIN Unit AS u ON {p.unit} = {u.pk}}', /\{p\.code\} and \{u\.code\}, would come out under one name.*\{u\.code\} AS code2/],
      ['SELECT {name[en]}, {name[de]} FROM {Product}', /\{name\[en\]\} and \{name\[de\]\}, would come out under one name/],
      ['SELECT {code} FROM {Product} WHERE {code} = ?code', /parameter \(\?code\).*write the value into the query/],
      ['UPDATE products SET p_code = 1', /it is not a SELECT/],
      ['SELECT 1', /it has no FROM/],
      ["SELECT {code} FROM {Product}; DELETE FROM products", /more than one statement/],
    ];
    for (const [query, expected] of cases) assert.match(refusal(query), expected, query);
  });

  it('does not mistake what only looks like a refused shape', () => {
    // Aggregates and ORDER BY inside a subquery, a column aliased "limit" in quotes, keywords in strings and comments.
    for (const query of [
      "SELECT {code}, ({{ SELECT COUNT(*) FROM {Unit} }}) units FROM {Product} WHERE {code} <> 'GROUP BY x' -- ORDER BY {code}",
      'SELECT {p.code} AS "limit", {u.code} AS unitCode FROM {Product AS p LEFT JOIN Unit AS u ON {p.unit} = {u.pk}}',
      "SELECT {code} c, UPPER({name}) n FROM {Product} WHERE {description} LIKE '%UNION%'",
    ]) {
      assert.doesNotThrow(() => planPagedQuery(query), query);
    }
  });
});

describe('PKs', () => {
  it('are whole numbers up to 2^63-1 as HAC prints them, compared as numbers', () => {
    assert.ok(isPk('8796093054977'));
    assert.ok(isPk('0'));
    assert.ok(isPk('9223372036854775807'));
    for (const bad of ['9223372036854775808', '-1', '01', '1.0', '1 OR 1=1', '', '1e3']) assert.equal(isPk(bad), false, bad);
    assert.ok(comparePks('9', '10') < 0);
    assert.ok(comparePks('8796093054977', '8796093054976') > 0);
    assert.equal(comparePks('42', '42'), 0);
    assert.throws(() => pageStatement(planPagedQuery('SELECT {code} FROM {Product}'), '1 OR 1=1'), /not a PK/);
  });
});
