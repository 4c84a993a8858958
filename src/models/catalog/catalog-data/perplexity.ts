import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://docs.perplexity.ai/getting-started/pricing', asOf: '2026-11-23' };

/** Perplexity Sonar token prices (each request also pays a search fee, not modelled here). */
export const perplexityModels = defineEntries('perplexity', page, [
  { id: 'sonar', price: { input: 1, output: 1 }, context: 128_000, features: 'json' },
  {
    id: 'sonar-pro',
    price: { input: 3, output: 15 },
    context: 200_000,
    maxOutput: 8_000,
    features: 'image json',
  },
  { id: 'sonar-reasoning', price: { input: 1, output: 5 }, context: 128_000, features: 'json' },
  { id: 'sonar-reasoning-pro', price: { input: 2, output: 8 }, context: 128_000, features: 'image json' },
  { id: 'sonar-deep-research', price: { input: 2, output: 8 }, context: 128_000, features: '' },
]);
