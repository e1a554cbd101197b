import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay } from '../src/internal/retry.js';

describe('retry timing', () => {
  it('parses Retry-After as seconds or HTTP date', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('0.5'), 500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now), 3000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('backs off exponentially with jitter', () => {
    assert.equal(backoffDelay(0, () => 0), 100);
    assert.equal(backoffDelay(0, () => 1), 300);
    assert.equal(backoffDelay(2, () => 0.5), 800);
  });

  it('honours Retry-After but refuses to wait too long', () => {
    assert.equal(retryDelay(0, '1'), 1000);
    assert.equal(retryDelay(0, String(MAX_RETRY_AFTER_MS / 1000 + 1)), undefined);
    const d = retryDelay(1, undefined);
    assert.ok(d !== undefined && d >= 200 && d <= 600);
  });
});
