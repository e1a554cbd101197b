import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackUrl } from '../src/runtime.js';

test('loopback hosts skip the unverified-TLS warning; every other host gets it', () => {
  for (const url of ['https://localhost:9002', 'https://LOCALHOST', 'https://hac.localhost', 'https://127.0.0.1:9002', 'https://127.1.2.3', 'https://[::1]:9002']) {
    assert.equal(isLoopbackUrl(url), true, url);
  }
  for (const url of ['https://0.0.0.0:9002', 'https://hac.example.com', 'https://commerce-server:9002', 'https://10.0.0.1', 'https://127.0.0.1.example.com', 'https://localhost.example.com']) {
    assert.equal(isLoopbackUrl(url), false, url);
  }
});
