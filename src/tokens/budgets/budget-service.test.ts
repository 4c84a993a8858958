import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BudgetConfig } from '../../config/schema.js';
import { type BudgetLeases, createBudgetLeases } from '../../store/budget-leases.js';
import { createBudgetsRepository } from '../../store/budgets-repository.js';
import { openDatabase, type Store } from '../../store/database.js';
import {
  type BudgetAlert,
  type BudgetService,
  configBudgetId,
  createBudgetService,
} from './budget-service.js';

describe('budget service', () => {
  let home: string;
  let store: Store;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'strata-budgets-'));
    store = await openDatabase({ home });
  });
  const services: BudgetService[] = [];
  after(async () => {
    for (const service of services) await service.close();
    await store.close();
    await rm(home, { recursive: true, force: true });
  });

  let clock = new Date('2026-05-04T10:00:00Z');
  const service = (
    configured: BudgetConfig[],
    warn: (message: string) => void = () => {},
    extra: { leases?: BudgetLeases; onAlert?: (alert: BudgetAlert) => void } = {},
  ): BudgetService => {
    const created = createBudgetService({
      repository: createBudgetsRepository(store.db),
      leases: extra.leases ?? createBudgetLeases(store.db),
      configured,
      now: () => clock,
      refreshMs: 0,
      warn,
      ...(extra.onAlert && { onAlert: extra.onAlert }),
    });
    services.push(created);
    return created;
  };
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

  it('reserves and settles in memory: a hundred calls cost a few store round trips, not two hundred', async () => {
    const real = createBudgetLeases(store.db);
    let trips = 0;
    const counted: BudgetLeases = {
      sync: (ref, request) => {
        trips += 1;
        return real.sync(ref, request);
      },
      reclaimExpired: (now) => real.reclaimExpired(now),
    };
    const budgets = service([daily('key_e', 10)], () => {}, { leases: counted });
    await budgets.sync();
    const matching = await budgets.applicable(facts('key_e'));
    for (let call = 0; call < 100; call++) {
      const held = await budgets.reserve(matching, 2_000);
      assert.ok(held.ok);
      await held.reservation.settle(1_000);
    }
    assert.ok(trips <= 10, `${trips} store round trips`);
    const [budget] = matching;
    assert.ok(budget);
    const window = await budgets.currentWindow(budget);
    assert.equal(window.spentMicroUsd, 100_000, 'settled spend reaches the store');
    assert.equal(window.reservedMicroUsd, 0, 'room leased but unused is not shown as held');
  });

  it('spend settled past a hard limit refuses the next call, flags the window and raises an alert', async () => {
    const warnings: string[] = [];
    const alerts: BudgetAlert[] = [];
    const budgets = service([daily('key_f', 1)], (message) => warnings.push(message), {
      onAlert: (alert) => alerts.push(alert),
    });
    await budgets.sync();
    const matching = await budgets.applicable(facts('key_f'));
    const held = await budgets.reserve(matching, 100_000);
    assert.ok(held.ok);
    // A provider that ignored max_tokens: the call cost five times the budget.
    await held.reservation.settle(5_000_000);
    const next = await budgets.reserve(matching, 100_000);
    assert.equal(next.ok, false);
    const [budget] = matching;
    assert.ok(budget);
    const window = await budgets.currentWindow(budget);
    assert.equal(window.spentMicroUsd, 5_000_000);
    assert.ok(window.alertedAt, 'the window is flagged');
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.budget.id, budget.id);
    assert.match(warnings.join('\n'), /went past its limit/);
  });
});
