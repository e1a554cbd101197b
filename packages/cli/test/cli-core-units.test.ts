import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactLine } from '../src/debug-log.js';
import { confirmationsNeeded, guardAction } from '../src/guard.js';

describe('redactLine (second line of defence for --debug)', () => {
  it('replaces known secrets and credential-looking values', () => {
    const line = 'cookie: JSESSIONID=ABCDEF; ROUTE=.n1 x-csrf-token: 1234-5678 body j_username=admin&j_password=nimda&_csrf=zz99';
    const out = redactLine(line, ['ABCDEF']);
    for (const secret of ['ABCDEF', '.n1', '1234-5678', 'nimda', 'zz99']) assert.ok(!out.includes(secret), `${secret} in ${out}`);
    assert.match(out, /j_username=admin/);
  });

  it('leaves already redacted and ordinary lines alone', () => {
    assert.equal(redactLine('→ POST http://h/hac/console/scripting/execute x-csrf-token: [REDACTED]', []), '→ POST http://h/hac/console/scripting/execute x-csrf-token: [REDACTED]');
  });
});

describe('guardAction', () => {
  const target = { environment: 'prod', endpoint: 'hac', sessionEnvironment: 'prod/hac', url: 'https://p', hacPath: '/hac', ignoreSsl: false, timeoutSeconds: 30, protected: true, readOnly: false };
  const asked: string[] = [];
  const ctx = (answers: boolean[]) => ({
    interactive: true,
    signal: new AbortController().signal,
    confirm: async (message: string) => {
      asked.push(message);
      return answers.shift() ?? false;
    },
  });

  it('needs 0, 1 or 2 confirmations', () => {
    assert.equal(confirmationsNeeded('commit', { protected: false }), 0);
    assert.equal(confirmationsNeeded('import', { protected: true }), 1);
    assert.equal(confirmationsNeeded('drop-tables', { protected: false }), 2);
  });

  it('asks on a terminal; a "no" refuses', async () => {
    asked.length = 0;
    await guardAction('commit', target, 0, ctx([true]));
    assert.equal(asked.length, 1);
    assert.match(asked[0] ?? '', /^Protected environment! Commit changes on prod\/hac/);
    await assert.rejects(guardAction('update', target, 0, ctx([false])), /not confirmed: nothing was done/);
  });

  it('asks only the second drop-tables question after one --yes, none after two', async () => {
    asked.length = 0;
    await guardAction('drop-tables', { ...target, protected: false }, 1, ctx([true]));
    assert.deepEqual(asked.length, 1);
    assert.match(asked[0] ?? '', /^Really drop all tables/);
    await guardAction('drop-tables', target, 2, ctx([]));
    assert.equal(asked.length, 1);
  });

  it('read_only refuses before asking anything', async () => {
    asked.length = 0;
    await assert.rejects(guardAction('commit', { ...target, readOnly: true }, 5, ctx([true])), /prod is read-only/);
    assert.equal(asked.length, 0);
  });
});
