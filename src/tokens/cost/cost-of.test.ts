import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Price } from '../price.js';
import { costOf, costSaved, type PricedUsage } from './cost-of.js';

const sonnet4: Price = { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 };
const tiered: Price = {
  input: 1.25,
  cachedInput: 0.125,
  output: 10,
  tiers: [{ aboveInputTokens: 200_000, input: 2.5, cachedInput: 0.25, output: 15 }],
};

/** Usage from disjoint counts; `outputTokens` includes the reasoning, as normalised usage does. */
function usageOf(
  input: number,
  cached: number,
  write: number,
  visible: number,
  reasoning: number,
): PricedUsage {
  return {
    inputTokens: input,
    cachedInputTokens: cached,
    cacheWriteTokens: write,
    outputTokens: visible + reasoning,
    reasoningTokens: reasoning,
    estimated: false,
  };
}

test('the breakdown names what each part of the request cost', () => {
  // 1,000 × 3 = 3,000µ; 2,000 × 0.30 = 600µ; 400 × 3.75 = 1,500µ; 100 × 15 = 1,500µ; 200 × 15 = 3,000µ
  const cost = costOf(usageOf(1_000, 2_000, 400, 100, 200), sonnet4);
  assert.deepEqual(cost.breakdown, {
    input: 0.003,
    cachedInput: 0.0006,
    cacheWrite: 0.0015,
    output: 0.0015,
    reasoning: 0.003,
  });
  assert.equal(cost.usd, 0.0096);
  assert.equal(cost.tier, null);
});

test('a separate reasoning price bills reasoning once, at that price', () => {
  // visible 1,000 × 4 = 4,000µ + reasoning 3,000 × 1 = 3,000µ, not 4,000 × 4 + 3,000 × 1
  const cost = costOf(usageOf(0, 0, 0, 1_000, 3_000), { input: 1, output: 4, reasoning: 1 });
  assert.equal(cost.usd, 0.007);
});

test('cache writes without a cacheWrite price are billed as input', () => {
  // 500 × 2 = 1,000µ
  assert.equal(costOf(usageOf(0, 0, 500, 0, 0), { input: 2, output: 8 }).usd, 0.001);
});

test('a tier without a cached price bills cache reads at the tier input price', () => {
  // 150,000 + 60,000 = 210,000 > 200k: 150,000 × 4 + 60,000 × 4 = 840,000µ
  const price: Price = {
    input: 2,
    cachedInput: 0.5,
    output: 8,
    tiers: [{ aboveInputTokens: 200_000, input: 4, output: 12 }],
  };
  const cost = costOf(usageOf(150_000, 60_000, 0, 0, 0), price);
  assert.equal(cost.usd, 0.84);
  assert.equal(cost.tier, 200_000);
});

test('the highest tier the prompt is above applies, whatever order the tiers are listed in', () => {
  const price: Price = {
    input: 1,
    output: 1,
    tiers: [
      { aboveInputTokens: 500_000, input: 3, output: 3 },
      { aboveInputTokens: 100_000, input: 2, output: 2 },
    ],
  };
  assert.equal(costOf(usageOf(600_000, 0, 0, 0, 0), price).tier, 500_000);
  assert.equal(costOf(usageOf(300_000, 0, 0, 0, 0), price).tier, 100_000);
});

test('sums are exact where binary floating point drifts', () => {
  // 0.1 + 0.2 in floats is 0.30000000000000004; here 100,000 × 1 + 200,000 × 1 = 300,000µ exactly
  assert.equal(costOf(usageOf(100_000, 0, 0, 200_000, 0), { input: 1, output: 1 }).usd, 0.3);
  // 7 × 0.1/M = 0.7µ, rounded to 1e-9 USD: 0.000000700 → 7e-7
  assert.equal(costOf(usageOf(7, 0, 0, 0, 0), { input: 0.1, output: 0 }).usd, 7e-7);
  // 1 × 0.0004/M = 0.0004µ = 4e-10 USD rounds to 0; 2 tokens at 0.00025/M = 5e-10 rounds half up to 1e-9
  assert.equal(costOf(usageOf(1, 0, 0, 0, 0), { input: 0.0004, output: 0 }).usd, 0);
  assert.equal(costOf(usageOf(2, 0, 0, 0, 0), { input: 0.00025, output: 0 }).usd, 1e-9);
});

test('a negative price is refused', () => {
  assert.throws(() => costOf(usageOf(1, 0, 0, 0, 0), { input: -1, output: 1 }), RangeError);
});

test('costSaved is the same usage with every prompt token at the full input price', () => {
  // (1,200 + 50,000) × 3 = 153,600µ + 600 × 15 = 9,000µ → 162,600µ
  assert.equal(costSaved(usageOf(1_200, 50_000, 0, 600, 0), sonnet4), 0.1626);
  // 1,000 + 200,000 write = 201,000 > 200k: 201,000 × 2.5 = 502,500µ
  assert.equal(costSaved(usageOf(1_000, 0, 200_000, 0, 0), tiered), 0.5025);
});

/** A small seeded generator, so a failing case is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Random disjoint counts: uncached input, cache reads, cache writes, visible output, reasoning. */
function randomCounts(next: () => number): number[] {
  return [300_000, 300_000, 50_000, 20_000, 20_000].map((scale) => Math.floor(next() * scale));
}

function fromCounts(counts: readonly number[]): PricedUsage {
  const [input = 0, cached = 0, write = 0, visible = 0, reasoning = 0] = counts;
  return usageOf(input, cached, write, visible, reasoning);
}

test('property: cost never falls when any token count rises', () => {
  const next = random(7);
  for (const price of [sonnet4, tiered, { input: 0.4, output: 2 }]) {
    for (let round = 0; round < 200; round += 1) {
      const counts = randomCounts(next);
      const before = costOf(fromCounts(counts), price).usd;
      for (let index = 0; index < counts.length; index += 1) {
        const extra = 1 + Math.floor(next() * 50_000);
        const more = counts.map((count, at) => (at === index ? count + extra : count));
        assert.ok(costOf(fromCounts(more), price).usd >= before, `count ${index} of ${counts.join(',')}`);
      }
    }
  }
});

test('property: two attempts cost what their combined usage costs, to within rounding', () => {
  const next = random(11);
  for (const price of [sonnet4, { input: 1.1, cachedInput: 0.275, output: 4.4 }]) {
    for (let round = 0; round < 200; round += 1) {
      const first = randomCounts(next);
      const second = randomCounts(next);
      const both = first.map((count, index) => count + (second[index] ?? 0));
      const separate = costOf(fromCounts(first), price).usd + costOf(fromCounts(second), price).usd;
      // Each attempt rounds to the nearest 1e-9 USD, so the pair may differ from the whole by 1e-9.
      assert.ok(Math.abs(separate - costOf(fromCounts(both), price).usd) <= 1.000001e-9);
    }
  }
});
