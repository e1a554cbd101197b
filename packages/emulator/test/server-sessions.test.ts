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

  it('keeps at most maxSessions: beyond them the least recently used one dies', () => {
    const store = new SessionStore(60, 3);
    const [a, b, c] = [store.create(), store.create(), store.create()];
    assert.ok(store.find(a.id));
    const d = store.create();
    assert.equal(store.size, 3);
    assert.equal(store.find(b.id), undefined);
    assert.ok(store.find(a.id) && store.find(c.id) && store.find(d.id));
    store.authenticate(store.create(), 'admin');
    assert.equal(store.size, 3);
    assert.equal(store.find(a.id), undefined);
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
