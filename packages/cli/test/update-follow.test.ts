import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UpdateLog } from 'hac-client';
import type { CliRuntime } from '../src/runtime-types.js';
import { defaultPollIntervalMs, followUntilComplete, LiveLog, pollWhile } from '../src/commands/shared/update-follow.js';

function fakeRuntime(): { runtime: CliRuntime; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = {
    format: () => 'tsv' as const,
    data: (text: string) => stdout.push(text),
    info: (text: string) => stderr.push(text),
    warn: (text: string) => stderr.push(text),
    error: (text: string) => stderr.push(text),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: 80,
    color: false,
    quiet: false,
  };
  const runtime = {
    output,
    signal: new AbortController().signal,
    target: () => Promise.reject(new Error('unused')),
    client: () => Promise.reject(new Error('unused')),
    guard: () => Promise.resolve(),
    readStdin: () => Promise.resolve(''),
    readStdinBytes: () => Promise.resolve(new Uint8Array()),
  } as unknown as CliRuntime;
  return { runtime, stdout, stderr };
}

const log = (text: string, isComplete = false): UpdateLog => ({ logHtml: '', logText: text, isComplete, hasErrors: false });

test('pollWhile prints new lines while the update runs, survives a failed poll, and stops with it', async () => {
  const { runtime, stdout } = fakeRuntime();
  const snapshots = ['a', 'a\nb', 'FAIL', 'a\nb\nc', 'a\nb\nc\nd'];
  let polls = 0;
  const client = {
    async getUpdateLog() {
      const snapshot = snapshots[Math.min(polls++, snapshots.length - 1)] ?? '';
      if (snapshot === 'FAIL') throw new Error('connection reset');
      return log(snapshot);
    },
  };
  let finish!: () => void;
  const running = new Promise<void>((resolve) => (finish = resolve));
  const live = new LiveLog(runtime, 'updating…');
  const polling = pollWhile(client, live, running, { intervalMs: 5, signal: runtime.signal });
  while (polls < snapshots.length) await new Promise((resolve) => setTimeout(resolve, 5));
  finish();
  await polling;
  const pollsAtEnd = polls;
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(polls, pollsAtEnd, 'no polling after the update ended');
  live.show('a\nb\nc\nd\ne', true);
  assert.deepEqual(stdout.join('').trimEnd().split('\n'), ['a', 'b', 'c', 'd', 'e']);
});

test('followUntilComplete stops when the log is complete and at the deadline', async () => {
  const { runtime, stdout } = fakeRuntime();
  let n = 0;
  const growing = { getUpdateLog: async () => log(['x', 'x\ny', 'x\ny\nFINISHED'][Math.min(n++, 2)] ?? '', n >= 3) };
  const done = await followUntilComplete(growing, new LiveLog(runtime, 'following'), { intervalMs: 1, maxWaitMs: 10_000, signal: runtime.signal });
  assert.equal(done.complete, true);
  assert.deepEqual(stdout.join('').trimEnd().split('\n'), ['x', 'y', 'FINISHED']);

  const never = { getUpdateLog: async () => log('still running') };
  const started = Date.now();
  const timedOut = await followUntilComplete(never, new LiveLog(fakeRuntime().runtime, 'following'), { intervalMs: 5, maxWaitMs: 30, signal: runtime.signal });
  assert.equal(timedOut.complete, false);
  assert.ok(Date.now() - started < 1000);
});

test('LiveLog.end reports on stderr and sets exit code 1 on error', () => {
  const { runtime, stderr } = fakeRuntime();
  const previous = process.exitCode;
  try {
    new LiveLog(runtime, 'x').end('success', 'update finished');
    assert.equal(process.exitCode, previous);
    new LiveLog(runtime, 'x').end('error', 'update failed');
    assert.equal(process.exitCode, 1);
    assert.deepEqual(stderr, ['update finished', 'update failed']);
  } finally {
    process.exitCode = previous;
  }
});

test('defaultPollIntervalMs is 2 s unless HAC_UPDATE_POLL_MS says otherwise; an invalid value is a usage error', () => {
  assert.equal(defaultPollIntervalMs({}), 2000);
  assert.equal(defaultPollIntervalMs({ HAC_UPDATE_POLL_MS: '' }), 2000);
  assert.equal(defaultPollIntervalMs({ HAC_UPDATE_POLL_MS: '50' }), 50);
  assert.throws(() => defaultPollIntervalMs({ HAC_UPDATE_POLL_MS: 'soon' }), /HAC_UPDATE_POLL_MS must be a whole number of milliseconds from 10/);
});
