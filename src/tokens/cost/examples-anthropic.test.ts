import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Price } from '../price.js';
import { costOf } from './cost-of.js';
import { normaliseUsage } from './normalise-usage.js';
import { checkWorkedExamples, wire } from './testing/worked-example.js';

// Published list prices, USD per million tokens (sources in README.md). "µ" below is a microdollar.
const claudeRates = { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 };
const sonnet4: Price = claudeRates;
const sonnet4LongContext: Price = {
  ...claudeRates,
  tiers: [{ aboveInputTokens: 200_000, input: 6, cacheWrite: 7.5, cachedInput: 0.6, output: 22.5 }],
};
// Bedrock bills Claude at Anthropic's own rates, cache reads and writes included.
const bedrockSonnet4: Price = claudeRates;

checkWorkedExamples([
  // 1,000 × 3 = 3,000µ + write 50,000 × 3.75 = 187,500µ + 800 × 15 = 12,000µ → 202,500µ
  {
    name: 'Sonnet 4: 5-minute cache write at 1.25×',
    usage: wire(51_000, 800, { write: 50_000 }),
    price: sonnet4,
    usd: 0.2025,
  },
  // 1,200 × 3 = 3,600µ + read 50,000 × 0.30 = 15,000µ + 600 × 15 = 9,000µ → 27,600µ
  {
    name: 'Sonnet 4: cache read at 0.1×',
    usage: wire(51_200, 600, { cached: 50_000 }),
    price: sonnet4,
    usd: 0.0276,
  },
  // Anthropic does not split thinking out: 500 × 3 = 1,500µ + 2,000 × 15 = 30,000µ → 31,500µ
  { name: 'Sonnet 4: thinking inside output', usage: wire(500, 2_000), price: sonnet4, usd: 0.0315 },
  // 250,000 × 6 = 1,500,000µ + 1,000 × 22.50 = 22,500µ → 1,522,500µ
  {
    name: 'Sonnet 4 long context: whole request at 2× input, 1.5× output',
    usage: wire(250_000, 1_000),
    price: sonnet4LongContext,
    usd: 1.5225,
    tier: 200_000,
  },
  // Exactly 200,000 is not above the threshold: 200,000 × 3 = 600,000µ
  {
    name: 'Sonnet 4 long context: 200k exactly stays at base',
    usage: wire(200_000, 0),
    price: sonnet4LongContext,
    usd: 0.6,
  },
  // 10,000 + 190,001 cached = 200,001 > 200k: 10,000 × 6 = 60,000µ + 190,001 × 0.60 = 114,000.6µ
  // + 100 × 22.50 = 2,250µ → 176,250.6µ
  {
    name: 'Sonnet 4 long context: cached tokens count toward the threshold',
    usage: wire(200_001, 100, { cached: 190_001 }),
    price: sonnet4LongContext,
    usd: 0.1762506,
    tier: 200_000,
  },
  // 2,000 × 3 = 6,000µ + read 30,000 × 0.30 = 9,000µ + write 5,000 × 3.75 = 18,750µ + 1,000 × 15 = 15,000µ
  // → 48,750µ
  {
    name: 'Bedrock Claude Sonnet 4: Anthropic rates',
    usage: wire(37_000, 1_000, { cached: 30_000, write: 5_000 }),
    price: bedrockSonnet4,
    usd: 0.04875,
  },
]);

test('worked example — missing usage is zero and estimated', () => {
  const usage = normaliseUsage(undefined);
  assert.equal(usage.estimated, true);
  assert.equal(costOf(usage, sonnet4).usd, 0);
});
