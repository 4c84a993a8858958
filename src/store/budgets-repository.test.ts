import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type BudgetRecord, createBudgetsRepository } from './budgets-repository.js';
import type { Store } from './database.js';
import { eachDialect } from './testing/each-dialect.js';

const budget = (id: string, limitMicroUsd: number): BudgetRecord => ({
  id,
  scope: 'global',
  match: null,
  period: 'total',
  limitMicroUsd,
  mode: 'hard',
  unpriced: 'refuse',
  source: 'api',
  createdAt: new Date().toISOString(),
});

eachDialect('budgets repository', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
  });

  it('upserts, lists and removes budgets; an upsert changes the limit and keeps the id', async () => {
    const budgets = createBudgetsRepository(store.db);
    await budgets.upsert(budget('bud_list', 1_000_000));
    await budgets.upsert({ ...budget('bud_list', 2_000_000), mode: 'soft' });
    const listed = (await budgets.list()).filter((row) => row.id === 'bud_list');
    assert.equal(listed.length, 1);
    assert.equal(listed[0]?.limitMicroUsd, 2_000_000);
    assert.equal(listed[0]?.mode, 'soft');
    assert.equal(await budgets.remove('bud_list'), true);
    assert.equal(await budgets.remove('bud_list'), false);
  });

  it('prunes config budgets that left the config, never API ones', async () => {
    const budgets = createBudgetsRepository(store.db);
    await budgets.upsert({ ...budget('bud_cfg_keep', 1), source: 'config' });
    await budgets.upsert({ ...budget('bud_cfg_gone', 1), source: 'config' });
    await budgets.upsert(budget('bud_api_stays', 1));
    await budgets.pruneConfig(['bud_cfg_keep']);
    const ids = (await budgets.list()).map((row) => row.id);
    assert.ok(ids.includes('bud_cfg_keep') && ids.includes('bud_api_stays'));
    assert.ok(!ids.includes('bud_cfg_gone'));
  });
});
