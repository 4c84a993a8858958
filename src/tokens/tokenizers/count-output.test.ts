import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countCompletionTokens } from './count-output.js';
import { tokenizerFor } from './tokenizer-for.js';

test('an aborted text stream counts its text with the model tokenizer', () => {
  const tokenizer = tokenizerFor('openai', 'gpt-4o');
  assert.deepEqual(countCompletionTokens('tiktoken is great!', [], tokenizer), { tokens: 6, exact: true });
  assert.deepEqual(countCompletionTokens('', [], tokenizer), { tokens: 0, exact: true });
});

test('partial tool calls count what streamed so far, flagged approximate', () => {
  const tokenizer = tokenizerFor('openai', 'gpt-4o');
  const counted = countCompletionTokens(
    'hello world',
    [{ function: { name: 'get_current_weather', arguments: '{"location":"Pa' } }, { function: {} }],
    tokenizer,
  );
  const expected = 2 + tokenizer.count('get_current_weather') + tokenizer.count('{"location":"Pa');
  assert.deepEqual(counted, { tokens: expected, exact: false });
});

test('an estimating tokenizer gives an inexact output count', () => {
  const counted = countCompletionTokens('abcdefgh', [], tokenizerFor('anthropic', 'claude-sonnet-4-5'));
  assert.deepEqual(counted, { tokens: 2, exact: false });
});
