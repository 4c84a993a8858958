import { defineEntries } from '../catalog-entry.js';
import { claudePrice, sonnetLongContext } from './anthropic.js';

const page = { source: 'https://aws.amazon.com/bedrock/pricing/', asOf: '2026-11-23' };
const chat = 'image tools json';

/** Amazon Bedrock on-demand models (us-east-1); cross-region `us.`/`eu.` ids resolve to these. */
export const bedrockModels = defineEntries('bedrock', page, [
  {
    id: 'anthropic.claude-opus-4-5-20251101-v1:0',
    price: claudePrice(5, 25),
    context: 200_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    price: sonnetLongContext,
    context: 1_000_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    price: claudePrice(1, 5),
    context: 200_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'anthropic.claude-opus-4-1-20250805-v1:0',
    price: claudePrice(15, 75),
    context: 200_000,
    maxOutput: 32_000,
    features: chat,
  },
  {
    id: 'anthropic.claude-opus-4-20250514-v1:0',
    price: claudePrice(15, 75),
    context: 200_000,
    maxOutput: 32_000,
    features: chat,
  },
  {
    id: 'anthropic.claude-sonnet-4-20250514-v1:0',
    price: sonnetLongContext,
    context: 1_000_000,
    maxOutput: 64_000,
    features: chat,
  },
  {
    id: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    price: claudePrice(3, 15),
    context: 200_000,
    maxOutput: 64_000,
    features: 'image tools',
  },
  {
    id: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    price: { input: 0.8, output: 4 },
    context: 200_000,
    maxOutput: 8_192,
    features: 'tools',
  },
  {
    id: 'anthropic.claude-3-haiku-20240307-v1:0',
    price: { input: 0.25, output: 1.25 },
    context: 200_000,
    maxOutput: 4_096,
    features: 'image tools',
  },
  {
    id: 'amazon.nova-micro-v1:0',
    price: { input: 0.035, output: 0.14 },
    context: 128_000,
    maxOutput: 10_000,
    features: 'tools',
  },
  {
    id: 'amazon.nova-lite-v1:0',
    price: { input: 0.06, output: 0.24 },
    context: 300_000,
    maxOutput: 10_000,
    features: 'image tools',
  },
  {
    id: 'amazon.nova-pro-v1:0',
    price: { input: 0.8, output: 3.2 },
    context: 300_000,
    maxOutput: 10_000,
    features: 'image tools',
  },
  {
    id: 'amazon.nova-premier-v1:0',
    price: { input: 2.5, output: 12.5 },
    context: 1_000_000,
    maxOutput: 32_000,
    features: 'image tools',
  },
  {
    id: 'amazon.titan-embed-text-v2:0',
    price: { input: 0.02, output: 0 },
    context: 8_192,
    features: 'embed',
  },
  { id: 'cohere.embed-english-v3', price: { input: 0.1, output: 0 }, context: 512, features: 'embed' },
  { id: 'cohere.embed-multilingual-v3', price: { input: 0.1, output: 0 }, context: 512, features: 'embed' },
]);
