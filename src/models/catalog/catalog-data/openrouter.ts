import type { CatalogRow } from '../catalog-entry.js';
import { defineEntries } from '../catalog-entry.js';
import { claudePrice, sonnetLongContext } from './anthropic.js';

const page = { source: 'https://openrouter.ai/models', asOf: '2026-11-23' };
const chat = 'image tools json';

/** OpenRouter passes first-party models through at the upstream provider's list price. */
const rows: CatalogRow[] = [
  {
    id: 'openai/gpt-5',
    price: { input: 1.25, output: 10, cachedInput: 0.125 },
    context: 400_000,
    maxOutput: 128_000,
    features: chat,
  },
  {
    id: 'openai/gpt-5-mini',
    price: { input: 0.25, output: 2, cachedInput: 0.025 },
    context: 400_000,
    maxOutput: 128_000,
    features: chat,
  },
  {
    id: 'openai/gpt-4.1',
    price: { input: 2, output: 8, cachedInput: 0.5 },
    context: 1_047_576,
    maxOutput: 32_768,
    features: chat,
  },
  {
    id: 'openai/gpt-4.1-mini',
    price: { input: 0.4, output: 1.6, cachedInput: 0.1 },
    context: 1_047_576,
    maxOutput: 32_768,
    features: chat,
  },
  {
    id: 'openai/gpt-5-nano',
    price: { input: 0.05, output: 0.4, cachedInput: 0.005 },
    context: 400_000,
    maxOutput: 128_000,
    features: chat,
  },
  {
    id: 'openai/gpt-4.1-nano',
    price: { input: 0.1, output: 0.4, cachedInput: 0.025 },
    context: 1_047_576,
    maxOutput: 32_768,
    features: chat,
  },
  {
    id: 'openai/gpt-4o',
    price: { input: 2.5, output: 10, cachedInput: 1.25 },
    context: 128_000,
    maxOutput: 16_384,
    features: chat,
  },
  {
    id: 'openai/gpt-4o-mini',
    price: { input: 0.15, output: 0.6, cachedInput: 0.075 },
    context: 128_000,
    maxOutput: 16_384,
    features: chat,
  },
  {
    id: 'openai/o3',
    price: { input: 2, output: 8, cachedInput: 0.5 },
    context: 200_000,
    maxOutput: 100_000,
    features: chat,
  },
  {
    id: 'openai/o4-mini',
    price: { input: 1.1, output: 4.4, cachedInput: 0.275 },
    context: 200_000,
    maxOutput: 100_000,
    features: chat,
  },
  {
    id: 'anthropic/claude-opus-4.5',
    price: claudePrice(5, 25),
    context: 200_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'anthropic/claude-sonnet-4.5',
    price: sonnetLongContext,
    context: 1_000_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'anthropic/claude-sonnet-4',
    price: sonnetLongContext,
    context: 1_000_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'anthropic/claude-haiku-4.5',
    price: claudePrice(1, 5),
    context: 200_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'anthropic/claude-opus-4.1',
    price: claudePrice(15, 75),
    context: 200_000,
    maxOutput: 32_000,
    features: chat,
  },
  {
    id: 'anthropic/claude-3.5-haiku',
    price: claudePrice(0.8, 4),
    context: 200_000,
    maxOutput: 8_192,
    features: 'image tools',
  },
  {
    id: 'google/gemini-2.5-pro',
    price: { input: 1.25, output: 10 },
    context: 1_048_576,
    maxOutput: 65_536,
    features: chat,
  },
  {
    id: 'google/gemini-2.5-flash',
    price: { input: 0.3, output: 2.5 },
    context: 1_048_576,
    maxOutput: 65_536,
    features: chat,
  },
  {
    id: 'google/gemini-2.5-flash-lite',
    price: { input: 0.1, output: 0.4 },
    context: 1_048_576,
    maxOutput: 65_536,
    features: chat,
  },
  { id: 'x-ai/grok-4', price: { input: 3, output: 15, cachedInput: 0.75 }, context: 256_000, features: chat },
  {
    id: 'x-ai/grok-code-fast-1',
    price: { input: 0.2, output: 1.5, cachedInput: 0.02 },
    context: 256_000,
    features: 'tools json',
  },
  {
    id: 'x-ai/grok-3-mini',
    price: { input: 0.3, output: 0.5, cachedInput: 0.075 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: 'google/gemini-2.0-flash-001',
    price: { input: 0.1, output: 0.4, cachedInput: 0.025 },
    context: 1_048_576,
    maxOutput: 8_192,
    features: chat,
  },
  { id: 'mistralai/mistral-medium-3', price: { input: 0.4, output: 2 }, context: 131_072, features: chat },
  { id: 'perplexity/sonar', price: { input: 1, output: 1 }, context: 127_072, features: '' },
  {
    id: 'perplexity/sonar-pro',
    price: { input: 3, output: 15 },
    context: 200_000,
    maxOutput: 8_000,
    features: 'image',
  },
];

/** OpenRouter model ids (`vendor/model`). */
export const openrouterModels = defineEntries('openrouter', page, rows);
