import { defineEntries } from '../catalog-entry.js';

const page = {
  source: 'https://azure.microsoft.com/en-us/pricing/details/cognitive-services/openai-service/',
  asOf: '2026-11-23',
};
const chat = 'image tools json';

/** Azure OpenAI models, Global Standard deployments (regional deployments cost more). */
export const azureModels = defineEntries('azure', page, [
  {
    id: 'gpt-5',
    price: { input: 1.25, output: 10, cachedInput: 0.125 },
    context: 400_000,
    maxOutput: 128_000,
    features: chat,
  },
  {
    id: 'gpt-5-mini',
    price: { input: 0.25, output: 2, cachedInput: 0.025 },
    context: 400_000,
    maxOutput: 128_000,
    features: chat,
  },
  {
    id: 'gpt-4.1',
    price: { input: 2, output: 8, cachedInput: 0.5 },
    context: 1_047_576,
    maxOutput: 32_768,
    features: chat,
  },
  {
    id: 'gpt-4.1-mini',
    price: { input: 0.4, output: 1.6, cachedInput: 0.1 },
    context: 1_047_576,
    maxOutput: 32_768,
    features: chat,
  },
  {
    id: 'gpt-4.1-nano',
    price: { input: 0.1, output: 0.4, cachedInput: 0.03 },
    context: 1_047_576,
    maxOutput: 32_768,
    features: chat,
  },
  {
    id: 'gpt-4o',
    price: { input: 2.5, output: 10, cachedInput: 1.25 },
    context: 128_000,
    maxOutput: 16_384,
    features: chat,
  },
  {
    id: 'gpt-4o-mini',
    price: { input: 0.15, output: 0.6, cachedInput: 0.075 },
    context: 128_000,
    maxOutput: 16_384,
    features: chat,
  },
  {
    id: 'o4-mini',
    price: { input: 1.1, output: 4.4, cachedInput: 0.275 },
    context: 200_000,
    maxOutput: 100_000,
    features: chat,
  },
  {
    id: 'o3',
    price: { input: 2, output: 8, cachedInput: 0.5 },
    context: 200_000,
    maxOutput: 100_000,
    features: chat,
  },
  { id: 'text-embedding-3-small', price: { input: 0.02, output: 0 }, context: 8_191, features: 'embed' },
  { id: 'text-embedding-3-large', price: { input: 0.13, output: 0 }, context: 8_191, features: 'embed' },
]);
