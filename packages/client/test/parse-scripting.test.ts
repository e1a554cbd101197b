import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScriptAnswer } from '../src/consoles/parse-scripting.js';
import { ShapeError } from '../src/consoles/shape.js';

describe('parseScriptAnswer', () => {
  it('reads the three strings of a successful run', () => {
    const answer = parseScriptAnswer({ executionResult: '42', outputText: 'hello\n', stacktraceText: '' });
    assert.deepEqual(answer, { executionResult: '42', outputText: 'hello\n', stacktraceText: '' });
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
    });
  });

  it('rejects answers that are not scripting answers', () => {
    assert.throws(() => parseScriptAnswer([]), ShapeError);
    assert.throws(() => parseScriptAnswer('<html>'), ShapeError);
    assert.throws(() => parseScriptAnswer({ foo: 1 }), /none of executionResult/);
    assert.throws(() => parseScriptAnswer({ outputText: { nested: true } }), /"outputText" to be a string/);
  });
});
