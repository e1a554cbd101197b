import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigurationPage, parseLoggersPage, parseLogLevelChange, parsePkAnalysis } from '../src/consoles/parse-platform.js';
import { ShapeError } from '../src/consoles/shape.js';

describe('parseLoggersPage', () => {
  const option = (level: string, selected: string): string =>
    level === selected ? `<option value="${level}" selected="selected">${level}</option>` : `<option value="${level}">${level}</option>`;
  /** One row as log4j.jsp renders it: name and parent in cells with a title, then the level select. */
  const row = (name: string, parent: string, level: string): string => `
						<tr>
							<td title="${name}">${name}</td>
							<td title="${parent}">${parent}</td>
							<td>
								<select class="loggerLevels" data-loggerName="${name}">
									${['ALL', 'DEBUG', 'INFO', 'WARN'].map((l) => option(l, level)).join('\n\t\t\t\t\t\t\t\t\t')}
								</select>
							</td>
						</tr>`;

  it('reads name, parent (the second cell) and selected level of each row, as log4j.jsp renders them', () => {
    const html = `<html><body><table id="loggers" data-changeLoggerLevelUrl="/hac/platform/log4j/changeLevel">
				<thead><tr><th>Logger</th><th>Parent Logger</th><th>Effective Level</th></tr></thead>
				<tbody>${row('root', '', 'INFO')}${row('de.hybris.platform.jalo', 'de.hybris.platform', 'DEBUG')}
				</tbody></table></body></html>`;
    assert.deepEqual(parseLoggersPage(html), [
      { name: 'root', level: 'INFO', parentName: null },
      { name: 'de.hybris.platform.jalo', level: 'DEBUG', parentName: 'de.hybris.platform' },
    ]);
  });

  it('prefers the cell title (the full name) over the text a browser shows', () => {
    const html = `<table id="loggers"><tbody><tr><td title="com.acme.very.long.Name">com.acme…</td><td title="com.acme">com.acme</td>
      <td><select class="loggerLevels" data-loggerName="com.acme.very.long.Name">${option('WARN', 'WARN')}</select></td></tr></tbody></table>`;
    assert.deepEqual(parseLoggersPage(html), [{ name: 'com.acme.very.long.Name', level: 'WARN', parentName: 'com.acme' }]);
  });

  it('rejects a page without the loggers table', () => {
    assert.throws(() => parseLoggersPage('<html><body>login</body></html>'), ShapeError);
  });
});

describe('parseLogLevelChange', () => {
  it('reads the answer log4j.js reads: loggers with effectiveLevel.standardLevel, levels as objects', () => {
    const change = parseLogLevelChange(
      {
        loggerName: 'de.x',
        levelName: 'DEBUG',
        loggers: [{ name: 'de.x', parentName: 'root', effectiveLevel: { standardLevel: 'DEBUG' } }, { name: 'root', parentName: null, effectiveLevel: { standardLevel: 'INFO' } }],
        levels: [{ standardLevel: 'INFO' }, { standardLevel: 'DEBUG' }],
      },
      'de.x',
      'DEBUG',
    );
    assert.deepEqual(change, {
      loggerName: 'de.x',
      levelName: 'DEBUG',
      loggers: [
        { name: 'de.x', level: 'DEBUG', parentName: 'root' },
        { name: 'root', level: 'INFO', parentName: null },
      ],
      levels: ['INFO', 'DEBUG'],
    });
  });

  it('turns validationError and an answer without loggers into clear errors', () => {
    assert.throws(() => parseLogLevelChange({ loggerName: 'a b', levelName: 'INFO', validationError: true }, 'a b', 'INFO'), /refused the logger name "a b"/);
    assert.throws(() => parseLogLevelChange({ loggerName: 'x', levelName: 'LOUD' }, 'x', 'LOUD'), /did not change the level of logger "x" to LOUD/);
  });
});

describe('parseConfigurationPage', () => {
  it('reads keys and decoded values, masked ones as shown', () => {
    const html = `<table id="props"><tr><th>key</th><th>value</th></tr>
      <tr id="build.parallel"><td>build.parallel</td><td><input class="configValue" name="build.parallel" value="true"/></td></tr>
      <tr id="site.url"><td>site.url</td><td><input class="configValue" name="site.url" value="https://a/?x=1&amp;y=&quot;2&quot;"/></td></tr>
      <tr id="db.password"><td>db.password</td><td><input class="configValue" name="db.password" value="*****"/></td></tr>
      </table>`;
    assert.deepEqual(parseConfigurationPage(html), {
      'build.parallel': 'true',
      'site.url': 'https://a/?x=1&y="2"',
      'db.password': '*****',
    });
  });

  it('rejects a page without the properties table', () => {
    assert.throws(() => parseConfigurationPage('<p>nothing</p>'), /table#props/);
  });
});

describe('parsePkAnalysis', () => {
  it('reads the fields pkanalyzer.js shows', () => {
    const analysis = parsePkAnalysis(
      {
        pkString: '8796093054977', pkComposedTypeCode: 'Product', pkTypeCode: 1, pkMilliCnt: 0, counterBased: false, pkClusterId: 0,
        pkCreationTime: Date.UTC(2026, 0, 2, 3, 4, 5), pkCreationDate: 'Fri Jan 02 03:04:05 UTC 2026', bits: ['0', '1'], possibleException: null,
      },
      '8796093054977',
    );
    assert.equal(analysis.success, true);
    assert.equal(analysis.error, null);
    assert.equal(analysis.typeCode, 1);
    assert.equal(analysis.typeName, 'Product');
    assert.equal(analysis.creationDate, '2026-01-02T03:04:05.000Z');
    assert.equal(analysis.clusterId, 0);
    assert.equal(analysis.counterBased, false);
    assert.deepEqual(analysis.raw['bits'], ['0', '1']);
  });

  it('keeps HAC\'s creation date text when no epoch time comes with it', () => {
    const analysis = parsePkAnalysis({ pkString: '1', pkTypeCode: '1', pkCreationDate: 'Fri Jan 02 03:04:05 UTC 2026' }, '1');
    assert.equal(analysis.typeCode, 1);
    assert.equal(analysis.creationDate, 'Fri Jan 02 03:04:05 UTC 2026');
  });

  it('a PK HAC could not analyse comes back failed with possibleException\'s message, not a result full of nulls', () => {
    const possibleException = { message: 'For input string: "99999999999999999999"', localizedMessage: 'For input string: "99999999999999999999"', cause: null, stackTrace: [], suppressed: [] };
    const analysis = parsePkAnalysis({ pkString: '99999999999999999999', pkTypeCode: null, pkCreationDate: null, possibleException }, '99999999999999999999');
    assert.equal(analysis.success, false);
    assert.equal(analysis.error, 'For input string: "99999999999999999999"');
    assert.equal(analysis.typeCode, null);
  });
});
