import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countEmbeddingTokens } from './embedding-tokens.js';

const words = (text: string) => text.split(' ').length;

test('texts are counted by the tokenizer and token-id inputs by their length', () => {
  assert.equal(countEmbeddingTokens('one two three', words), 3);
  assert.equal(countEmbeddingTokens(['one two', 'three'], words), 3);
  assert.equal(countEmbeddingTokens([5, 6, 7, 8], words), 4);
  assert.equal(
    countEmbeddingTokens(
      [
        [1, 2],
        [3, 4, 5],
      ],
      words,
    ),
    5,
  );
});
