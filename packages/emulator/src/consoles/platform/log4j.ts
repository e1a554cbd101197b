/**
 * Logging console as HAC renders it (`WEB-INF/jsp/platform/log4j.jsp`, `static/js/platform/log4j.js`):
 * `GET /platform/log4j` is a page with `table#loggers[data-changeLoggerLevelUrl]`, one row per logger:
 * `<td title=NAME>NAME</td><td title=PARENT>PARENT</td><td><select class="loggerLevels"
 * data-loggerName=NAME>` with the effective level selected. `POST /platform/log4j/changeLevel`
 * (`loggerName`, `levelName`) answers `{ loggerName, levelName, loggers: [{ name, parentName,
 * effectiveLevel: { standardLevel } }], levels: [{ standardLevel }] }`; a logger name that is not a
 * dotted Java name answers `validationError`, an unknown level no `loggers` (HAC's page then says
 * "Failed to change level"). Changing an unknown logger creates it, as Log4j 2 does.
 */
import { escapeHtml } from '../../server/html.js';
import { badRequest, htmlResponse, jsonResponse } from '../http.js';
import { renderConsolePage } from '../pages/layout.js';
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

/** HAC's own check (`log4j.js`): a dotted Java name such as `this.is.my.Class`. */
const LOGGER_NAME = /^\w+(\.\w+)*$/;

function loggersTable(loggers: Loggers, contextPath: string): string {
  const rows = loggers.list().map((logger) => {
    const name = escapeHtml(logger.name);
    const parent = escapeHtml(logger.parentName ?? '');
    const options = LEVELS.map((level) => `<option value="${level}"${level === logger.effectiveLevel.standardLevel ? ' selected="selected"' : ''}>${level}</option>`).join('');
    return `\t\t<tr>\n\t\t\t<td title="${name}">${name}</td>\n\t\t\t<td title="${parent}">${parent}</td>\n`
      + `\t\t\t<td><select class="loggerLevels" data-loggerName="${name}">${options}</select></td>\n\t\t</tr>\n`;
  });
  return `\t<table id="loggers" data-changeLoggerLevelUrl="${contextPath}/platform/log4j/changeLevel">\n`
    + '\t\t<thead><tr><th>Logger</th><th>Parent Logger</th><th>Effective Level</th></tr></thead>\n\t\t<tbody>\n'
    + rows.join('') + '\t\t</tbody>\n\t</table>';
}

export function log4jRoutes(loggers = new Loggers()): ConsoleRoute[] {
  return [
    {
      method: 'GET',
      path: '/platform/log4j',
      handle(request) {
        return htmlResponse(renderConsolePage(request, { title: 'Logging Configuration', body: loggersTable(loggers, request.contextPath) }));
      },
    },
    {
      method: 'POST',
      path: '/platform/log4j/changeLevel',
      handle(request) {
        const loggerName = request.form.get('loggerName');
        const levelName = request.form.get('levelName');
        if (loggerName === null) return badRequest("Required request parameter 'loggerName' is not present");
        if (levelName === null) return badRequest("Required request parameter 'levelName' is not present");
        if (!LOGGER_NAME.test(loggerName)) return jsonResponse({ loggerName, levelName, validationError: true });
        const level = levelName.trim().toUpperCase();
        if (!LEVELS.includes(level)) return jsonResponse({ loggerName, levelName });
        loggers.set(loggerName, level);
        return jsonResponse({ loggerName, levelName: level, loggers: loggers.list(), levels: LEVELS.map((standardLevel) => ({ standardLevel })) });
      },
    },
  ];
}
