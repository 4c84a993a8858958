import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://ai.google.dev/gemini-api/docs/pricing', asOf: '2026-11-23' };
const chat = 'image audio tools json';

/** Gemini API models, paid tier; Pro models bill the whole request higher above 200k prompt tokens. */
export const geminiModels = defineEntries('gemini', page, [
  {
    id: 'gemini-3-pro-preview',
    price: {
      input: 2,
      output: 12,
      cachedInput: 0.2,
      tiers: [{ aboveInputTokens: 200_000, input: 4, output: 18, cachedInput: 0.4 }],
    },
    context: 1_048_576,
    maxOutput: 65_536,
    features: chat,
  },
  {
    id: 'gemini-2.5-pro',
    price: {
      input: 1.25,
      output: 10,
      cachedInput: 0.125,
      tiers: [{ aboveInputTokens: 200_000, input: 2.5, output: 15, cachedInput: 0.25 }],
    },
    context: 1_048_576,
    maxOutput: 65_536,
    features: chat,
  },
  {
    id: 'gemini-3-flash-preview',
    price: { input: 0.5, output: 3 },
    context: 1_048_576,
    maxOutput: 65_536,
    features: chat,
  },
  {
    id: 'gemini-2.5-flash',
    price: { input: 0.3, output: 2.5 },
    context: 1_048_576,
    maxOutput: 65_536,
    features: chat,
  },
  {
    id: 'gemini-2.5-flash-lite',
    price: { input: 0.1, output: 0.4 },
    context: 1_048_576,
    maxOutput: 65_536,
    features: chat,
  },
  {
    id: 'gemini-2.0-flash',
    price: { input: 0.1, output: 0.4, cachedInput: 0.025 },
    context: 1_048_576,
    maxOutput: 8_192,
    features: chat,
    aliases: ['gemini-2.0-flash-001'],
  },
  {
    id: 'gemini-2.0-flash-lite',
    price: { input: 0.075, output: 0.3 },
    context: 1_048_576,
    maxOutput: 8_192,
    features: chat,
    aliases: ['gemini-2.0-flash-lite-001'],
  },
  { id: 'gemini-embedding-001', price: { input: 0.15, output: 0 }, context: 2_048, features: 'embed' },
]);
