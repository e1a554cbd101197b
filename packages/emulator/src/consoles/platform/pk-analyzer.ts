/**
 * `POST /platform/pkanalyzer/analyze` (field `pkString`), with the fields HAC's page reads
 * (`static/js/platform/pkanalyzer.js`): `pkString`, `pkComposedTypeCode` (the type's name),
 * `pkTypeCode`, `pkMilliCnt`, `counterBased`, `pkClusterId`, `pkCreationTime`, `pkCreationDate`,
 * `bits` (the 64 cells of the bit table) and `possibleException`, a serialised Java exception when the
 * PK could not be analysed (the page then shows only its `message`). Known items come from the engine
 * (type name, exact creation time); other PKs are decoded from their bits (see `data/pk.ts`), as HAC
 * decodes any PK without looking it up.
 */
import { decodePk } from '../../data/pk.js';
import type { DataEngine } from '../../data/engine-types.js';
import { escapeHtml } from '../../server/html.js';
import { htmlResponse, jsonResponse } from '../http.js';
import { renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';
import { serializeThrowable } from '../throwable.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `java.util.Date#toString()` on a server running in UTC: `Sat Jun 01 02:00:00 UTC 2024`. */
export function javaDateText(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

const MAX_LONG = 2n ** 63n - 1n;

/**
 * The answer for a PK that cannot be analysed: Java's `Long.parseLong` failure for a text that is not
 * a long; for a long the emulator's PK layout cannot decode, an `IllegalArgumentException` (*emulator
 * choice*: a real system decodes every long).
 */
function invalidPk(pkString: string): Record<string, unknown> {
  const isLong = /^\d{1,19}$/.test(pkString) && BigInt(pkString) <= MAX_LONG;
  const possibleException = serializeThrowable(isLong
    ? { className: 'java.lang.IllegalArgumentException', message: `${pkString} is not a PK of this system`, causes: [] }
    : { className: 'java.lang.NumberFormatException', message: `For input string: "${pkString}"`, causes: [] });
  return {
    pkString, pkComposedTypeCode: null, pkTypeCode: null, pkMilliCnt: null, counterBased: false,
    pkClusterId: null, pkCreationTime: null, pkCreationDate: null, bits: [], possibleException,
  };
}

export function pkAnalyzerRoutes(engine: DataEngine): ConsoleRoute[] {
  return [
    {
      method: 'GET',
      path: '/platform/pkanalyzer',
      handle(request) {
        const action = `${request.contextPath}/platform/pkanalyzer/analyze`;
        const body = `\t<form id="pkAnalyzerFormData" method="post" action="${action}">
\t\t<input type="hidden" name="_csrf" value="${escapeHtml(request.csrfToken)}"/>
\t\t<input type="number" min="1" value="1" name="pkString" id="pkString"/> <button id="buttonSubmit">Execute</button>
\t</form>
\t<div id="analyzerResult"></div>`;
        return htmlResponse(renderConsolePage(request, { title: 'PK Analyzer', body }));
      },
    },
    {
      method: 'POST',
      path: '/platform/pkanalyzer/analyze',
      handle(request) {
        const pkString = (request.form.get('pkString') ?? '').trim();
        const item = /^\d+$/.test(pkString) ? engine.lookupPk(pkString) : null;
        const decoded = item ? { typeCode: item.typeCode, createdAt: item.createdAt } : decodePk(pkString);
        if (!decoded) return jsonResponse(invalidPk(pkString));
        const bits = BigInt.asUintN(64, BigInt(pkString)).toString(2).padStart(64, '0').split('');
        return jsonResponse({
          pkString,
          pkComposedTypeCode: item?.typeName ?? null,
          pkTypeCode: decoded.typeCode,
          pkMilliCnt: 0,
          counterBased: false,
          pkClusterId: 0,
          pkCreationTime: decoded.createdAt.getTime(),
          pkCreationDate: javaDateText(decoded.createdAt),
          bits,
          possibleException: null,
        });
      },
    },
  ];
}
