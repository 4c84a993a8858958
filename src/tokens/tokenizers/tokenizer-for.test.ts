import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizerFor } from './tokenizer-for.js';

test('OpenAI families map to their tiktoken encodings', () => {
  const cases: Array<[string, string, string]> = [
    ['openai', 'gpt-4o', 'o200k_base'],
    ['openai', 'gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['openai', 'chatgpt-4o-latest', 'o200k_base'],
    ['openai', 'gpt-4.1-nano', 'o200k_base'],
    ['openai', 'gpt-5-mini', 'o200k_base'],
    ['openai', 'o1', 'o200k_base'],
    ['openai', 'o3-mini', 'o200k_base'],
    ['openai', 'o4-mini', 'o200k_base'],
    ['openrouter', 'openai/gpt-4o', 'o200k_base'],
    ['openai', 'ft:gpt-4o-mini-2024-07-18:acme::abc123', 'o200k_base'],
    ['openai', 'gpt-4', 'cl100k_base'],
    ['openai', 'gpt-4-turbo', 'cl100k_base'],
    ['openai', 'gpt-3.5-turbo', 'cl100k_base'],
    ['azure-openai', 'gpt-35-turbo', 'cl100k_base'],
    ['openai', 'text-embedding-3-small', 'cl100k_base'],
    ['openai', 'text-embedding-ada-002', 'cl100k_base'],
  ];
  for (const [provider, model, name] of cases) {
    const tokenizer = tokenizerFor(provider, model);
    assert.equal(tokenizer.name, name, model);
    assert.equal(tokenizer.exact, true, model);
  }
});

test('the Llama 3 family maps to llama3 under every host naming', () => {
  const cases: Array<[string, string]> = [
    ['groq', 'llama-3.3-70b-versatile'],
    ['groq', 'llama3-8b-8192'],
    ['together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
    ['together', 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo'],
    ['fireworks', 'accounts/fireworks/models/llama-v3p1-70b-instruct'],
    ['ollama', 'llama3.2:3b'],
    ['vllm', 'meta-llama/Llama-3.1-8B-Instruct'],
    ['bedrock', 'meta.llama3-1-70b-instruct-v1:0'],
  ];
  for (const [provider, model] of cases) {
    const tokenizer = tokenizerFor(provider, model);
    assert.equal(tokenizer.name, 'llama3', model);
    assert.equal(tokenizer.exact, true, model);
  }
});

test('other models get the estimate, flagged not exact', () => {
  for (const [provider, model] of [
    ['anthropic', 'claude-sonnet-4-5'],
    ['gemini', 'gemini-2.5-flash'],
    ['mistral', 'mistral-large-latest'],
    ['ollama', 'llama2:7b'],
    ['together', 'meta-llama/Llama-4-Scout-17B-16E-Instruct'],
  ] as const) {
    const tokenizer = tokenizerFor(provider, model);
    assert.equal(tokenizer.name, 'estimate', model);
    assert.equal(tokenizer.exact, false, model);
  }
});

test('an unknown model on OpenAI itself is counted with o200k_base but not claimed exact', () => {
  const tokenizer = tokenizerFor('openai', 'some-future-model');
  assert.equal(tokenizer.name, 'o200k_base');
  assert.equal(tokenizer.exact, false);
  assert.equal(tokenizer.count('hello world'), 2);
});

test('known strings count as OpenAI and Meta publish them', () => {
  const o200k = tokenizerFor('openai', 'gpt-4o');
  const cl100k = tokenizerFor('openai', 'gpt-4');
  const llama3 = tokenizerFor('groq', 'llama-3.1-8b-instant');
  // OpenAI cookbook, "How to count tokens with tiktoken", sections 3 and 5.
  const published: Array<[string, number, number]> = [
    ['hello world', 2, 2],
    ['tiktoken is great!', 6, 6],
    ['antidisestablishmentarianism', 6, 6],
    ['2 + 2 = 4', 7, 7],
    ['お誕生日おめでとう', 8, 9],
  ];
  for (const [text, inO200k, inCl100k] of published) {
    assert.equal(o200k.count(text), inO200k, text);
    assert.equal(cl100k.count(text), inCl100k, text);
  }
  // The Llama 3 tokenizer's documented encodings, without begin/end-of-text tokens.
  assert.equal(llama3.count('Hello world!'), 3);
  assert.equal(llama3.count('This is a test sentence.'), 6);
  assert.equal(llama3.count(''), 0);
});

test('special-token text in user input is counted, not rejected', () => {
  assert.equal(tokenizerFor('openai', 'gpt-4o').count('a <|endoftext|> b'), 9);
});
