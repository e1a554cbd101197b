import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScriptAnswer } from '../src/consoles/parse-scripting.js';
import { sendParsed, ShapeError } from '../src/consoles/shape.js';
import { HacUnexpectedResponseError } from '../src/errors.js';
import type { HacTransport } from '../src/internal/transport.js';

describe('parseScriptAnswer', () => {
  it('reads the three strings of a successful run', () => {
    const answer = parseScriptAnswer({ executionResult: '42', outputText: 'hello\n', stacktraceText: '' });
    assert.deepEqual(answer, { executionResult: '42', outputText: 'hello\n', stacktraceText: '', engineFailed: false });
  });

  it('keeps a compile error trace', () => {
    const trace = 'Script compilation has failed [startup failed:\nScript1.groovy: 1: unexpected token: ) @ line 1]';
    assert.equal(parseScriptAnswer({ executionResult: '', outputText: '', stacktraceText: trace }).stacktraceText, trace);
  });

  it('treats missing and null fields as empty strings', () => {
    assert.deepEqual(parseScriptAnswer({ executionResult: 'null', stacktraceText: null }), {
      executionResult: 'null',
      outputText: '',
      stacktraceText: '',
      engineFailed: false,
    });
  });

  it('reads {}, the scripting facade\'s answer to a ScriptingException, as a failed engine', () => {
    assert.deepEqual(parseScriptAnswer({}), { executionResult: '', outputText: '', stacktraceText: '', engineFailed: true });
  });

  it('rejects answers that are not scripting answers', () => {
    assert.throws(() => parseScriptAnswer([]), ShapeError);
    assert.throws(() => parseScriptAnswer('<html>'), ShapeError);
    assert.throws(() => parseScriptAnswer({ foo: 1 }), /none of executionResult/);
    assert.throws(() => parseScriptAnswer({ outputText: { nested: true } }), /"outputText" to be a string/);
  });
});

describe('sendParsed', () => {
  it('turns an unreadable answer into HacUnexpectedResponseError with a redacted excerpt', async () => {
    const body = '<html><head><meta name="_csrf" content="6f1e2d3c-aaaa-4bbb-8ccc-123456789abc"/></head><body>login</body></html>';
    const transport: HacTransport = {
      send: async () => ({
        status: 200,
        url: 'http://127.0.0.1:1/hac/console/scripting/execute',
        headers: new Headers(),
        body: Buffer.from(body),
        text: () => body,
        json: <T>() => ({ unexpected: true }) as T,
      }),
    };
    const error = await sendParsed(transport, { method: 'POST', path: '/console/scripting/execute', expect: 'json' }, (response) =>
      parseScriptAnswer(response.json()),
    ).then(
      () => assert.fail('expected a rejection'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof HacUnexpectedResponseError);
    assert.match(error.message, /POST http:\/\/127\.0\.0\.1:1\/hac\/console\/scripting\/execute$/);
    assert.equal(error.status, 200);
    assert.ok(!error.excerpt.includes('6f1e2d3c'), error.excerpt);
    assert.match(error.excerpt, /\[REDACTED\]/);
  });
});
