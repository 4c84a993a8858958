import type { Catalog } from '../../models/catalog/catalog.js';
import type { ModelRegistry } from '../../models/model-registry.js';
import type { BudgetService } from '../../tokens/budgets/budget-service.js';
import { toMicroUsd } from '../../tokens/budgets/micro-usd.js';
import { costOf } from '../../tokens/cost/cost-of.js';
import { tokenizerFor } from '../../tokens/tokenizers/tokenizer-for.js';
import { attributionOf } from '../attribution.js';
import type { EmbeddingCall, EmbeddingOutcome, Stage } from '../call.js';
import { countEmbeddingTokens } from '../embedding-tokens.js';
import type { Pricer } from '../pricing.js';
import { reserveOrRefuse } from './budget.js';

/** What the embeddings budget stage reads and writes. */
export interface EmbeddingBudgetDeps {
  budgets: BudgetService;
  models: ModelRegistry;
  catalog: Catalog;
  price: Pricer;
  onError?: (error: unknown) => void;
}

/** The most an embeddings call can cost, in micro-dollars: its counted input at the input price. */
function worstCase(deps: EmbeddingBudgetDeps, call: EmbeddingCall): number | undefined {
  const resolved = deps.models.resolve(call.request.model);
  const entry = resolved && deps.catalog.find(resolved.provider.kind, resolved.upstreamModel);
  if (!resolved || !entry) return undefined;
  const tokenizer = tokenizerFor(resolved.provider.kind, resolved.upstreamModel);
  const inputTokens = countEmbeddingTokens(call.request.input, (text) => tokenizer.count(text));
  const usage = { inputTokens, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, estimated: true };
  return toMicroUsd(costOf(usage, entry.price).usd);
}

/**
 * Holds the worst case of an embeddings call (its counted input tokens at the model's input price) in
 * every matching budget before it runs and settles the hold to the reported usage's cost, as the chat
 * budget stage does; refusals and unpriced models are treated alike.
 */
export function budgetEmbedding(deps: EmbeddingBudgetDeps): Stage<EmbeddingCall, EmbeddingOutcome> {
  const onError = deps.onError ?? console.error;
  return async (call, next) => {
    const { principal, request } = call;
    const budgets = await deps.budgets.applicable({
      ...attributionOf(principal, request),
      model: request.model,
    });
    if (budgets.length === 0) return next();
    const amount = worstCase(deps, call);
    const { reservation } = await reserveOrRefuse(deps.budgets, budgets, amount, request.model);
    let outcome: EmbeddingOutcome;
    try {
      outcome = await next();
    } catch (thrown) {
      // A failed embeddings request is not billed.
      await reservation.settle(0).catch(onError);
      throw thrown;
    }
    let actual = 0;
    if (amount !== undefined) {
      const usage = { ...outcome.response.usage, completion_tokens: 0 };
      const cost = deps.price(call.resolved, usage, outcome.response).costUsd;
      actual = cost === null ? amount : toMicroUsd(cost);
    }
    await reservation.settle(actual).catch(onError);
    return outcome;
  };
}
