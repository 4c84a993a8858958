import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadedEncodings } from './encodings.js';
import { tokenizerFor } from './tokenizer-for.js';

test('encodings load on first count, one at a time', () => {
  assert.deepEqual(loadedEncodings(), []);
  const o200k = tokenizerFor('openai', 'gpt-4o');
  const llama3 = tokenizerFor('groq', 'llama-3.3-70b-versatile');
  tokenizerFor('anthropic', 'claude-sonnet-4-5').count('no vocabulary needed');
  assert.deepEqual(loadedEncodings(), [], 'choosing a tokenizer or estimating loads nothing');

  assert.equal(o200k.count('hello world'), 2);
  assert.deepEqual(loadedEncodings(), ['o200k_base']);
  assert.equal(llama3.count('hello world'), 2);
  assert.deepEqual(loadedEncodings(), ['o200k_base', 'llama3']);
});
