/**
 * Logging console: `GET /platform/log4j` (page with `table#loggers`, one
 * `select.loggerLevels[data-loggerName]` per logger) and `POST /platform/log4j/changeLevel`
 * (`loggerName`, `levelName`). Changing an unknown logger creates it, as Log4j 2 does.
 */
import { escapeHtml } from '../../server/html.js';
import { badRequest, htmlResponse, jsonResponse } from '../http.js';
import { dataTable, renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

export const LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'];
const ROOT = 'root';

const INITIAL: [string, string | null][] = [
  [ROOT, 'INFO'],
  ['de.hybris', null],
  ['de.hybris.platform', 'INFO'],
  ['de.hybris.platform.jalo', 'WARN'],
  ['de.hybris.platform.servicelayer', null],
  ['de.hybris.platform.impex', 'INFO'],
  ['de.hybris.platform.cronjob', 'INFO'],
  ['de.hybris.platform.solrfacetsearch', 'WARN'],
  ['de.hybris.platform.hac', 'INFO'],
  ['org.springframework', 'WARN'],
  ['org.springframework.security', 'ERROR'],
  ['org.apache.solr', 'WARN'],
  ['org.hibernate.validator', 'ERROR'],
  ['com.acme', 'DEBUG'],
];

export class Loggers {
  /** Logger name → own level (null: inherits from its parent). */
  private readonly levels = new Map<string, string | null>(INITIAL);

  set(name: string, level: string): void {
    this.levels.set(name, level);
  }

  /** The closest configured ancestor among the known loggers (`root` for top-level names). */
  parentOf(name: string): string | null {
    if (name === ROOT) return null;
    let candidate = name;
    while (candidate.includes('.')) {
      candidate = candidate.slice(0, candidate.lastIndexOf('.'));
      if (this.levels.has(candidate)) return candidate;
    }
    return ROOT;
  }

  effectiveLevel(name: string): string {
    const own = this.levels.get(name);
    if (own) return own;
    const parent = this.parentOf(name);
    return parent === null ? 'INFO' : this.effectiveLevel(parent);
  }

  list(): { name: string; parentName: string | null; effectiveLevel: { standardLevel: string } }[] {
    return [...this.levels.keys()].sort((a, b) => (a === ROOT ? -1 : b === ROOT ? 1 : a.localeCompare(b)))
      .map((name) => ({ name, parentName: this.parentOf(name), effectiveLevel: { standardLevel: this.effectiveLevel(name) } }));
  }
}

function loggerRows(loggers: Loggers): string[] {
  return loggers.list().map((logger) => {
    const name = escapeHtml(logger.name);
    const options = LEVELS.map((level) => `<option value="${level}"${level === logger.effectiveLevel.standardLevel ? ' selected="selected"' : ''}>${level}</option>`).join('');
    return `<tr><td class="loggerName">${name}</td><td>${escapeHtml(logger.parentName ?? '')}</td>`
      + `<td><select class="loggerLevels" data-loggerName="${name}">${options}</select></td></tr>`;
  });
}

export function log4jRoutes(loggers = new Loggers()): ConsoleRoute[] {
  return [
    {
      method: 'GET',
      path: '/platform/log4j',
      handle(request) {
        return htmlResponse(renderConsolePage(request, {
          title: 'Logging',
          urls: { changeLevelUrl: '/platform/log4j/changeLevel' },
          body: dataTable('loggers', ['Logger', 'Parent', 'Level'], loggerRows(loggers)),
        }));
      },
    },
    {
      method: 'POST',
      path: '/platform/log4j/changeLevel',
      handle(request) {
        const loggerName = (request.form.get('loggerName') ?? '').trim();
        const levelName = (request.form.get('levelName') ?? '').trim().toUpperCase();
        if (loggerName === '') return badRequest("Required request parameter 'loggerName' is not present");
        if (!LEVELS.includes(levelName)) return badRequest(`Unknown level '${request.form.get('levelName') ?? ''}'; expected one of ${LEVELS.join(', ')}`);
        loggers.set(loggerName, levelName);
        return jsonResponse({ loggerName, levelName, loggers: loggers.list(), levels: LEVELS });
      },
    },
  ];
}
