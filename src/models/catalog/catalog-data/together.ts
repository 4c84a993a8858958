import { defineEntries } from '../catalog-entry.js';

const page = { source: 'https://www.together.ai/pricing', asOf: '2026-11-23' };

/** Together AI serverless models. */
export const togetherModels = defineEntries('together', page, [
  {
    id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    price: { input: 0.88, output: 0.88 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo',
    price: { input: 0.18, output: 0.18 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: 'meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo',
    price: { input: 0.88, output: 0.88 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: 'meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo',
    price: { input: 3.5, output: 3.5 },
    context: 130_815,
    features: 'tools json',
  },
  {
    id: 'meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8',
    price: { input: 0.27, output: 0.85 },
    context: 1_048_576,
    features: 'image tools json',
  },
  {
    id: 'meta-llama/Llama-4-Scout-17B-16E-Instruct',
    price: { input: 0.18, output: 0.59 },
    context: 1_048_576,
    features: 'image tools json',
  },
  {
    id: 'deepseek-ai/DeepSeek-V3',
    price: { input: 1.25, output: 1.25 },
    context: 131_072,
    features: 'tools json',
  },
  { id: 'deepseek-ai/DeepSeek-R1', price: { input: 3, output: 7 }, context: 163_840, features: 'json' },
  {
    id: 'Qwen/Qwen2.5-72B-Instruct-Turbo',
    price: { input: 1.2, output: 1.2 },
    context: 131_072,
    features: 'tools json',
  },
  {
    id: 'Qwen/Qwen2.5-7B-Instruct-Turbo',
    price: { input: 0.3, output: 0.3 },
    context: 32_768,
    features: 'tools json',
  },
  {
    id: 'openai/gpt-oss-120b',
    price: { input: 0.15, output: 0.6 },
    context: 131_072,
    features: 'tools json',
  },
  { id: 'openai/gpt-oss-20b', price: { input: 0.05, output: 0.2 }, context: 131_072, features: 'tools json' },
  {
    id: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
    price: { input: 0.6, output: 0.6 },
    context: 32_768,
    features: 'tools json',
  },
  { id: 'BAAI/bge-large-en-v1.5', price: { input: 0.02, output: 0 }, context: 512, features: 'embed' },
]);
