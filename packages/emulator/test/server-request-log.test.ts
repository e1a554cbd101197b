import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestLog } from '../src/server/request-log.js';

describe('request log', () => {
  const record = (i: number) => ({ method: 'GET', path: `/hac/${i}`, status: 200, node: 'node0', at: new Date(0) });

  it('keeps the last N records oldest first, with exact counts beyond them', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 7; i++) log.add(record(i));
    assert.deepEqual(log.records.map((r) => r.path), ['/hac/5', '/hac/6', '/hac/7']);
    assert.equal(log.count('get'), 7);
    assert.equal(log.count('GET', '/hac/1'), 1);
    log.reset();
    assert.equal(log.records.length, 0);
    log.add(record(8));
    assert.deepEqual(log.records.map((r) => r.path), ['/hac/8']);
  });

  it('adds in constant time when full (100 000 records)', () => {
    const log = new RequestLog();
    for (let i = 0; i < 100_000; i++) log.add(record(i % 10));
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) log.add(record(i % 10));
    // push + shift took ~2 s here; the ring takes a few ms.
    assert.ok(performance.now() - started < 500);
    assert.equal(log.records.length, 100_000);
    assert.equal(log.count('GET'), 120_000);
  });
});
