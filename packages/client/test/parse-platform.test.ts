import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigurationPage, parseLoggersPage, parseLogLevelChange, parsePkAnalysis } from '../src/consoles/parse-platform.js';
import { ShapeError } from '../src/consoles/shape.js';

describe('parseLoggersPage', () => {
  it('reads each logger with its selected level', () => {
    const option = (level: string, selected: string) => `<option value="${level}"${level === selected ? ' selected="selected"' : ''}>${level}</option>`;
    const select = (name: string, selected: string) =>
      `<select class="loggerLevels" data-loggerName="${name}">${['INFO', 'DEBUG', 'WARN'].map((l) => option(l, selected)).join('')}</select>`;
    const html = `<html><body><table id="loggers"><thead><tr><th>Logger</th><th>Level</th></tr></thead><tbody>
      <tr><td>root</td><td>${select('root', 'INFO')}</td></tr>
      <tr><td>de.hybris.platform.jalo</td><td>${select('de.hybris.platform.jalo', 'DEBUG')}</td></tr>
      </tbody></table></body></html>`;
    assert.deepEqual(parseLoggersPage(html), [
      { name: 'root', level: 'INFO', parentName: null },
      { name: 'de.hybris.platform.jalo', level: 'DEBUG', parentName: null },
    ]);
  });

  it('rejects a page without the loggers table', () => {
    assert.throws(() => parseLoggersPage('<html><body>login</body></html>'), ShapeError);
  });
});

describe('parseLogLevelChange', () => {
  it('reads the newer answer shape', () => {
    const change = parseLogLevelChange(
      {
        loggerName: 'de.x',
        levelName: 'DEBUG',
        loggers: [{ name: 'de.x', parentName: 'root', effectiveLevel: { standardLevel: 'DEBUG' } }, { name: 'root', effectiveLevel: 'INFO' }],
        levels: [{ standardLevel: 'INFO' }, 'DEBUG'],
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
  it('reads type code and creation date', () => {
    const analysis = parsePkAnalysis({ pkString: '8796093054977', pkTypeCode: '1', pkCreationDate: '2026-11-01 10:00:00' }, '8796093054977');
    assert.equal(analysis.typeCode, 1);
    assert.equal(analysis.creationDate, '2026-11-01 10:00:00');
    assert.equal(analysis.pkString, '8796093054977');
    assert.equal(analysis.raw['pkTypeCode'], '1');
  });

  it('turns an epoch-millisecond creation date into ISO 8601', () => {
    const analysis = parsePkAnalysis({ pkString: '1', pkTypeCode: 1, pkTypeName: 'Product', pkCreationDate: Date.UTC(2026, 0, 2, 3, 4, 5) }, '1');
    assert.equal(analysis.creationDate, '2026-01-02T03:04:05.000Z');
    assert.equal(analysis.typeName, 'Product');
    assert.equal(parsePkAnalysis({ pkString: 'x', pkTypeCode: null, pkCreationDate: null }, 'x').typeCode, null);
  });
});
