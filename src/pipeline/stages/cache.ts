import type { ModelRegistry } from '../../models/model-registry.js';
import { cacheKeyOf } from '../../routing/cache/cache-key.js';
import type { ResponseCache } from '../../routing/cache/response-cache.js';
import { routedCostUsd } from '../attempt-rows.js';
import type { ChatCall, ChatOutcome, Stage } from '../call.js';
import type { Pricer } from '../pricing.js';

/** What the cache stage reads and writes. */
export interface CacheStageDeps {
  cache: ResponseCache;
  ttlMs: number;
  models: ModelRegistry;
  price: Pricer;
  onError?: (error: unknown) => void;
}

/**
 * Answers a repeated non-streaming chat request from the exact-match cache. A hit reaches no provider,
 * costs $0, and carries what the original call cost as its saving (`x-strata-cache: hit`); a miss is
 * stored after it succeeds. A cache that cannot answer is skipped, never fatal. Streams pass by.
 */
export function cacheChat(deps: CacheStageDeps): Stage<ChatCall, ChatOutcome> {
  const onError = deps.onError ?? console.error;
  return async (call, next) => {
    if (call.request.stream === true) return next();
    const key = cacheKeyOf(call.request);
    const hit = await deps.cache.get(key).catch((error: unknown) => {
      onError(error);
      return undefined;
    });
    // The model that answered, which for a route is one of its targets.
    const resolved = hit && deps.models.resolve(`${hit.servedBy.provider}/${hit.servedBy.model}`);
    if (hit && resolved) {
      call.resolved = resolved;
      return {
        kind: 'response',
        response: hit.response,
        servedBy: hit.servedBy,
        cacheHit: { savedUsd: hit.costUsd },
        headers: { 'x-strata-cache': 'hit' },
      };
    }
    const outcome = await next();
    if (outcome.kind !== 'response') return outcome;
    // A routed answer is worth every attempt it took: escalations and judges included.
    const costUsd = call.routing
      ? await routedCostUsd(call, deps.price)
      : deps.price(call.resolved, outcome.response.usage, outcome.response).costUsd;
    const { servedBy } = outcome;
    const answer = { response: outcome.response, servedBy, costUsd, storedAt: new Date().toISOString() };
    deps.cache.set(key, answer, deps.ttlMs).catch(onError);
    return { ...outcome, headers: { ...outcome.headers, 'x-strata-cache': 'miss' } };
  };
}
