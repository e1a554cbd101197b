/**
 * Every duration entering the CLI (flags, config, environment variables) is bounded: out of range is
 * exit 2 naming the flag, key or variable and the allowed range, before anything is sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { durationOption, durationValue, REQUEST_TIMEOUT_SECONDS } from '../src/durations.js';
import { createSandbox, type HacSandbox } from './helpers/hac-process.js';

const TIMEOUT_RANGE = /a positive number of seconds from 0\.001 to 2147483 \(about 24 days\)/;

describe('durations are bounded at the CLI edges', () => {
  let box: HacSandbox;
  before(async () => {
    box = await createSandbox({ HAC_USERNAME: 'admin', HAC_PASSWORD: 'nimda' });
  });
  after(() => box.cleanup());

  it('--timeout beyond the longest timer, zero or not a number is exit 2 naming --timeout and the range', async () => {
    for (const value of ['99999999', '0', '1e-7', 'inf', '0x10', '']) {
      const result = await box.run(['--url', 'http://127.0.0.1:1', '--timeout', value, 'groovy', 'return 1']);
      assert.equal(result.code, 2, `${value}: ${result.stderr}`);
      assert.match(result.stderr, /option '--timeout <seconds>' argument '.*' is invalid/, value);
      assert.match(result.stderr, TIMEOUT_RANGE, value);
    }
  });

  it('config timeout = inf, nan, 1e-7, 1e300 or a huge integer is a config error (exit 2) naming the key', async () => {
    for (const value of ['inf', 'nan', '1e-7', '1e300', '99999999', '-5']) {
      await box.writeConfig(`[environments.a.endpoints.hac]\nurl = "http://127.0.0.1:1"\ntimeout = ${value}\n`);
      const result = await box.run(['-e', 'a', 'groovy', 'return 1']);
      assert.equal(result.code, 2, `${value}: ${result.stderr}`);
      assert.match(result.stderr, /invalid config file .*: "environments\.a\.endpoints\.hac\.timeout" must be a positive number of seconds from 0\.001 to 2147483/, value);
    }
    await box.writeConfig('[environments.a.endpoints.hac]\nurl = "http://127.0.0.1:1"\ntimeout = 2147483\n');
    assert.equal((await box.run(['config', 'validate'])).code, 0, 'the largest timeout is valid');
  });

  it('--poll-interval, --max-wait and HAC_UPDATE_POLL_MS are bounded too', async () => {
    const poll = await box.run(['--url', 'http://127.0.0.1:1', 'update', 'log', '--follow', '--poll-interval', '3000000000']);
    assert.equal(poll.code, 2, poll.stderr);
    assert.match(poll.stderr, /'--poll-interval <ms>' argument '3000000000' is invalid\. must be a whole number of milliseconds from 10 to 2147483647/);
    const wait = await box.run(['--url', 'http://127.0.0.1:1', 'update', 'log', '--follow', '--max-wait', '99999999999']);
    assert.equal(wait.code, 2, wait.stderr);
    assert.match(wait.stderr, /'--max-wait <seconds>' argument '99999999999' is invalid\. must be a whole number of seconds from 1 to 2147483/);
    for (const args of [['update', 'log', '--follow'], ['update', 'run', '-y']]) {
      // Refused before any request: port 1 would otherwise fail with a connection error (exit 4).
      const env = await box.run(['--url', 'http://127.0.0.1:1', ...args], { env: { HAC_UPDATE_POLL_MS: '1e12' } });
      assert.equal(env.code, 2, `${args.join(' ')}: ${env.stderr}`);
      assert.match(env.stderr, /^hac: HAC_UPDATE_POLL_MS must be a whole number of milliseconds from 10 to 2147483647 \(about 24 days\), got '1e12'\n$/);
    }
  });

  it('durationValue and durationOption', () => {
    assert.equal(durationValue(30n, REQUEST_TIMEOUT_SECONDS), 30);
    assert.equal(durationValue(Infinity, REQUEST_TIMEOUT_SECONDS), undefined);
    assert.equal(durationOption(REQUEST_TIMEOUT_SECONDS)(' 0.5 '), 0.5);
    assert.equal(durationOption(REQUEST_TIMEOUT_SECONDS)('2147483'), 2147483);
    assert.throws(() => durationOption(REQUEST_TIMEOUT_SECONDS)('2147484'), TIMEOUT_RANGE);
  });
});
