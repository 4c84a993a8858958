import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://docs.x.ai/docs/models', asOf: '2026-11-23' };
const fast = {
  input: 0.2,
  output: 0.5,
  cachedInput: 0.05,
  tiers: [{ aboveInputTokens: 128_000, input: 0.4, output: 1, cachedInput: 0.05 }],
};

/** xAI's Grok models; Grok 4 bills the whole request higher above 128k prompt tokens. */
export const xaiModels = defineEntries('xai', page, [
  {
    id: 'grok-4-0709',
    price: {
      input: 3,
      output: 15,
      cachedInput: 0.75,
      tiers: [{ aboveInputTokens: 128_000, input: 6, output: 30, cachedInput: 0.75 }],
    },
    context: 256_000,
    features: 'image tools json',
    aliases: ['grok-4', 'grok-4-latest'],
  },
  { id: 'grok-4.3', price: { input: 1.25, output: 2.5 }, context: 1_000_000, features: 'image tools json' },
  { id: 'grok-4-fast-reasoning', price: fast, context: 2_000_000, features: 'image tools json' },
  { id: 'grok-4-fast-non-reasoning', price: fast, context: 2_000_000, features: 'image tools json' },
  { id: 'grok-4-1-fast-reasoning', price: fast, context: 2_000_000, features: 'image tools json' },
  { id: 'grok-4-1-fast-non-reasoning', price: fast, context: 2_000_000, features: 'image tools json' },
  {
    id: 'grok-code-fast-1',
    price: { input: 0.2, output: 1.5, cachedInput: 0.02 },
    context: 256_000,
    features: 'tools json',
  },
  {
    id: 'grok-3',
    price: { input: 3, output: 15, cachedInput: 0.75 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: 'grok-3-mini',
    price: { input: 0.3, output: 0.5, cachedInput: 0.075 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: 'grok-2-vision-1212',
    price: { input: 2, output: 10 },
    context: 32_768,
    features: 'image tools json',
  },
]);
