import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizerFor } from '../../tokens/tokenizers/tokenizer-for.js';
import { prefixOfTokens } from './output-cap.js';

test('the prefix is the longest that fits the token count', () => {
  const tokenizer = tokenizerFor('openai', 'gpt-4o');
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
  for (const tokens of [0, 1, 7, 50]) {
    const prefix = prefixOfTokens(text, tokens, tokenizer);
    assert.ok(text.startsWith(prefix));
    assert.ok(tokenizer.count(prefix) <= tokens);
    assert.ok(
      tokenizer.count(text.slice(0, prefix.length + 1)) > tokens,
      `one more character fits ${tokens}`,
    );
  }
  assert.equal(prefixOfTokens('short', 100, tokenizer), 'short');
});
