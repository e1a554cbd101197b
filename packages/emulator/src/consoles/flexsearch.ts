/**
 * `POST /console/flexsearch/execute`: FlexibleSearch (field `flexibleSearchQuery`) or raw SQL
 * (`sqlQuery`, used when the FlexibleSearch field is empty), answered as HAC's `SqlSearchResultData`.
 * Failures are `200` with `exception` set; cells are HTML-escaped as HAC does.
 */
import type { DataEngine, EngineError, QueryOutcome } from '../data/engine-types.js';
import { columnLabels, type DatabaseDialect } from './column-labels.js';
import { escapeHtml } from '../server/html.js';
import { badRequest, htmlResponse, intField, jsonResponse } from './http.js';
import { renderConsolePage } from './pages/layout.js';
import type { ConsoleRequest, ConsoleRoute } from './route-types.js';
import { printStackTrace, serializeThrowable, type SerializedThrowable } from './throwable.js';

/** Data sources the console offers: the master and, on newer versions, a read-only replica. */
const DATA_SOURCES = ['master', 'readonly'];
const DEFAULT_MAX_COUNT = 200;

export interface SqlSearchResultData {
  query: string;
  executionTime: number;
  resultCount: number;
  exception: SerializedThrowable | null;
  exceptionStackTrace: string;
  resultList: (string | null)[][];
  headers: string[];
  rawExecution: boolean;
  catalogVersionsAsString: string;
  parametersAsString: string;
  dataSourceId: string;
}

export function flexsearchRoutes(engine: DataEngine, database: DatabaseDialect = 'hsqldb'): ConsoleRoute[] {
  return [
    { method: 'GET', path: '/console/flexsearch', handle: (request) => htmlResponse(renderFlexsearchPage(request)) },
    {
      method: 'POST',
      path: '/console/flexsearch/execute',
      handle(request) {
        const form = request.form;
        const maxCount = intField(form, 'maxCount');
        if (maxCount === null) return badRequest("Failed to convert value of type 'java.lang.String' to required type 'int' for field 'maxCount'");
        const flexQuery = (form.get('flexibleSearchQuery') ?? '').trim();
        const sqlQuery = (form.get('sqlQuery') ?? '').trim();
        const raw = flexQuery === '';
        const dataSourceId = form.get('dataSource') || 'master';
        const outcome = run(engine, {
          flexQuery,
          sqlQuery,
          dataSourceId,
          // Passed through as HAC does: the engine reads -1 as "no limit" and 0 as "no rows".
          maxCount: maxCount ?? DEFAULT_MAX_COUNT,
          locale: form.get('locale') || 'en',
          user: form.get('user') || request.username,
          commit: form.get('commit') === 'true',
        });
        return jsonResponse(toResultData(outcome, raw, dataSourceId, database));
      },
    },
  ];
}

function renderFlexsearchPage(request: ConsoleRequest): string {
  const field = (name: string, value: string): string => `<label>${name} <input id="${name}" name="${name}" type="text" value="${escapeHtml(value)}"/></label>`;
  const body = `\t<form id="flexSearchForm" method="post" action="${request.contextPath}/console/flexsearch/execute">
\t\t<input type="hidden" name="_csrf" value="${escapeHtml(request.csrfToken)}"/>
\t\t<textarea id="flexibleSearchQuery" name="flexibleSearchQuery"></textarea>
\t\t<textarea id="sqlQuery" name="sqlQuery"></textarea>
\t\t${field('maxCount', String(DEFAULT_MAX_COUNT))} ${field('user', request.username)} ${field('locale', 'en')}
\t\t<select id="dataSource" name="dataSource">${DATA_SOURCES.map((id) => `<option value="${id}">${id}</option>`).join('')}</select>
\t\t<label><input type="checkbox" id="commit" name="commit" value="true"/> Commit</label>
\t\t<button id="executeButton" type="submit">Execute</button>
\t</form>
\t<table id="flexResult"><thead></thead><tbody></tbody></table>`;
  return renderConsolePage(request, { title: 'FlexibleSearch', urls: { executeUrl: '/console/flexsearch/execute' }, body });
}

interface QueryRequest {
  flexQuery: string;
  sqlQuery: string;
  dataSourceId: string;
  maxCount: number;
  locale: string;
  user: string;
  commit: boolean;
}

function run(engine: DataEngine, q: QueryRequest): QueryOutcome {
  const statement = q.flexQuery || q.sqlQuery;
  if (!DATA_SOURCES.includes(q.dataSourceId)) {
    return failed(statement, {
      className: 'java.lang.IllegalArgumentException',
      message: `No data source with id '${q.dataSourceId}' is configured (available: ${DATA_SOURCES.join(', ')})`,
      causes: [],
    });
  }
  if (statement === '') {
    return failed('', { className: 'java.lang.IllegalArgumentException', message: 'query must not be empty', causes: [] });
  }
  if (q.flexQuery) return engine.flexibleSearch(q.flexQuery, { maxCount: q.maxCount, locale: q.locale, user: q.user });
  if (q.dataSourceId === 'readonly' && !/^\s*(select|with|values|explain)\b/i.test(q.sqlQuery)) {
    return failed(q.sqlQuery, {
      className: 'de.hybris.platform.jalo.JaloSystemException',
      message: 'java.sql.SQLException: Connection is read-only. Queries leading to data modification are not allowed',
      causes: [{ className: 'java.sql.SQLException', message: 'Connection is read-only. Queries leading to data modification are not allowed' }],
    });
  }
  return engine.sql(q.sqlQuery, { maxCount: q.maxCount, commit: q.commit });
}

function failed(query: string, error: EngineError): QueryOutcome {
  return { headers: [], rows: [], translatedSql: query, executionTimeMs: 0, error };
}

export function toResultData(outcome: QueryOutcome, raw: boolean, dataSourceId: string, database: DatabaseDialect): SqlSearchResultData {
  const rows = outcome.error ? [] : outcome.rows;
  return {
    query: outcome.translatedSql,
    executionTime: outcome.executionTimeMs,
    resultCount: rows.length,
    exception: outcome.error ? serializeThrowable(outcome.error) : null,
    exceptionStackTrace: outcome.error ? printStackTrace(outcome.error) : '',
    resultList: rows.map((row) => row.map((cell) => (cell === null ? null : escapeHtml(cell)))),
    // JDBC column labels: their case is the database's, not HAC's.
    headers: outcome.error ? [] : columnLabels(database, outcome.headers),
    rawExecution: raw,
    // The admin session has no session catalog versions and the console passes no query parameters.
    catalogVersionsAsString: '',
    parametersAsString: '{}',
    dataSourceId,
  };
}
