import type { EmbeddingRequest } from '../core/types.js';

/**
 * The input tokens of an embeddings request: each text counted by `count`, and each input given as
 * token ids counted as its length.
 */
export function countEmbeddingTokens(
  input: EmbeddingRequest['input'],
  count: (text: string) => number,
): number {
  if (typeof input === 'string') return count(input);
  let tokens = 0;
  for (const item of input) {
    if (typeof item === 'string') tokens += count(item);
    else if (Array.isArray(item)) tokens += item.length;
    // A flat array of numbers is one input of token ids.
    else return input.length;
  }
  return tokens;
}
