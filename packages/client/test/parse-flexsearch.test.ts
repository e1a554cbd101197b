import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseStatement } from '../src/consoles/flexsearch.js';
import { parseFlexibleSearchResult, rootCauseMessage, rowsToObjects } from '../src/consoles/parse-flexsearch.js';
import { ShapeError } from '../src/consoles/shape.js';
import { HacClientError } from '../src/errors.js';

const success = {
  query: 'SELECT item_t0.code FROM products item_t0',
  executionTime: 7,
  resultCount: 3,
  exception: null,
  exceptionStackTrace: '',
  resultList: [
    ['Tom &amp; Jerry', '&lt;b&gt;bold&lt;/b&gt;'],
    ['O&#39;Neil', null],
    ['&quot;quoted&quot; &amp;amp;', ''],
  ],
  headers: ['code', 'name'],
  rawExecution: false,
  catalogVersionsAsString: 'Default:Staged',
  parametersAsString: '',
  dataSourceId: 'master',
};

describe('parseFlexibleSearchResult', () => {
  it('decodes escaped cells once and keeps null cells', () => {
    const result = parseFlexibleSearchResult(success, 200);
    assert.deepEqual(result.rows, [
      ['Tom & Jerry', '<b>bold</b>'],
      ["O'Neil", null],
      ['"quoted" &amp;', ''],
    ]);
    assert.deepEqual(result.headers, ['code', 'name']);
    assert.equal(result.success, true);
    assert.equal(result.exception, null);
    assert.equal(result.rawException, null);
    assert.equal(result.exceptionStackTrace, null);
    assert.equal(result.query, success.query);
    assert.equal(result.executionTimeMs, 7);
    assert.equal(result.resultCount, 3);
    assert.equal(result.catalogVersions, 'Default:Staged');
    assert.equal(result.parameters, null);
    assert.equal(result.dataSourceId, 'master');
    assert.equal(result.rawExecution, false);
  });

  it('keeps the headers as HAC sends them: the JDBC column labels, upper case on HSQLDB and HANA', () => {
    const hsqldb = { ...success, query: 'SELECT  item_t0.PK , item_t0.p_code FROM products item_t0', headers: ['PK', 'P_CODE'], resultList: [['8796093055000', 'camera']], resultCount: 1 };
    const result = parseFlexibleSearchResult(hsqldb, 200);
    assert.deepEqual(result.headers, ['PK', 'P_CODE']);
    assert.deepEqual(rowsToObjects(result), [{ PK: '8796093055000', P_CODE: 'camera' }]);
  });

  it('flags maxCountReached when the rows reach maxCount', () => {
    assert.equal(parseFlexibleSearchResult(success, 3).maxCountReached, true);
    assert.equal(parseFlexibleSearchResult(success, 2).maxCountReached, true);
    assert.equal(parseFlexibleSearchResult(success, 4).maxCountReached, false);
    assert.equal(parseFlexibleSearchResult(success, 4).maxCount, 4);
  });

  it('reports the root cause of a nested exception and keeps the raw object', () => {
    const exception = {
      message: 'de.hybris.platform.servicelayer.search.exceptions.FlexibleSearchException: cannot search unknown type Foo',
      localizedMessage: 'wrapper',
      cause: {
        message: 'de.hybris.platform.jalo.flexiblesearch.FlexibleSearchException: cannot search unknown type Foo',
        cause: { message: 'cannot search unknown type Foo', localizedMessage: 'cannot search unknown type Foo', cause: null },
      },
      stackTrace: [{ className: 'X', methodName: 'y' }],
    };
    const result = parseFlexibleSearchResult(
      { ...success, resultList: [], headers: [], resultCount: 0, exception, exceptionStackTrace: 'FlexibleSearchException\n\tat X.y' },
      200,
    );
    assert.equal(result.success, false);
    assert.equal(result.exception, 'cannot search unknown type Foo');
    assert.deepEqual(result.rawException, exception);
    assert.equal(result.exceptionStackTrace, 'FlexibleSearchException\n\tat X.y');
    assert.deepEqual(result.rows, []);
    assert.equal(result.maxCountReached, false);
  });

  it('throws ShapeError for answers that are not search results', () => {
    assert.throws(() => parseFlexibleSearchResult({ hello: 'world' }, 200), ShapeError);
    assert.throws(() => parseFlexibleSearchResult({ ...success, resultList: ['not a row'] }, 200), /row 0 is not an array/);
    assert.throws(() => parseFlexibleSearchResult(null, 200), ShapeError);
  });

  it('JSON.stringify includes every data field', () => {
    const json = JSON.parse(JSON.stringify(parseFlexibleSearchResult(success, 3))) as Record<string, unknown>;
    for (const key of ['headers', 'rows', 'resultCount', 'executionTimeMs', 'exception', 'query', 'maxCount', 'maxCountReached', 'success']) {
      assert.ok(key in json, key);
    }
  });
});

describe('rootCauseMessage', () => {
  it('falls back outwards when the innermost message is empty', () => {
    assert.equal(rootCauseMessage({ message: 'outer', cause: { message: '', cause: null } }), 'outer');
    assert.equal(rootCauseMessage({ localizedMessage: 'only localized' }), 'only localized');
    assert.equal(rootCauseMessage('plain text'), 'plain text');
  });

  it('survives a cause cycle', () => {
    const a: Record<string, unknown> = { message: 'a' };
    const b = { message: 'b', cause: a };
    a['cause'] = b;
    assert.equal(rootCauseMessage(a), 'b');
  });
});

describe('rowsToObjects', () => {
  it('keys cells by header', () => {
    const result = parseFlexibleSearchResult(success, 200);
    assert.deepEqual(rowsToObjects(result)[1], { code: "O'Neil", name: null });
  });

  it('keeps a __proto__ column as data', () => {
    const [row] = rowsToObjects({ headers: ['__proto__'], rows: [['x']] });
    assert.equal(Object.getOwnPropertyDescriptor(row, '__proto__')?.value, 'x');
  });
});

describe('normaliseStatement', () => {
  it('drops trailing semicolons and whitespace', () => {
    assert.equal(normaliseStatement('  SELECT {pk} FROM {Product} ;  ; \n', 'q'), 'SELECT {pk} FROM {Product}');
    assert.equal(normaliseStatement("SELECT 'a;b' FROM x", 'q'), "SELECT 'a;b' FROM x");
  });

  it('rejects an empty statement', () => {
    assert.throws(() => normaliseStatement('  ;\n', 'FlexibleSearch query'), HacClientError);
    assert.throws(() => normaliseStatement('', 'SQL statement'), /SQL statement is empty/);
  });
});
