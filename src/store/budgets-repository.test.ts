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

  it('concurrent reservations never hold more than the limit, and settling moves holds to spend', async () => {
    const budgets = createBudgetsRepository(store.db);
    await budgets.upsert(budget('bud_race', 1_000));
    const ref = { budgetId: 'bud_race', windowStart: '2026-01-01T00:00:00.000Z' };
    const granted = await Promise.all(Array.from({ length: 100 }, () => budgets.reserve(ref, 30, 1_000)));
    assert.equal(granted.filter(Boolean).length, 33);
    assert.deepEqual(await budgets.window(ref), { spentMicroUsd: 0, reservedMicroUsd: 990, alertedAt: null });
    await Promise.all(Array.from({ length: 33 }, (_, index) => budgets.settle(ref, 30, index % 2 ? 10 : 0)));
    assert.deepEqual(await budgets.window(ref), { spentMicroUsd: 160, reservedMicroUsd: 0, alertedAt: null });
    assert.equal(await budgets.reserve(ref, 840, 1_000), true);
    assert.equal(await budgets.reserve(ref, 1, 1_000), false);
  });

  it('a soft hold goes past the limit and flags the window once', async () => {
    const budgets = createBudgetsRepository(store.db);
    const ref = { budgetId: 'bud_soft', windowStart: '2026-01-01T00:00:00.000Z' };
    await budgets.reserveOver(ref, 50, 100, '2026-01-01T01:00:00.000Z');
    assert.equal((await budgets.window(ref))?.alertedAt, null);
    await budgets.reserveOver(ref, 60, 100, '2026-01-01T02:00:00.000Z');
    await budgets.reserveOver(ref, 60, 100, '2026-01-01T03:00:00.000Z');
    assert.deepEqual(await budgets.window(ref), {
      spentMicroUsd: 0,
      reservedMicroUsd: 170,
      alertedAt: '2026-01-01T02:00:00.000Z',
    });
  });

  it('large sums stay exact in 64-bit integers', async () => {
    const budgets = createBudgetsRepository(store.db);
    const ref = { budgetId: 'bud_big', windowStart: '1970-01-01T00:00:00.000Z' };
    const limit = 5_000_000_000_000;
    assert.equal(await budgets.reserve(ref, 4_000_000_000_001, limit), true);
    await budgets.settle(ref, 4_000_000_000_001, 3_999_999_999_999);
    assert.deepEqual(await budgets.window(ref), {
      spentMicroUsd: 3_999_999_999_999,
      reservedMicroUsd: 0,
      alertedAt: null,
    });
  });
});
