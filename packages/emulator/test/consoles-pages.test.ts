import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Consoles } from '../src/consoles/route-types.js';
import type { DataEngine } from '../src/data/engine-types.js';
import { call, sampleConsoles, TOKEN } from './consoles-helpers.js';

describe('console pages', () => {
  let engine: DataEngine;
  let consoles: Consoles;
  before(async () => {
    ({ engine, consoles } = await sampleConsoles());
  });
  after(() => engine.close());

  it('serves every page of the menu with the CSRF meta, the user and the menu itself', async () => {
    const first = await call(consoles, 'GET', '/console/scripting');
    const links = [...first.text.matchAll(/<li><a href="\/hac([^"]+)">/g)].map((m) => m[1] ?? '');
    assert.equal(links.length, 12);
    for (const path of links) {
      const page = await call(consoles, 'GET', path);
      assert.equal(page.status, 200, path);
      assert.match(page.headers['Content-Type'] ?? '', /^text\/html;charset=UTF-8$/);
      assert.ok(page.text.includes(`<meta name="_csrf" content="${TOKEN}"/>`), path);
      assert.ok(page.text.includes('<span id="username">admin</span>'), path);
      assert.equal(page.text.match(/<div class="prepend-top span-17 colborder" id="content"/g)?.length, 1, path);
    }
  });

  it('shows running cron jobs, cache regions and the serving node', async () => {
    // As cronjobs.jsp: an empty table its script fills from the data URL, and one abort button for all jobs.
    const cronJobs = (await call(consoles, 'GET', '/monitoring/cronjobs')).text;
    assert.match(cronJobs, /<table id="cronjobs" data-cronjobsLoadUrl="\/hac\/monitoring\/cronjobs\/data">/);
    assert.match(cronJobs, /<button id="abortJobs" style="clear:both;" data-url="\/hac\/monitoring\/cronjobs\/abort">Abort cron jobs<\/button>/);
    assert.match((await call(consoles, 'GET', '/monitoring/cache')).text, /<tr data-region="entityCacheRegion">/);
    assert.match((await call(consoles, 'GET', '/monitoring/cluster')).text, /<tr data-node="node0" class="currentNode">/);
    const init = (await call(consoles, 'GET', '/platform/init')).text;
    assert.match(init, /data-initMethod="INIT"[^]*id="initWarning">Resetting the database removes all available data/);
    // As init.jsp/init.js: an initialization drops all tables, and every option is ticked.
    assert.match(init, /<input type="checkbox" id="dropTables" name="dropTables" checked="checked"\/> Drop all database tables/);
    assert.match(init, /id="createEssentialData" name="createEssentialData" checked="checked"/);
    assert.doesNotMatch((await call(consoles, 'GET', '/platform/update')).text, /checked="checked"\/> (Drop|Create essential)/);
  });
});
