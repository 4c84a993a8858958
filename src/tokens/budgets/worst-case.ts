import type { ChatRequest } from '../../core/types.js';
import { costOf } from '../cost/cost-of.js';
import type { Price } from '../price.js';
import { countChatTokens } from '../tokenizers/count-chat.js';
import type { Tokenizer } from '../tokenizers/tokenizer.js';
import { tokenizerFor } from '../tokenizers/tokenizer-for.js';

/** Output tokens assumed when neither the request nor the catalog bounds the answer. */
const defaultMaxOutput = 4096;

/** The model a call will reach, as the budget check sees it. */
export interface PricedModel {
  /** Provider kind and upstream model id, to pick the tokenizer. */
  providerKind: string;
  upstreamModel: string;
  price: Price;
  maxOutput: number | undefined;
}

/**
 * How the prompt is counted: `exact` runs the model's tokenizer; `bound` counts each text's UTF-8
 * bytes, which no tokenizer Strata uses can exceed (a byte-level BPE token covers at least one byte,
 * the character estimate weighs each character at most one token), for a fraction of the work.
 */
export type PromptCount = 'exact' | 'bound';

function byteBound(tokenizer: Tokenizer): Tokenizer {
  return { name: tokenizer.name, exact: false, count: (text) => Buffer.byteLength(text, 'utf8') };
}

/**
 * The most a chat call can cost, in USD: its counted prompt plus the largest answer it may get
 * (`max_completion_tokens`, `max_tokens`, the model's max output, else 4096), at full price: no cache
 * discount, and reasoning billed at whichever of the output and reasoning prices is higher.
 */
export function worstCaseUsd(request: ChatRequest, model: PricedModel, count: PromptCount = 'exact'): number {
  const tokenizer = tokenizerFor(model.providerKind, model.upstreamModel);
  const prompt = countChatTokens(request, count === 'bound' ? byteBound(tokenizer) : tokenizer).tokens;
  const output = request.max_completion_tokens ?? request.max_tokens ?? model.maxOutput ?? defaultMaxOutput;
  const reasoningDearer = (model.price.reasoning ?? 0) > model.price.output;
  const usage = {
    inputTokens: prompt,
    outputTokens: output,
    cachedInputTokens: 0,
    reasoningTokens: reasoningDearer ? output : 0,
    estimated: true,
  };
  return costOf(usage, model.price).usd;
}
