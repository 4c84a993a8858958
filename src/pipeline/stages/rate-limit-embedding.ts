import type { RateLimitRule } from '../../config/schema.js';
import type { RateLimiter } from '../../tokens/rate-limit/limiter.js';
import { estimateTokens } from '../../tokens/tokenizers/estimate.js';
import type { EmbeddingCall, EmbeddingOutcome, Stage } from '../call.js';
import { countEmbeddingTokens } from '../embedding-tokens.js';
import { admit, countsTokens } from './rate-limit.js';

/**
 * Admits an embeddings call under the same rules as chat calls: a request slot, and its estimated input
 * tokens where a rule limits tokens, corrected to the reported usage when the call returns. Refusals are
 * 429 `rate_limited`; a limiter error fails open and is reported to `onError`.
 */
export function rateLimitEmbedding(
  limiter: RateLimiter,
  rules: ReadonlyArray<RateLimitRule>,
  onError: (error: unknown) => void = console.error,
): Stage<EmbeddingCall, EmbeddingOutcome> {
  const counted = countsTokens(rules);
  return async (call, next) => {
    const tokens = counted ? countEmbeddingTokens(call.request.input, estimateTokens) : 0;
    const admission = await admit(limiter, rules, call, tokens, onError);
    if (admission === undefined) return next();
    let outcome: EmbeddingOutcome;
    try {
      outcome = await next();
    } catch (thrown) {
      admission.release(0);
      throw thrown;
    }
    admission.release(outcome.response.usage?.total_tokens);
    return { ...outcome, headers: { ...outcome.headers, ...admission.headers } };
  };
}
