import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { executeGroovy } from '../src/consoles/index.js';
import { BasicAuthHandler } from '../src/auth.js';
import { HacClient } from '../src/client.js';
import { HacClientError } from '../src/errors.js';
import { startConsoleFixture, type ConsoleFixture } from './consoles-fixture.js';

describe('executeGroovy against the emulator', () => {
  let f: ConsoleFixture;
  before(async () => {
    f = await startConsoleFixture();
  });
  after(async () => {
    await f.close();
  });

  it('returns output and result of a successful script in one request', async () => {
    const result = await f.client.executeGroovy('println "hello from groovy"\nreturn 6 * 7');
    assert.equal(result.success, true);
    assert.equal(result.outputText.trim(), 'hello from groovy');
    assert.equal(result.executionResult, '42');
    assert.equal(result.stacktraceText, '');
    assert.equal(result.commitMode, false);
    assert.equal(result.scriptType, 'groovy');
    assert.ok(result.executionTimeMs >= 0);
    assert.deepEqual(f.takeRequests(), ['POST /hac/console/scripting/execute']);
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    assert.equal(json['success'], true);
    assert.equal(json['executionTimeMs'], result.executionTimeMs);
  });

  it('executionTimeMs is the script request alone, without the login before it', async () => {
    f.emu.setLatency(150);
    try {
      const cold = new HacClient({ baseUrl: f.emu.url, authHandler: new BasicAuthHandler('admin', 'nimda'), sessionPersistence: false });
      const started = Date.now();
      const result = await cold.executeGroovy('return 1');
      assert.ok(Date.now() - started >= 600, 'login (3 requests) + call, 150 ms each');
      assert.ok(result.executionTimeMs >= 140 && result.executionTimeMs < 400, String(result.executionTimeMs));
      await cold.close();
    } finally {
      f.emu.setLatency(0);
    }
  });

  it('reports a null return value as "null"', async () => {
    const result = await f.client.executeGroovy('def x = null\nreturn x');
    assert.equal(result.executionResult, 'null');
    assert.equal(result.success, true);
  });

  it('reports a script exception as a failed result, not an error', async () => {
    const result = await f.client.executeGroovy('throw new IllegalStateException("boom")');
    assert.equal(result.success, false);
    assert.match(result.stacktraceText, /IllegalStateException/);
    assert.match(result.stacktraceText, /boom/);
  });

  it('reads HAC\'s {} (the script engine failed) as a failed run that says where the cause is', async () => {
    const unregister = f.emu.registerScript((invocation) => (invocation.script === '// engine down' ? { scriptingException: 'no groovy engine' } : undefined));
    try {
      const result = await f.client.executeGroovy('// engine down');
      assert.equal(result.success, false);
      assert.equal(result.stacktraceText, '');
      assert.match(result.error ?? '', /HAC gave no result \(\{\}\): the script engine failed .*server log/);
    } finally {
      unregister();
    }
  });

  it('reports a compile error as a failed result', async () => {
    const result = await f.client.executeGroovy('def x = (1 + ');
    assert.equal(result.success, false);
    assert.match(result.stacktraceText, /^Script compilation has failed \[/);
  });

  it('sends commit and scriptType as asked', async () => {
    const seen: { commit: boolean; scriptType: string }[] = [];
    const unregister = f.emu.registerScript((invocation) => {
      if (!invocation.script.startsWith('// probe')) return undefined;
      seen.push({ commit: invocation.commit, scriptType: invocation.scriptType });
      return { executionResult: 'probed', outputText: '', stacktraceText: '' };
    });
    try {
      const committed = await executeGroovy(f.client.transport, '// probe', { commit: true, scriptType: 'beanshell' });
      assert.equal(committed.commitMode, true);
      assert.equal(committed.scriptType, 'beanshell');
      await f.client.executeGroovy('// probe');
      assert.deepEqual(seen, [
        { commit: true, scriptType: 'beanshell' },
        { commit: false, scriptType: 'groovy' },
      ]);
    } finally {
      unregister();
    }
  });

  it('rejects an empty script and an unknown script type without a request', async () => {
    f.takeRequests();
    await assert.rejects(f.client.executeGroovy('   \n'), HacClientError);
    // @ts-expect-error an invalid type from untyped input
    await assert.rejects(f.client.executeGroovy('1', { scriptType: 'python' }), /Unknown scriptType "python"/);
    assert.deepEqual(f.takeRequests(), []);
  });

  it('aborts with the caller signal', async () => {
    const unregister = f.emu.registerScript(async (invocation) => {
      if (invocation.script !== '// slow') return undefined;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return { executionResult: 'late', outputText: '', stacktraceText: '' };
    });
    try {
      const controller = new AbortController();
      const pending = f.client.executeGroovy('// slow', { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('stop now')), 50);
      await assert.rejects(pending, /stop now|abort/i);
    } finally {
      unregister();
    }
  });
});
