/** `GET /initlog/log`: the current (or last) initialization/update log, `{ log: "<html>" }`; HAC's page polls it every 2 s. */
import { jsonResponse } from '../http.js';
import type { ConsoleRoute } from '../route-types.js';
import type { UpdateState } from './state.js';

export function initLogRoute(state: UpdateState): ConsoleRoute {
  return { method: 'GET', path: '/initlog/log', handle: () => jsonResponse({ log: state.log }) };
}
