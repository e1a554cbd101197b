import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const PACKAGE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const MARK = '=== first call';

/** Packages under node_modules that Node's module debug output names, before and after `MARK`. */
function loadedPackages(script: string): { before: Set<string>; after: Set<string> } {
  const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, NODE_DEBUG: 'esm,module' },
    encoding: 'utf8',
    // The module trace runs to several megabytes.
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr.slice(-2000));
  const [head = '', tail = ''] = run.stderr.split(MARK);
  const names = (text: string): Set<string> =>
    new Set([...text.matchAll(/node_modules\/((?:@[^/]+\/)?[^/\s'"]+)/g)].map((match) => match[1] ?? ''));
  return { before: names(head), after: names(tail) };
}

describe('start-up', () => {
  it('importing hac-client loads undici only: the HTML parser, cookie jar, entity decoder and unzip wait for a call that needs them', () => {
    const { before, after } = loadedPackages(
      `const m = await import('hac-client'); console.error(${JSON.stringify(MARK)}); m.htmlToText('<p>a &amp; b</p>');`,
    );
    assert.ok(before.has('undici'), `the debug output lists loaded packages: ${[...before].join(', ')}`);
    for (const lazy of ['node-html-parser', 'tough-cookie', 'tldts', 'entities', 'fflate']) {
      assert.ok(!before.has(lazy), `${lazy} is loaded by the import`);
    }
    assert.ok(after.has('node-html-parser'), 'the first HTML call loads the parser');
  });
});
