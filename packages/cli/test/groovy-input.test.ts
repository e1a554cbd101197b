import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveInput, type InputSources } from '../src/commands/shared/input.js';
import { CliUsageError } from '../src/errors.js';

function sources(files: Record<string, string>, stdin: string | null): InputSources & { stdinReads: number } {
  const state = {
    stdinReads: 0,
    readFile: async (path: string) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return Buffer.from(text);
    },
    readStdin: async () => {
      state.stdinReads++;
      return stdin ?? '';
    },
    isFile: (path: string) => path in files,
    stdinIsTTY: stdin === null,
  };
  return state;
}

const script = { what: 'script', positionalMayBeFile: true, fileExtensions: ['.groovy'] } as const;

test('a positional naming an existing file is read as that file (Python CLI behaviour)', async () => {
  const input = await resolveInput({ ...script, positional: 'x.groovy' }, sources({ 'x.groovy': 'return 1' }, null));
  assert.deepEqual(input, { text: 'return 1', origin: 'x.groovy', path: 'x.groovy', bytes: Buffer.from('return 1') });
  const inline = await resolveInput({ ...script, positional: 'return 2' }, sources({}, null));
  assert.deepEqual(inline, { text: 'return 2', origin: 'argument' });
});

test('a missing .groovy file is an error, not a script', async () => {
  await assert.rejects(resolveInput({ ...script, positional: 'gone.groovy' }, sources({}, null)), (error: Error) => {
    assert.ok(error instanceof CliUsageError);
    assert.match(error.message, /cannot read script gone\.groovy: no such file/);
    return true;
  });
});

test('-f FILE, -f -, bare -f with a positional file, and - read the right source', async () => {
  const src = sources({ 'q.txt': 'SELECT 1' }, 'from stdin');
  assert.equal((await resolveInput({ what: 'query', file: 'q.txt' }, src)).text, 'SELECT 1');
  assert.equal((await resolveInput({ what: 'query', file: '-' }, src)).text, 'from stdin');
  assert.equal((await resolveInput({ what: 'query', file: true, positional: 'q.txt' }, src)).text, 'SELECT 1');
  assert.equal((await resolveInput({ what: 'query', positional: '-' }, src)).origin, 'stdin');
});

test('piped stdin is read when nothing else is given; a terminal is a usage error', async () => {
  assert.equal((await resolveInput({ what: 'query' }, sources({}, 'piped'))).text, 'piped');
  await assert.rejects(resolveInput({ what: 'query' }, sources({}, null)), /missing query/);
});

test('both an argument and -f FILE, or empty text, are usage errors', async () => {
  const src = sources({ 'q.txt': '  \n' }, '');
  await assert.rejects(resolveInput({ what: 'query', file: 'q.txt', positional: 'x' }, src), /not both/);
  await assert.rejects(resolveInput({ what: 'query', file: 'q.txt' }, src), /query from q\.txt is empty/);
  await assert.rejects(resolveInput({ what: 'query', positional: '-' }, src), CliUsageError);
});
