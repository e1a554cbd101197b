import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createConsoles } from '../src/consoles/index.js';
import type { Consoles } from '../src/consoles/route-types.js';
import type { DataEngine } from '../src/data/engine-types.js';
import { call, sampleConsoles } from './consoles-helpers.js';

const PATH = '/console/flexsearch/execute';
const KEYS = ['query', 'executionTime', 'resultCount', 'exception', 'exceptionStackTrace', 'resultList', 'headers', 'rawExecution',
  'catalogVersionsAsString', 'parametersAsString', 'dataSourceId'];

interface Result {
  query: string;
  executionTime: number;
  resultCount: number;
  exception: null | { message: string; localizedMessage: string; cause: unknown; stackTrace: { declaringClass: string; methodName: string; fileName: string; lineNumber: number }[]; suppressed: unknown[] };
  exceptionStackTrace: string;
  resultList: (string | null)[][];
  headers: string[];
  rawExecution: boolean;
  dataSourceId: string;
}

describe('FlexibleSearch / SQL console', () => {
  let engine: DataEngine;
  let consoles: Consoles;
  before(async () => {
    ({ engine, consoles } = await sampleConsoles());
  });
  after(() => engine.close());

  const search = async (fields: Record<string, string>): Promise<Result> => {
    const answer = await call(consoles, 'POST', PATH, {
      form: { flexibleSearchQuery: '', sqlQuery: '', maxCount: '200', user: 'admin', locale: 'en', dataSource: 'master', commit: 'false', ...fields },
    });
    assert.equal(answer.status, 200);
    const json = answer.json<Result>();
    assert.deepEqual(Object.keys(json), KEYS);
    return json;
  };

  it('answers a FlexibleSearch with the translated SQL, headers and rows', async () => {
    const expected = engine.flexibleSearch('SELECT {pk}, {code} FROM {Product} ORDER BY {code}', { maxCount: 200, locale: 'en', user: 'admin' });
    const result = await search({ flexibleSearchQuery: 'SELECT {pk}, {code} FROM {Product} ORDER BY {code}' });
    assert.equal(result.query, expected.translatedSql);
    // HSQLDB (the default database) labels unquoted columns in upper case.
    assert.deepEqual(expected.headers, ['PK', 'p_code']);
    assert.deepEqual(result.headers, ['PK', 'P_CODE']);
    assert.deepEqual(result.resultList, expected.rows);
    assert.equal(result.resultCount, expected.rows.length);
    assert.equal(result.exception, null);
    assert.equal(result.exceptionStackTrace, '');
    assert.equal(result.rawExecution, false);
    assert.equal(result.dataSourceId, 'master');
    assert.equal(typeof result.executionTime, 'number');
  });

  it('labels headers as the chosen database does: HSQLDB/HANA upper-case, MySQL/SQL Server as written', async () => {
    const query = { flexibleSearchQuery: '', sqlQuery: 'SELECT PK, p_code AS Code FROM products LIMIT 1', maxCount: '1', user: 'admin', locale: 'en', dataSource: 'master', commit: 'false' };
    const headersOn = async (database: 'hsqldb' | 'hana' | 'mysql' | 'sqlserver'): Promise<string[]> => {
      const other = createConsoles({ engine, updateDurationMs: 0, legacy: false, database });
      return (await call(other, 'POST', PATH, { form: query })).json<Result>().headers;
    };
    assert.deepEqual(await headersOn('hsqldb'), ['PK', 'CODE']);
    assert.deepEqual(await headersOn('hana'), ['PK', 'CODE']);
    assert.deepEqual(await headersOn('mysql'), ['PK', 'Code']);
    assert.deepEqual(await headersOn('sqlserver'), ['PK', 'Code']);
  });

  it('caps rows at maxCount silently; resultCount counts returned rows', async () => {
    const result = await search({ flexibleSearchQuery: 'SELECT {pk} FROM {Product}', maxCount: '2' });
    assert.equal(result.resultList.length, 2);
    assert.equal(result.resultCount, 2);
  });

  it('reads maxCount -1 as no limit and 0 as no rows, as HAC does, for FlexibleSearch and SQL', async () => {
    const total = Number((await search({ flexibleSearchQuery: 'SELECT COUNT(*) FROM {Product}' })).resultList[0]?.[0]);
    assert.ok(total > 2);
    const all = await search({ flexibleSearchQuery: 'SELECT {pk} FROM {Product}', maxCount: '-1' });
    assert.equal(all.resultCount, total);
    const allSql = await search({ sqlQuery: 'SELECT PK FROM products', maxCount: '-1' });
    assert.equal(allSql.resultCount, total);
    const none = await search({ flexibleSearchQuery: 'SELECT {pk} FROM {Product}', maxCount: '0' });
    assert.equal(none.exception, null);
    assert.deepEqual([none.resultCount, none.resultList], [0, []]);
  });

  it('runs SQL when the FlexibleSearch field is empty, escaping cells and keeping NULL', async () => {
    const result = await search({ sqlQuery: `SELECT 'a&b <c> "d" ''e''' AS v, NULL AS n` });
    assert.equal(result.rawExecution, true);
    assert.equal(result.query, `SELECT 'a&b <c> "d" ''e''' AS v, NULL AS n`);
    assert.deepEqual(result.resultList, [['a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39;', null]]);
  });

  it('answers a failing query with 200 and a serialised throwable chain', async () => {
    const result = await search({ flexibleSearchQuery: 'SELECT {pk} FROM {NoSuchType}' });
    assert.equal(result.resultCount, 0);
    assert.deepEqual(result.resultList, []);
    assert.deepEqual(result.headers, []);
    const exception = result.exception;
    assert.ok(exception);
    assert.match(exception.message, /NoSuchType/);
    assert.equal(exception.localizedMessage, exception.message);
    assert.deepEqual(exception.suppressed, []);
    assert.ok(exception.stackTrace.length > 0);
    assert.deepEqual(Object.keys(exception.stackTrace[0] ?? {}), ['declaringClass', 'methodName', 'fileName', 'lineNumber']);
    assert.ok(exception.cause, 'the cause chain is kept');
    assert.match(result.exceptionStackTrace, /^de\.hybris\.platform\.servicelayer\.search\.exceptions\.FlexibleSearchException: /);
    assert.match(result.exceptionStackTrace, /\n\tat .+\(.+\.java:\d+\)\n/);
    assert.match(result.exceptionStackTrace, /\nCaused by: /);
  });

  it('rejects an unknown data source with an exception result, and writes on the read-only one', async () => {
    const unknown = await search({ flexibleSearchQuery: 'SELECT {pk} FROM {Product}', dataSource: 'replica9' });
    assert.match(unknown.exception?.message ?? '', /replica9/);
    assert.equal(unknown.dataSourceId, 'replica9');
    const readOnly = await search({ sqlQuery: 'DELETE FROM products', dataSource: 'readonly' });
    assert.match(readOnly.exception?.message ?? '', /read-only/);
    const select = await search({ sqlQuery: 'SELECT 1 AS one', dataSource: 'readonly' });
    assert.deepEqual(select.resultList, [['1']]);
    assert.equal(select.dataSourceId, 'readonly');
  });

  it('runs as the given user and fails for an unknown one', async () => {
    const unknown = await search({ flexibleSearchQuery: 'SELECT {pk} FROM {Product}', user: 'nobody-here' });
    assert.ok(unknown.exception, 'an unknown user is an error');
    assert.match(unknown.exception.message, /nobody-here/);
  });

  it('answers 400 for a maxCount that is not a number', async () => {
    const answer = await call(consoles, 'POST', PATH, { form: { flexibleSearchQuery: 'SELECT {pk} FROM {Product}', maxCount: 'lots' } });
    assert.equal(answer.status, 400);
  });
});
