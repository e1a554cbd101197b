/**
 * Configuration console: `GET /platform/config` (page with `table#props`, `<tr id="KEY">` and
 * `input.configValue[name=KEY]`), `POST /platform/configstore` (`key`, `val`; in memory only, as on
 * HAC) and `POST /platform/configdelete` (`key`). Sensitive values are shown as `*****`.
 * `system.unlocking.disabled` is live: it reads and sets the update console's lock.
 */
import { escapeHtml } from '../../server/html.js';
import { badRequest, htmlResponse, jsonResponse } from '../http.js';
import { dataTable, renderConsolePage } from '../pages/layout.js';
import type { ConsoleRoute } from '../route-types.js';

export const MASK = '*****';
export const LOCK_KEY = 'system.unlocking.disabled';
const SENSITIVE = /password|passwd|secret|credential|token|private\.?key|api\.?key|salt/i;

const INITIAL: Record<string, string> = {
  'build.parallel': 'true',
  'cluster.id': '0',
  'cluster.broadcast.methods': 'jgroups',
  'clustermode': 'false',
  'db.driver': 'org.hsqldb.jdbcDriver',
  'db.url': 'jdbc:hsqldb:file:${HYBRIS_DATA_DIR}/hsqldb/mydb;shutdown=true;hsqldb.cache_rows=100000;hsqldb.cache_size=20000',
  'db.username': 'sa',
  'db.password': 'hsqldb-S3cret',
  'db.tableprefix': '',
  'hac.webroot': '/hac',
  'impex.import.workers': '1',
  'installed.tenants': '',
  'lang.packs': 'de,ja,zh',
  'mail.smtp.server': 'localhost',
  'mail.smtp.port': '25',
  'mail.smtp.password': 'smtp-pass',
  'media.default.url.strategy': 'localMediaWebURLStrategy',
  'solrserver.instances.default.autostart': 'true',
  'solr.server.password': 'solr-admin-pass',
  'tomcat.http.port': '9001',
  'tomcat.ssl.port': '9002',
  'tomcat.generaloptions': '-Xmx4G -Dfile.encoding=UTF-8',
  'oauth.signing.key.password': 'keystore-pass',
  'encryption.key.file.key1.hybris': 'default-128-bit-aes-key.hybris',
  'symmetric.key.file.1': 'default-128-bit-aes-key.hybris',
  'storefront.show.debug.info': 'false',
  'task.engine.loadonstartup': 'true',
};

export interface ConfigOptions {
  isLocked(): boolean;
  setLocked(locked: boolean): void;
}

export class Configuration {
  private readonly values = new Map(Object.entries(INITIAL));
  constructor(private readonly lock: ConfigOptions) {}

  entries(): [string, string][] {
    const all = new Map(this.values);
    all.set(LOCK_KEY, String(this.lock.isLocked()));
    return [...all.entries()].sort(([a], [b]) => a.localeCompare(b));
  }

  set(key: string, value: string): void {
    if (key === LOCK_KEY) this.lock.setLocked(value.trim() === 'true');
    else this.values.set(key, value);
  }

  delete(key: string): boolean {
    if (key === LOCK_KEY) {
      this.lock.setLocked(false);
      return true;
    }
    return this.values.delete(key);
  }
}

export function displayValue(key: string, value: string): string {
  return SENSITIVE.test(key) ? MASK : value;
}

export function configRoutes(config: Configuration): ConsoleRoute[] {
  return [
    {
      method: 'GET',
      path: '/platform/config',
      handle(request) {
        const rows = config.entries().map(([key, value]) => {
          const k = escapeHtml(key);
          return `<tr id="${k}"><td class="configKey">${k}</td><td><input class="configValue" name="${k}" value="${escapeHtml(displayValue(key, value))}" type="text"/></td>`
            + `<td><button class="store" data-key="${k}">store</button> <button class="delete" data-key="${k}">delete</button></td></tr>`;
        });
        return htmlResponse(renderConsolePage(request, {
          title: 'Configuration',
          urls: { storeUrl: '/platform/configstore', deleteUrl: '/platform/configdelete' },
          body: dataTable('props', ['Key', 'Value', ''], rows),
        }));
      },
    },
    {
      method: 'POST',
      path: '/platform/configstore',
      handle(request) {
        const key = (request.form.get('key') ?? '').trim();
        const val = request.form.get('val');
        if (key === '' || val === null) return badRequest("Required request parameters 'key' and 'val' are not present");
        config.set(key, val);
        return jsonResponse({ key, val: displayValue(key, val), success: true });
      },
    },
    {
      method: 'POST',
      path: '/platform/configdelete',
      handle(request) {
        const key = (request.form.get('key') ?? '').trim();
        if (key === '') return badRequest("Required request parameter 'key' is not present");
        return jsonResponse({ key, success: config.delete(key) });
      },
    },
  ];
}
