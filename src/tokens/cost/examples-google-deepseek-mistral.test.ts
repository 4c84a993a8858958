import type { Price } from '../price.js';
import { checkWorkedExamples, wire } from './testing/worked-example.js';

// Published list prices, USD per million tokens (sources in README.md). "µ" below is a microdollar.
const gemini25Pro: Price = {
  input: 1.25,
  cachedInput: 0.125,
  output: 10,
  tiers: [{ aboveInputTokens: 200_000, input: 2.5, cachedInput: 0.25, output: 15 }],
};
const gemini25Flash: Price = { input: 0.3, cachedInput: 0.03, output: 2.5 };
const deepseekChat: Price = { input: 0.27, cachedInput: 0.07, output: 1.1 };
const deepseekReasoner: Price = { input: 0.55, cachedInput: 0.14, output: 2.19 };
// Mistral publishes no cached-input price, so cache reads fall back to the input price.
const mistralMedium3: Price = { input: 0.4, output: 2 };

checkWorkedExamples([
  // 100,000 × 1.25 = 125,000µ + visible 2,000 × 10 = 20,000µ + thinking 3,000 × 10 = 30,000µ → 175,000µ
  {
    name: 'Gemini 2.5 Pro: up to 200k, thinking as output',
    usage: wire(100_000, 5_000, { reasoning: 3_000 }),
    price: gemini25Pro,
    usd: 0.175,
  },
  // 200,000 × 2.50 = 500,000µ + 100,000 × 0.25 = 25,000µ + 1,000 × 15 + 1,000 × 15 = 30,000µ → 555,000µ
  {
    name: 'Gemini 2.5 Pro: above 200k, every token at the higher tier',
    usage: wire(300_000, 2_000, { cached: 100_000, reasoning: 1_000 }),
    price: gemini25Pro,
    usd: 0.555,
    tier: 200_000,
  },
  // 4,000 × 0.30 = 1,200µ + 16,000 × 0.03 = 480µ + 400 × 2.50 = 1,000µ + 600 × 2.50 = 1,500µ → 4,180µ
  {
    name: 'Gemini 2.5 Flash: cache and thinking',
    usage: wire(20_000, 1_000, { cached: 16_000, reasoning: 600 }),
    price: gemini25Flash,
    usd: 0.00418,
  },
  // miss 1,000 × 0.27 = 270µ + hit 9,000 × 0.07 = 630µ + 300 × 1.10 = 330µ → 1,230µ
  {
    name: 'DeepSeek chat: cache hit',
    usage: wire(10_000, 300, { cached: 9_000 }),
    price: deepseekChat,
    usd: 0.00123,
  },
  // miss 10,000 × 0.27 = 2,700µ + 300 × 1.10 = 330µ → 3,030µ
  { name: 'DeepSeek chat: cache miss', usage: wire(10_000, 300), price: deepseekChat, usd: 0.00303 },
  // 1,000 × 0.55 = 550µ + 3,000 × 2.19 = 6,570µ (chain of thought is output) → 7,120µ
  {
    name: 'DeepSeek reasoner: CoT as output',
    usage: wire(1_000, 3_000, { reasoning: 2_500 }),
    price: deepseekReasoner,
    usd: 0.00712,
  },
  // 12,345 × 0.40 = 4,938µ + 678 × 2 = 1,356µ → 6,294µ
  {
    name: 'Mistral Medium 3: input and output',
    usage: wire(12_345, 678),
    price: mistralMedium3,
    usd: 0.006294,
  },
  // No cached price: 10,000 × 0.40 = 4,000µ, of which the 4,000 cached tokens are 1,600µ
  {
    name: 'Mistral: cache reported, no cached price',
    usage: wire(10_000, 0, { cached: 4_000 }),
    price: mistralMedium3,
    usd: 0.004,
  },
  { name: 'edge: zero usage costs nothing', usage: wire(0, 0), price: gemini25Pro, usd: 0 },
]);
