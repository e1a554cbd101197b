import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { SessionStore } from '../src/server/sessions.js';

describe('session store', () => {
  it('drops dead sessions that nobody asks for again, so cookie-less clients cannot grow it forever', async () => {
    const store = new SessionStore(0.001);
    for (let i = 0; i < 999; i += 1) store.create();
    assert.equal(store.size, 999);
    await sleep(5);
    store.create();
    assert.equal(store.size, 1);
  });

  it('rotates id and token on authentication and forgets the old id', () => {
    const store = new SessionStore(60);
    const before = store.create();
    const after = store.authenticate(before, 'admin');
    assert.notEqual(after.id, before.id);
    assert.notEqual(after.csrfToken, before.csrfToken);
    assert.equal(store.find(before.id), undefined);
    assert.equal(store.find(after.id)?.username, 'admin');
  });
});
