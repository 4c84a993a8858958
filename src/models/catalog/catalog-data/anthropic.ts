import type { CatalogPrice } from '../catalog-entry.js';
import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://docs.anthropic.com/en/docs/about-claude/pricing', asOf: '2026-11-23' };
const chat = 'image tools json';

/** Claude prices with the usual cache multipliers: 5-minute writes at 1.25x input, hits at 0.1x. */
export function claudePrice(input: number, output: number): CatalogPrice {
  const cents = (value: number) => Math.round(value * 1e6) / 1e6;
  return { input, output, cacheWrite: cents(input * 1.25), cachedInput: cents(input / 10) };
}

/** Sonnet 4 and 4.5 with the 1M-token context beta: above 200k prompt tokens, 2x input and 1.5x output. */
export const sonnetLongContext: CatalogPrice = {
  ...claudePrice(3, 15),
  tiers: [{ aboveInputTokens: 200_000, input: 6, output: 22.5, cacheWrite: 7.5, cachedInput: 0.6 }],
};

/** Anthropic's Claude models on the Messages API. */
export const anthropicModels = defineEntries('anthropic', page, [
  {
    id: 'claude-opus-4-6',
    price: claudePrice(5, 25),
    context: 1_000_000,
    maxOutput: 128_000,
    features: chat,
  },
  {
    id: 'claude-sonnet-4-6',
    price: claudePrice(3, 15),
    context: 1_000_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'claude-opus-4-5-20251101',
    price: claudePrice(5, 25),
    context: 200_000,
    maxOutput: 64_000,
    features: chat,
    aliases: ['claude-opus-4-5'],
  },
  {
    id: 'claude-sonnet-4-5-20250929',
    price: sonnetLongContext,
    context: 1_000_000,
    maxOutput: 64_000,
    features: chat,
    aliases: ['claude-sonnet-4-5'],
  },
  {
    id: 'claude-haiku-4-5-20251001',
    price: claudePrice(1, 5),
    context: 200_000,
    maxOutput: 64_000,
    features: chat,
    aliases: ['claude-haiku-4-5'],
  },
  {
    id: 'claude-opus-4-1-20250805',
    price: claudePrice(15, 75),
    context: 200_000,
    maxOutput: 32_000,
    features: chat,
    aliases: ['claude-opus-4-1'],
  },
  {
    id: 'claude-opus-4-20250514',
    price: claudePrice(15, 75),
    context: 200_000,
    maxOutput: 32_000,
    features: chat,
    aliases: ['claude-opus-4-0'],
  },
  {
    id: 'claude-sonnet-4-20250514',
    price: sonnetLongContext,
    context: 1_000_000,
    maxOutput: 64_000,
    features: chat,
    aliases: ['claude-sonnet-4-0'],
  },
  {
    id: 'claude-3-7-sonnet-20250219',
    price: claudePrice(3, 15),
    context: 200_000,
    maxOutput: 64_000,
    features: 'image tools',
    aliases: ['claude-3-7-sonnet-latest'],
  },
  {
    id: 'claude-3-5-haiku-20241022',
    price: claudePrice(0.8, 4),
    context: 200_000,
    maxOutput: 8_192,
    features: 'image tools',
    aliases: ['claude-3-5-haiku-latest'],
  },
  {
    id: 'claude-3-haiku-20240307',
    price: { input: 0.25, output: 1.25, cacheWrite: 0.3, cachedInput: 0.03 },
    context: 200_000,
    maxOutput: 4_096,
    features: 'image tools',
  },
]);
