import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Store } from './database.js';
import { createSettingsRepository } from './settings-repository.js';
import { eachDialect } from './testing/each-dialect.js';

eachDialect('settings repository', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
  });

  it('returns undefined for a setting never written', async () => {
    assert.equal(await createSettingsRepository(store.db).getSetting('missing'), undefined);
  });

  it('writes a setting only when it is absent', async () => {
    const settings = createSettingsRepository(store.db);
    assert.equal(await settings.setSettingIfAbsent('theme', 'dark'), true);
    assert.equal(await settings.setSettingIfAbsent('theme', 'light'), false);
    assert.equal(await settings.getSetting('theme'), 'dark');
  });

  it('lets exactly one of two racing processes set the master key hash', async () => {
    // Two stores are two connections (two pools on PostgreSQL), as two replicas starting at once.
    const other = await context.open();
    const contenders = [createSettingsRepository(store.db), createSettingsRepository(other.db)];
    const outcomes = await Promise.all(
      contenders.map((settings, index) => settings.setSettingIfAbsent('master_key_hash', `hash-${index}`)),
    );
    assert.equal(outcomes.filter(Boolean).length, 1);
    const winner = outcomes.indexOf(true);
    for (const settings of contenders) {
      assert.equal(await settings.getSetting('master_key_hash'), `hash-${winner}`);
    }
  });
});
