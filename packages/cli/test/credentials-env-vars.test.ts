import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { credentialFromEnv, credentialVarNames, envVarPart } from '../src/credentials/env-vars.js';

describe('credential environment variables', () => {
  it('upper-cases names and turns every non-alphanumeric into _', () => {
    assert.equal(envVarPart('my-env.eu'), 'MY_ENV_EU');
    assert.equal(envVarPart('127.0.0.1:9002'), '127_0_0_1_9002');
    assert.deepEqual(credentialVarNames('PASSWORD', 'prod', 'node-1'), ['HAC_PASSWORD_PROD_NODE_1', 'HAC_PASSWORD_PROD', 'HAC_PASSWORD']);
  });

  it('returns the most specific non-empty variable and its name', () => {
    const vars = { HAC_USERNAME: 'a', HAC_USERNAME_PROD: 'b', HAC_USERNAME_PROD_HAC: '' };
    assert.deepEqual(credentialFromEnv('USERNAME', 'prod', 'hac', vars), { value: 'b', source: 'HAC_USERNAME_PROD' });
    assert.deepEqual(credentialFromEnv('USERNAME', 'dev', 'hac', vars), { value: 'a', source: 'HAC_USERNAME' });
    assert.equal(credentialFromEnv('PASSWORD', 'dev', 'hac', vars), undefined);
  });
});
