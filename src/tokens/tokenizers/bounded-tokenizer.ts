/**
 * Counting runs on the event loop, so one request may only have so many characters counted exactly:
 * enough for ordinary prompts (about 8,000 tokens of English with an OpenAI encoding), few enough
 * that the costliest text (random base64, walls of CJK) is counted in tens of milliseconds. Past the
 * allowance a text is estimated: the exact counts of evenly spaced samples scaled to its length, or
 * the character heuristic, whichever is higher, and the count is flagged as estimated.
 */
import { estimateTokens } from './estimate.js';
import type { Tokenizer, TokenizerName } from './tokenizer.js';

/** Characters one request may have counted exactly, per encoding (Llama 3's encoder is slower). */
export const exactCountAllowance: Record<TokenizerName, number> = {
  o200k_base: 32_768,
  cl100k_base: 32_768,
  llama3: 8_192,
  estimate: Number.POSITIVE_INFINITY,
};

const samples = 8;
const sampleLength = 256;

/** A tokenizer that counts exactly until its character allowance is spent, then estimates. */
export interface BoundedTokenizer extends Tokenizer {
  /** True once a text was estimated because the allowance did not cover it. */
  readonly estimated: boolean;
}

function isBounded(tokenizer: Tokenizer): tokenizer is BoundedTokenizer {
  return 'estimated' in tokenizer;
}

/**
 * Wraps a tokenizer with an allowance of exactly counted characters for one request; a tokenizer that
 * is already bounded is returned as it is, so nested counts share one allowance.
 */
export function boundTokenizer(
  tokenizer: Tokenizer,
  allowance = exactCountAllowance[tokenizer.name],
): BoundedTokenizer {
  if (isBounded(tokenizer)) return tokenizer;
  let remaining = allowance;
  let estimated = false;
  function exactly(text: string): number {
    remaining -= text.length;
    return tokenizer.count(text);
  }
  function estimate(text: string): number {
    estimated = true;
    const heuristic = estimateTokens(text);
    if (remaining < samples * sampleLength) return heuristic;
    const stride = Math.floor(text.length / samples);
    let sampled = 0;
    for (let index = 0; index < samples; index++) {
      const start = index * stride;
      sampled += exactly(text.slice(start, start + sampleLength));
    }
    return Math.max(heuristic, Math.ceil((sampled * text.length) / (samples * sampleLength)));
  }
  return {
    name: tokenizer.name,
    exact: tokenizer.exact,
    get estimated() {
      return estimated;
    },
    count: (text) => (text.length <= remaining ? exactly(text) : estimate(text)),
  };
}
