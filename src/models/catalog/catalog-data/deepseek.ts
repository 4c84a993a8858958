import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://api-docs.deepseek.com/quick_start/pricing', asOf: '2026-11-23' };

/** DeepSeek's API: cache hits are billed at a tenth of a cache miss. */
export const deepseekModels = defineEntries('deepseek', page, [
  {
    id: 'deepseek-chat',
    price: { input: 0.28, output: 0.42, cachedInput: 0.028 },
    context: 128_000,
    maxOutput: 8_192,
    features: 'tools',
  },
  {
    id: 'deepseek-reasoner',
    price: { input: 0.28, output: 0.42, cachedInput: 0.028 },
    context: 128_000,
    maxOutput: 65_536,
    features: 'tools',
  },
]);
