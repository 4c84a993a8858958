import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BudgetConfig } from '../../config/schema.js';
import { createBudgetsRepository } from '../../store/budgets-repository.js';
import { openDatabase, type Store } from '../../store/database.js';
import { type BudgetService, configBudgetId, createBudgetService } from './budget-service.js';

describe('budget service', () => {
  let home: string;
  let store: Store;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'strata-budgets-'));
    store = await openDatabase({ home });
  });
  after(async () => {
    await store.close();
    await rm(home, { recursive: true, force: true });
  });

  let clock = new Date('2026-05-04T10:00:00Z');
  const service = (configured: BudgetConfig[], warn: (message: string) => void = () => {}): BudgetService =>
    createBudgetService({
      repository: createBudgetsRepository(store.db),
      configured,
      now: () => clock,
      refreshMs: 0,
      warn,
    });
  const daily = (match: string, limit: number, mode: 'hard' | 'soft' = 'hard'): BudgetConfig => ({
    scope: 'key',
    match,
    period: 'daily',
    limit_usd: limit,
    mode,
    unpriced: 'refuse',
  });
  const facts = (keyId: string) => ({ keyId, team: null, user: undefined, tags: [], model: 'm' });

  it('config budgets keep a stable id across restarts and limit edits', async () => {
    await service([daily('key_a', 1)]).sync();
    await service([daily('key_a', 2)]).sync();
    const none = service([]);
    await none.sync();
    const listed = await none.applicable(facts('key_a'));
    assert.equal(listed.length, 0, 'a budget removed from the config is gone');
    await service([daily('key_a', 2)]).sync();
    const [budget] = await service([]).applicable(facts('key_a'));
    assert.equal(budget?.id, configBudgetId(daily('key_a', 5)));
    assert.equal(budget?.limitMicroUsd, 2_000_000);
  });

  it('when one of several budgets has no room, the holds already taken are released', async () => {
    const budgets = service([daily('key_b', 1), { ...daily('key_b', 1), period: 'total', limit_usd: 0.5 }]);
    await budgets.sync();
    const matching = await budgets.applicable(facts('key_b'));
    assert.equal(matching.length, 2);
    const refused = await budgets.reserve(matching, 600_000);
    assert.equal(refused.ok, false);
    for (const budget of matching) assert.equal((await budgets.currentWindow(budget)).reservedMicroUsd, 0);
  });

  it('a soft budget serves past its limit, flags the window and warns', async () => {
    const warnings: string[] = [];
    const budgets = service([daily('key_c', 1, 'soft')], (message) => warnings.push(message));
    await budgets.sync();
    const matching = await budgets.applicable(facts('key_c'));
    const first = await budgets.reserve(matching, 900_000);
    const second = await budgets.reserve(matching, 900_000);
    assert.ok(first.ok && second.ok);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /over its limit/);
    const [budget] = matching;
    assert.ok(budget);
    assert.ok((await budgets.currentWindow(budget)).alertedAt);
  });

  it('a new day opens a new window, so a spent daily budget has room again', async () => {
    const budgets = service([daily('key_d', 1)]);
    await budgets.sync();
    const matching = await budgets.applicable(facts('key_d'));
    const held = await budgets.reserve(matching, 1_000_000);
    assert.ok(held.ok);
    await held.reservation.settle(1_000_000);
    assert.equal((await budgets.reserve(matching, 1)).ok, false);
    clock = new Date('2026-05-05T00:00:00Z');
    assert.equal((await budgets.reserve(matching, 1)).ok, true);
  });
});
