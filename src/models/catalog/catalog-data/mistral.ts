import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://mistral.ai/pricing#api-pricing', asOf: '2026-11-23' };
const chat = 'tools json';

/** Mistral's La Plateforme models, by dated id. */
export const mistralModels = defineEntries('mistral', page, [
  {
    id: 'mistral-large-2512',
    price: { input: 0.5, output: 1.5 },
    context: 256_000,
    features: `image ${chat}`,
  },
  { id: 'mistral-large-2411', price: { input: 2, output: 6 }, context: 128_000, features: chat },
  {
    id: 'pixtral-large-2411',
    price: { input: 2, output: 6 },
    context: 128_000,
    features: `image ${chat}`,
    aliases: ['pixtral-large-latest'],
  },
  {
    id: 'mistral-medium-2508',
    price: { input: 0.4, output: 2 },
    context: 128_000,
    features: `image ${chat}`,
  },
  {
    id: 'mistral-medium-2505',
    price: { input: 0.4, output: 2 },
    context: 128_000,
    features: `image ${chat}`,
  },
  {
    id: 'mistral-small-2506',
    price: { input: 0.1, output: 0.3 },
    context: 128_000,
    features: `image ${chat}`,
  },
  {
    id: 'magistral-medium-2509',
    price: { input: 2, output: 5 },
    context: 128_000,
    features: `image ${chat}`,
  },
  {
    id: 'magistral-small-2509',
    price: { input: 0.5, output: 1.5 },
    context: 128_000,
    features: `image ${chat}`,
  },
  {
    id: 'codestral-2508',
    price: { input: 0.3, output: 0.9 },
    context: 256_000,
    features: chat,
    aliases: ['codestral-latest'],
  },
  { id: 'devstral-medium-2507', price: { input: 0.4, output: 2 }, context: 128_000, features: chat },
  { id: 'devstral-small-2507', price: { input: 0.1, output: 0.3 }, context: 128_000, features: chat },
  {
    id: 'ministral-14b-2512',
    price: { input: 0.2, output: 0.2 },
    context: 256_000,
    features: `image ${chat}`,
  },
  {
    id: 'ministral-8b-2512',
    price: { input: 0.15, output: 0.15 },
    context: 256_000,
    features: `image ${chat}`,
  },
  {
    id: 'ministral-3b-2512',
    price: { input: 0.1, output: 0.1 },
    context: 128_000,
    features: `image ${chat}`,
  },
  { id: 'mistral-embed', price: { input: 0.1, output: 0 }, context: 8_192, features: 'embed' },
]);
