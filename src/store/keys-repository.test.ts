import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Store } from './database.js';
import { createKeysRepository } from './keys-repository.js';
import { eachDialect } from './testing/each-dialect.js';

eachDialect('keys repository', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
  });

  it('creates a key and finds it by hash', async () => {
    const keys = createKeysRepository(store.db);
    const created = await keys.create({
      id: 'key_find',
      name: 'ci',
      keyHash: 'hash-find',
      keyPrefix: 'sk-strata-ab',
      metadata: { team: 'search', limits: { rpm: 60 } },
    });
    assert.equal(created.revokedAt, null);
    assert.match(created.createdAt, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(await keys.findActiveByHash('hash-find'), created);
    assert.equal(await keys.findActiveByHash('hash-unknown'), undefined);
  });

  it('refuses a second key with the same hash', async () => {
    const keys = createKeysRepository(store.db);
    await keys.create({ id: 'key_first', name: 'a', keyHash: 'hash-same', keyPrefix: 'sk-a' });
    await assert.rejects(
      keys.create({ id: 'key_second', name: 'b', keyHash: 'hash-same', keyPrefix: 'sk-b' }),
    );
  });

  it('lists keys newest first without their hashes', async () => {
    const keys = createKeysRepository(store.db);
    await keys.create({
      id: 'key_old',
      name: 'old',
      keyHash: 'hash-old',
      keyPrefix: 'sk-old',
      createdAt: '2020-01-01T00:00:00.000Z',
    });
    await keys.create({
      id: 'key_new',
      name: 'new',
      keyHash: 'hash-new',
      keyPrefix: 'sk-new',
      createdAt: '2030-01-01T00:00:00.000Z',
    });
    const listed = await keys.list();
    const ids = listed.map((key) => key.id);
    assert.equal(ids[0], 'key_new');
    assert.equal(ids.at(-1), 'key_old');
    for (const key of listed) {
      assert.deepEqual(Object.keys(key).sort(), [
        'createdAt',
        'id',
        'keyPrefix',
        'metadata',
        'name',
        'revokedAt',
      ]);
      assert.ok(!JSON.stringify(key).includes('hash-'));
    }
    assert.deepEqual(listed.find((key) => key.id === 'key_old')?.metadata, {});
  });

  it('revokes a key once, after which it no longer authenticates', async () => {
    const keys = createKeysRepository(store.db);
    await keys.create({ id: 'key_revoke', name: 'temp', keyHash: 'hash-revoke', keyPrefix: 'sk-rev' });
    assert.equal(await keys.revoke('key_revoke'), true);
    assert.equal(await keys.findActiveByHash('hash-revoke'), undefined);
    assert.equal(await keys.revoke('key_revoke'), false);
    assert.equal(await keys.revoke('key_missing'), false);
    const listed = (await keys.list()).find((key) => key.id === 'key_revoke');
    assert.ok(listed?.revokedAt);
  });
});
