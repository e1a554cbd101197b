/**
 * What every console method costs in HTTP requests: cold (empty cache) the 3 login requests plus the
 * call, warm (a new client reusing the cached session) the call alone, for GET and POST consoles.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HacClient } from 'hac-client';
import { client, useEmulator, LOGIN, log, tempCacheDir } from './session-helpers.js';

const LANGUAGE = 'INSERT_UPDATE Language;isocode[unique=true];active\n;xq;true';

/** Each method with the requests of one call (`METHOD path status`; a RegExp where the path varies). */
const METHODS: [string, (c: HacClient) => Promise<unknown>, (string | RegExp)[]][] = [
  ['executeGroovy', (c) => c.executeGroovy('return 1'), ['POST /hac/console/scripting/execute 200']],
  ['executeFlexibleSearch', (c) => c.executeFlexibleSearch('SELECT {pk} FROM {Language}'), ['POST /hac/console/flexsearch/execute 200']],
  ['collectFlexibleSearch (a result of one page)', (c) => c.collectFlexibleSearch('SELECT {pk} FROM {Language}'), ['POST /hac/console/flexsearch/execute 200']],
  ['executeSql', (c) => c.executeSql('SELECT 1'), ['POST /hac/console/flexsearch/execute 200']],
  ['importImpex', (c) => c.importImpex(LANGUAGE), ['POST /hac/console/impex/import 200']],
  ['validateImpex', (c) => c.validateImpex(LANGUAGE), ['POST /hac/console/impex/import/validate 200']],
  [
    'importImpexFile',
    (c) => c.importImpexFile({ name: 'l.impex', content: Buffer.from(LANGUAGE) }),
    ['POST /hac/console/impex/import/upload 200'],
  ],
  [
    'exportImpex (export + download)',
    (c) => c.exportImpex('INSERT_UPDATE Language;isocode[unique=true]\n"#% impex.exportItems(""Language"", false);"'),
    ['POST /hac/console/impex/export 200', /^GET \/medias\/\S+\.zip 200$/],
  ],
  ['getUpdateData', (c) => c.getUpdateData(), ['GET /hac/platform/init/data 200']],
  ['getPendingPatches', (c) => c.getPendingPatches(), ['GET /hac/platform/init/pendingPatches 200']],
  ['executeUpdate without pending patches', (c) => c.executeUpdate({ includePendingPatches: false }), ['POST /hac/platform/init/execute 200']],
  [
    'executeUpdate with pending patches (the default)',
    (c) => c.executeUpdate(),
    ['GET /hac/platform/init/pendingPatches 200', 'POST /hac/platform/init/execute 200'],
  ],
  ['getUpdateLog', (c) => c.getUpdateLog(), ['GET /hac/initlog/log 200']],
  ['getLoggers', (c) => c.getLoggers(), ['GET /hac/platform/log4j 200']],
  ['setLogLevel', (c) => c.setLogLevel('de.hybris.platform.jalo', 'DEBUG'), ['POST /hac/platform/log4j/changeLevel 200']],
  ['getConfiguration', (c) => c.getConfiguration(), ['GET /hac/platform/config 200']],
  ['setConfigurationProperty', (c) => c.setConfigurationProperty('cost.test', 'x'), ['POST /hac/platform/configstore 200']],
  ['deleteConfigurationProperty', (c) => c.deleteConfigurationProperty('cost.test'), ['POST /hac/platform/configdelete 200']],
  ['analyzePk', (c) => c.analyzePk('8796093054977'), ['POST /hac/platform/pkanalyzer/analyze 200']],
  ['getCacheRegions', (c) => c.getCacheRegions(), ['GET /hac/monitoring/cache/regionCache/data 200']],
  ['clearCache', (c) => c.clearCache(), ['POST /hac/monitoring/cache/regionCache/clear 200']],
  ['getCronJobs', (c) => c.getCronJobs(), ['GET /hac/monitoring/cronjobs/data 200']],
  ['abortAllRunningCronJobs', (c) => c.abortAllRunningCronJobs(), ['POST /hac/monitoring/cronjobs/abort 200']],
];

function assertRequests(seen: string[], expected: (string | RegExp)[]): void {
  assert.equal(seen.length, expected.length, seen.join('\n'));
  expected.forEach((want, i) => {
    const got = seen[i] ?? '';
    if (typeof want === 'string') assert.equal(got, want, seen.join('\n'));
    else assert.match(got, want, seen.join('\n'));
  });
}

describe('request costs of every console method', () => {
  const emu = useEmulator({ updateDurationMs: 20 });

  for (const [name, call, requests] of METHODS) {
    it(`${name}: cold = 3 login requests + the call, warm from the cache = the call alone`, async () => {
      const cacheDir = await tempCacheDir();
      emu.resetRequests();
      await call(client(emu, cacheDir));
      assertRequests(log(emu), [...LOGIN(), ...requests]);
      emu.resetRequests();
      await call(client(emu, cacheDir));
      assertRequests(log(emu), requests);
    });
  }

  it('a JSON answer is parsed once, however many layers read it', async () => {
    const cacheDir = await tempCacheDir();
    const c = client(emu, cacheDir);
    await c.login();
    const marker = 'parse-count-marker-5d1e';
    const parse = JSON.parse;
    let parses = 0;
    JSON.parse = (text: string, reviver?: Parameters<typeof JSON.parse>[1]): unknown => {
      if (typeof text === 'string' && text.includes(marker)) parses++;
      return parse(text, reviver);
    };
    try {
      const result = await c.executeGroovy(`return '${marker}'`);
      assert.equal(result.executionResult, marker);
    } finally {
      JSON.parse = parse;
    }
    assert.equal(parses, 1);
  });
});
