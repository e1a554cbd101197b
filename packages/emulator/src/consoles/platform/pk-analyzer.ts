/**
 * `POST /platform/pkanalyzer/analyze` (field `pkString`): what a PK says about its item. Known items
 * come from the engine (type name, exact creation time); other PKs are decoded from their bits
 * (see `data/pk.ts`), as HAC decodes any PK without looking it up.
 */
import { decodePk } from '../../data/pk.js';
import type { DataEngine } from '../../data/engine-types.js';
import { escapeHtml } from '../../server/html.js';
import { htmlResponse, jsonResponse } from '../http.js';
import { renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

export function pkAnalyzerRoutes(engine: DataEngine): ConsoleRoute[] {
  return [
    {
      method: 'GET',
      path: '/platform/pkanalyzer',
      handle(request) {
        const action = `${request.contextPath}/platform/pkanalyzer/analyze`;
        const body = `\t<form id="pkAnalyzerForm" method="post" action="${action}">
\t\t<input type="hidden" name="_csrf" value="${escapeHtml(request.csrfToken)}"/>
\t\t<input id="pkString" name="pkString" type="text"/> <button id="analyzeButton" type="submit">Analyze</button>
\t</form>
\t<table id="pkResult"></table>`;
        return htmlResponse(renderConsolePage(request, { title: 'PK Analyzer', urls: { analyzeUrl: '/platform/pkanalyzer/analyze' }, body }));
      },
    },
    {
      method: 'POST',
      path: '/platform/pkanalyzer/analyze',
      handle(request) {
        const pkString = (request.form.get('pkString') ?? '').trim();
        const item = /^\d+$/.test(pkString) ? engine.lookupPk(pkString) : null;
        const decoded = item ? { typeCode: item.typeCode, createdAt: item.createdAt } : decodePk(pkString);
        if (!decoded) {
          return jsonResponse({
            pkString, pkTypeCode: null, pkTypeName: null, pkCreationDate: null, pkLongValue: null, pkClusterId: null, itemExists: false,
            errorMessage: `'${pkString}' is not a valid PK (expected the decimal long value of a PK, e.g. 8796093054977)`,
          });
        }
        return jsonResponse({
          pkString,
          pkTypeCode: decoded.typeCode,
          pkTypeName: item?.typeName ?? null,
          // Jackson writes java.util.Date as epoch milliseconds; the ISO text is for humans.
          pkCreationDate: decoded.createdAt.getTime(),
          pkCreationDateString: decoded.createdAt.toISOString(),
          pkLongValue: Number(pkString),
          pkClusterId: 0,
          itemExists: item !== null,
          errorMessage: null,
        });
      },
    },
  ];
}
