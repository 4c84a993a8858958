import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { worstCaseUsd } from './worst-case.js';

const price = { input: 1, output: 2 };
const texts = [
  'Why should an AI gateway add as little work per request as it can?',
  'function add(a, b) { return a + b; } // sums two numbers',
  '预算不能超支：每次调用前先预留最坏情况的费用。',
  'Привет, мир! Бюджет не превышается.',
  'emoji 🚀🔥✨ and symbols ∑∫√ mixed in',
  '\n\n\n    \t\t',
];

describe('worst case of a chat call', () => {
  for (const [providerKind, upstreamModel] of [
    ['openai', 'gpt-4o-mini'],
    ['openai', 'gpt-4'],
    ['groq', 'llama-3.3-70b'],
    ['anthropic', 'claude-sonnet-4-5'],
  ] as const) {
    it(`bounded by the prompt's bytes, never below the tokenizer's count (${upstreamModel})`, () => {
      const model = { providerKind, upstreamModel, price, maxOutput: undefined };
      for (const text of texts) {
        const request = {
          model: upstreamModel,
          max_tokens: 10,
          messages: [
            { role: 'system' as const, content: 'Answer briefly.' },
            { role: 'user' as const, content: text, name: 'ada' },
          ],
        };
        const exact = worstCaseUsd(request, model, 'exact');
        const bound = worstCaseUsd(request, model, 'bound');
        assert.ok(bound >= exact, `${text}: bound ${bound} < exact ${exact}`);
      }
    });
  }
});
