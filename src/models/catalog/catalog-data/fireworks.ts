import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://fireworks.ai/pricing', asOf: '2026-11-23' };
const model = (name: string) => `accounts/fireworks/models/${name}`;

/** Fireworks serverless models; dense models are priced by parameter count, MoE models by total size. */
export const fireworksModels = defineEntries('fireworks', page, [
  {
    id: model('llama-v3p1-8b-instruct'),
    price: { input: 0.2, output: 0.2 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: model('llama-v3p3-70b-instruct'),
    price: { input: 0.9, output: 0.9 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: model('llama-v3p1-70b-instruct'),
    price: { input: 0.9, output: 0.9 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: model('qwen2p5-72b-instruct'),
    price: { input: 0.9, output: 0.9 },
    context: 32_768,
    features: 'tools json',
  },
  {
    id: model('mixtral-8x7b-instruct'),
    price: { input: 0.5, output: 0.5 },
    context: 32_768,
    features: 'json',
  },
  {
    id: model('mixtral-8x22b-instruct'),
    price: { input: 1.2, output: 1.2 },
    context: 65_536,
    features: 'tools json',
  },
  {
    id: model('gpt-oss-120b'),
    price: { input: 0.15, output: 0.6 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: 'nomic-ai/nomic-embed-text-v1.5',
    price: { input: 0.008, output: 0 },
    context: 8_192,
    features: 'embed',
  },
]);
