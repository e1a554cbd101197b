import { test } from 'node:test';
import assert from 'node:assert/strict';
import { impexFailureText, impexOptions, parseImpexArguments } from '../src/commands/impex.js';

test('parseImpexArguments: action keyword, bare file (import), or nothing', () => {
  assert.deepEqual(parseImpexArguments('validate', 'a.impex'), { action: 'validate', file: 'a.impex' });
  assert.deepEqual(parseImpexArguments('import', undefined), { action: 'import', file: undefined });
  assert.deepEqual(parseImpexArguments('a.impex', undefined), { action: 'import', file: 'a.impex' });
  assert.deepEqual(parseImpexArguments(undefined, undefined), { action: 'import', file: undefined });
  assert.deepEqual(parseImpexArguments('export', 'x.impex'), { action: 'export', file: 'x.impex' });
  assert.throws(() => parseImpexArguments('upload', 'a.impex'), /unknown impex action 'upload'/);
});

test('impexOptions passes only what was set', () => {
  const signal = new AbortController().signal;
  assert.deepEqual(impexOptions({ validation: 'relaxed' }, signal), { validationMode: 'relaxed', signal });
  assert.deepEqual(
    impexOptions({ validation: 'import_strict', maxThreads: 4, encoding: 'ISO-8859-1', legacyMode: true, enableCodeExecution: true, distributed: true, sld: true }, signal),
    { validationMode: 'import_strict', maxThreads: 4, encoding: 'ISO-8859-1', legacyMode: true, enableCodeExecution: true, distributedMode: true, sldEnabled: true, signal },
  );
});

test('impexFailureText lists the unresolved lines under the summary', () => {
  const text = impexFailureText({
    success: false,
    validateOnly: false,
    level: 'error',
    message: 'Import has encountered problems',
    output: 'INSERT Product;code\n;x',
    error: 'Import has encountered problems: unknown attribute',
    validationErrors: ['INSERT Product;code;foo', ';x;1 ,unknown attribute foo'],
  });
  assert.equal(text, 'import failed: Import has encountered problems: unknown attribute\n  INSERT Product;code;foo\n  ;x;1 ,unknown attribute foo');
});
