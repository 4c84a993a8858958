import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://groq.com/pricing', asOf: '2026-11-23' };

/** GroqCloud on-demand models. */
export const groqModels = defineEntries('groq', page, [
  {
    id: 'llama-3.1-8b-instant',
    price: { input: 0.05, output: 0.08 },
    context: 131_072,
    maxOutput: 131_072,
    features: 'tools',
  },
  {
    id: 'llama-3.3-70b-versatile',
    price: { input: 0.59, output: 0.79 },
    context: 131_072,
    maxOutput: 32_768,
    features: 'tools',
  },
  {
    id: 'openai/gpt-oss-120b',
    price: { input: 0.15, output: 0.6, cachedInput: 0.075 },
    context: 131_072,
    maxOutput: 65_536,
    features: 'tools json',
  },
  {
    id: 'meta-llama/llama-4-scout-17b-16e-instruct',
    price: { input: 0.11, output: 0.34 },
    context: 131_072,
    maxOutput: 8_192,
    features: 'image tools json',
  },
  {
    id: 'meta-llama/llama-4-maverick-17b-128e-instruct',
    price: { input: 0.2, output: 0.6 },
    context: 131_072,
    maxOutput: 8_192,
    features: 'image tools json',
  },
  {
    id: 'qwen/qwen3-32b',
    price: { input: 0.29, output: 0.59 },
    context: 131_072,
    maxOutput: 40_960,
    features: 'tools',
  },
  {
    id: 'moonshotai/kimi-k2-instruct-0905',
    price: { input: 1, output: 3 },
    context: 262_144,
    maxOutput: 16_384,
    features: 'tools json',
  },
]);
