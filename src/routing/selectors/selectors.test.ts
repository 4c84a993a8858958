import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../core/random.js';
import { createCatalog } from '../../models/catalog/catalog.js';
import { createModelStats } from '../model-stats.js';
import { createSelector } from './create-selector.js';
import type { Candidate, SelectionContext } from './selector.js';

const candidates: Candidate[] = [
  { index: 0, name: 'a', weight: 3, key: 'p/a' },
  { index: 1, name: 'b', weight: 1, key: 'p/b' },
];

function context(seed: number, overrides: Partial<SelectionContext> = {}): SelectionContext {
  return {
    request: { model: 'auto', messages: [{ role: 'user', content: 'hi' }] },
    principal: { kind: 'anonymous', keyId: null, keyName: null, team: null },
    random: seededRandom(seed),
    stats: createModelStats(),
    estimateUsd: () => undefined,
    ...overrides,
  };
}

const deps = { catalog: createCatalog([]) };

test('weighted order follows the weights over many calls (seeded)', async () => {
  const selector = await createSelector({ strategy: 'weighted', targets: [] }, deps);
  const shared = context(42);
  let first = 0;
  for (let call = 0; call < 4000; call++) {
    const order = await selector.order(candidates, shared);
    if (order[0]?.name === 'a') first++;
    assert.equal(order.length, 2);
  }
  // Weight 3 against 1: three quarters of the first picks, within a few percent.
  assert.ok(Math.abs(first / 4000 - 0.75) < 0.03, `a went first ${first} times of 4000`);
});

test('the same seed gives the same sequence', async () => {
  const selector = await createSelector({ strategy: 'weighted', targets: [] }, deps);
  const run = async () => {
    const shared = context(7);
    const names: string[] = [];
    for (let call = 0; call < 20; call++)
      names.push((await selector.order(candidates, shared))[0]?.name ?? '');
    return names.join();
  };
  assert.equal(await run(), await run());
});

test('least latency puts the lower moving average first, and an unmeasured target before both', async () => {
  const selector = await createSelector({ strategy: 'least_latency', targets: [] }, deps);
  const stats = createModelStats();
  stats.start('p/a')(300);
  stats.start('p/b')(100);
  assert.deepEqual(
    (await selector.order(candidates, context(1, { stats }))).map((candidate) => candidate.name),
    ['b', 'a'],
  );
  const fresh: Candidate = { index: 2, name: 'c', weight: 1, key: 'p/c' };
  assert.equal((await selector.order([...candidates, fresh], context(1, { stats })))[0]?.name, 'c');
});

test('least cost puts the cheaper priced candidate first and unpriced last', async () => {
  const selector = await createSelector({ strategy: 'least_cost', targets: [] }, deps);
  const prices: Record<string, number | undefined> = { a: 0.002, b: 0.001, c: undefined };
  const all = [...candidates, { index: 2, name: 'c', weight: 1, key: 'p/c' }];
  const order = await selector.order(all, context(1, { estimateUsd: (candidate) => prices[candidate.name] }));
  assert.deepEqual(
    order.map((candidate) => candidate.name),
    ['b', 'a', 'c'],
  );
});

test('power of two prefers the less loaded of the two it draws', async () => {
  const selector = await createSelector({ strategy: 'power_of_two', targets: [] }, deps);
  const stats = createModelStats();
  stats.start('p/a');
  stats.start('p/a');
  for (let seed = 0; seed < 20; seed++) {
    assert.equal((await selector.order(candidates, context(seed, { stats })))[0]?.name, 'b');
  }
});

test('a strategy this build lacks is a config error, not a crash', async () => {
  await assert.rejects(createSelector({ strategy: 'learned', targets: [] }, deps), {
    code: 'config_invalid',
  });
});
