import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { createBudgetLeases, type LeaseRequest } from './budget-leases.js';
import { createBudgetsRepository } from './budgets-repository.js';
import type { Store } from './database.js';
import { eachDialect } from './testing/each-dialect.js';

const at = '2026-01-01T01:00:00.000Z';
const later = '2026-01-01T02:00:00.000Z';

/** A lease request with nothing spent, expiring an hour after `at`. */
const ask = (owner: string, fields: Partial<LeaseRequest>): LeaseRequest => ({
  owner,
  spent: 0,
  target: 0,
  minimum: 0,
  limit: 1_000,
  overdraw: false,
  expiresAt: later,
  now: at,
  ...fields,
});

eachDialect('budget leases', (context) => {
  let store: Store;
  before(async () => {
    store = await context.open();
  });

  it('concurrent leases never hold more than the limit; syncing moves spend and gives room back', async () => {
    const leases = createBudgetLeases(store.db);
    const budgets = createBudgetsRepository(store.db);
    const ref = { budgetId: 'bud_race', windowStart: '2026-01-01T00:00:00.000Z' };
    const owners = Array.from({ length: 100 }, (_, index) => `owner_${index}`);
    const results = await Promise.all(
      owners.map((owner) => leases.sync(ref, ask(owner, { target: 30, minimum: 30 }))),
    );
    const granted = owners.filter((_, index) => results[index]?.ok);
    assert.equal(granted.length, 33);
    assert.deepEqual(await budgets.window(ref), { spentMicroUsd: 0, reservedMicroUsd: 990, alertedAt: null });
    await Promise.all(
      granted.map((owner, index) => leases.sync(ref, ask(owner, { spent: index % 2 ? 10 : 0 }))),
    );
    assert.deepEqual(await budgets.window(ref), { spentMicroUsd: 160, reservedMicroUsd: 0, alertedAt: null });
    const last = await leases.sync(ref, ask('owner_last', { target: 840, minimum: 840 }));
    assert.equal(last.ok, true);
    assert.equal(last.leased, 840);
    assert.equal((await leases.sync(ref, ask('owner_more', { target: 1, minimum: 1 }))).ok, false);
  });

  it('grants at most half of the free room beyond what is needed, leaving the rest to others', async () => {
    const leases = createBudgetLeases(store.db);
    const ref = { budgetId: 'bud_half', windowStart: '2026-01-01T00:00:00.000Z' };
    assert.equal((await leases.sync(ref, ask('a', { target: 900, minimum: 10 }))).leased, 500);
    assert.equal((await leases.sync(ref, ask('b', { target: 900, minimum: 10 }))).leased, 250);
    assert.equal((await leases.sync(ref, ask('c', { target: 900, minimum: 240 }))).leased, 240);
  });

  it('a soft lease goes past the limit and flags the window once', async () => {
    const leases = createBudgetLeases(store.db);
    const budgets = createBudgetsRepository(store.db);
    const ref = { budgetId: 'bud_soft', windowStart: '2026-01-01T00:00:00.000Z' };
    const soft = (owner: string, minimum: number, now: string) =>
      leases.sync(ref, ask(owner, { target: minimum, minimum, limit: 100, overdraw: true, now }));
    assert.equal((await soft('a', 50, '2026-01-01T01:00:00.000Z')).overdrawn, false);
    const over = await soft('b', 60, '2026-01-01T02:00:00.000Z');
    assert.ok(over.ok && over.overdrawn && over.alerted);
    assert.equal((await soft('c', 60, '2026-01-01T03:00:00.000Z')).alerted, false);
    assert.deepEqual(await budgets.window(ref), {
      spentMicroUsd: 0,
      reservedMicroUsd: 170,
      alertedAt: '2026-01-01T02:00:00.000Z',
    });
  });

  it('spend settled past a hard limit flags the window and refuses every new hold until back under', async () => {
    const leases = createBudgetLeases(store.db);
    const ref = { budgetId: 'bud_over', windowStart: '2026-01-01T00:00:00.000Z' };
    await leases.sync(ref, ask('a', { target: 100, minimum: 100, limit: 100 }));
    const settled = await leases.sync(ref, ask('a', { spent: 400, limit: 100 }));
    assert.ok(settled.alerted);
    assert.equal(settled.spentMicroUsd, 400);
    assert.equal(settled.reservedMicroUsd, 0);
    assert.equal((await leases.sync(ref, ask('b', { target: 1, minimum: 1, limit: 100 }))).ok, false);
    const raised = await leases.sync(ref, ask('b', { target: 10, minimum: 10, limit: 1_000 }));
    assert.ok(raised.ok, 'a raised limit puts the window back under');
  });

  it('expired leases go back to the window; renewed ones stay', async () => {
    const leases = createBudgetLeases(store.db);
    const budgets = createBudgetsRepository(store.db);
    const ref = { budgetId: 'bud_expiry', windowStart: '2026-01-01T00:00:00.000Z' };
    await leases.sync(ref, ask('dead', { target: 300, minimum: 300, expiresAt: '2026-01-01T01:00:30.000Z' }));
    await leases.sync(
      ref,
      ask('alive', { target: 200, minimum: 200, expiresAt: '2026-01-01T01:00:30.000Z' }),
    );
    await leases.sync(ref, ask('alive', { target: 200, expiresAt: '2026-01-01T01:02:00.000Z' }));
    assert.equal(await leases.reclaimExpired('2026-01-01T01:01:00.000Z'), 1);
    assert.equal((await budgets.window(ref))?.reservedMicroUsd, 200);
    const stalled = await leases.sync(ref, ask('dead', { spent: 50 }));
    assert.equal(stalled.leased, 0, 'a reclaimed lease holds nothing when its owner comes back');
    assert.deepEqual(await budgets.window(ref), {
      spentMicroUsd: 50,
      reservedMicroUsd: 200,
      alertedAt: null,
    });
  });

  it('large sums stay exact in 64-bit integers', async () => {
    const leases = createBudgetLeases(store.db);
    const budgets = createBudgetsRepository(store.db);
    const ref = { budgetId: 'bud_big', windowStart: '1970-01-01T00:00:00.000Z' };
    const limit = 5_000_000_000_000;
    const big = 4_000_000_000_001;
    assert.ok((await leases.sync(ref, ask('a', { target: big, minimum: big, limit }))).ok);
    await leases.sync(ref, ask('a', { spent: 3_999_999_999_999, target: 2, limit }));
    assert.deepEqual(await budgets.window(ref), {
      spentMicroUsd: 3_999_999_999_999,
      reservedMicroUsd: 2,
      alertedAt: null,
    });
  });
});
