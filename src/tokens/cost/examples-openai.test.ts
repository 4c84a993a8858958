import type { Price } from '../price.js';
import { checkWorkedExamples, wire } from './testing/worked-example.js';

// Published list prices, USD per million tokens (sources in README.md). "µ" below is a microdollar.
const gpt4o: Price = { input: 2.5, cachedInput: 1.25, output: 10 };
const gpt41: Price = { input: 2, cachedInput: 0.5, output: 8 };
const o3: Price = { input: 2, cachedInput: 0.5, output: 8 };
const o4Mini: Price = { input: 1.1, cachedInput: 0.275, output: 4.4 };

checkWorkedExamples([
  // 6,000 × 2.50 = 15,000µ + 4,000 × 1.25 = 5,000µ + 500 × 10 = 5,000µ → 25,000µ
  {
    name: 'gpt-4o: cached input at half price',
    usage: wire(10_000, 500, { cached: 4_000 }),
    price: gpt4o,
    usd: 0.025,
  },
  // 1,234 × 2.50 = 3,085µ + 567 × 10 = 5,670µ → 8,755µ
  { name: 'gpt-4o: no cache', usage: wire(1_234, 567), price: gpt4o, usd: 0.008755 },
  // 20,000 × 2 = 40,000µ + 80,000 × 0.50 = 40,000µ + 2,000 × 8 = 16,000µ → 96,000µ
  {
    name: 'gpt-4.1: cached input at a quarter',
    usage: wire(100_000, 2_000, { cached: 80_000 }),
    price: gpt41,
    usd: 0.096,
  },
  // 2,000 × 2 = 4,000µ + visible 800 × 8 = 6,400µ + reasoning 4,200 × 8 = 33,600µ → 44,000µ
  {
    name: 'o3: reasoning billed as output',
    usage: wire(2_000, 5_000, { reasoning: 4_200 }),
    price: o3,
    usd: 0.044,
  },
  // 1,976 × 1.10 = 2,173.6µ + 1,024 × 0.275 = 281.6µ + 300 × 4.40 = 1,320µ + 1,200 × 4.40 = 5,280µ → 9,055.2µ
  {
    name: 'o4-mini: cache and reasoning together',
    usage: wire(3_000, 1_500, { cached: 1_024, reasoning: 1_200 }),
    price: o4Mini,
    usd: 0.0090552,
  },
  // Cached 1,500 of a 1,000-token prompt clamps to 1,000: 1,000 × 1.25 = 1,250µ
  {
    name: 'edge: cached above prompt is clamped',
    usage: wire(1_000, 0, { cached: 1_500 }),
    price: gpt4o,
    usd: 0.00125,
  },
]);
