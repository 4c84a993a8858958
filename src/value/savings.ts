import { costOf } from '../tokens/cost/cost-of.js';
import type { Price } from '../tokens/price.js';
import type { JoinedRequest } from './value-join.js';
import { answers } from './value-metrics.js';

/** One saving, with the assumption it rests on in words, as a finance reader needs it. */
export interface Saving {
  kind: 'cache' | 'routing' | 'cascade';
  /** USD saved over the window; negative when the comparison cost less than what ran. */
  saved_usd: number;
  /** USD of what ran, for the requests the saving covers. */
  actual_usd: number;
  /** USD the assumed alternative would have cost. */
  baseline_usd: number;
  requests: number;
  assumption: string;
}

/** What savings need to know about models and routes. */
export interface SavingsDeps {
  /** The catalog price of a model name as clients send it; undefined when unknown. */
  priceOf(model: string): Price | undefined;
  /** The model a cascade route's top tier calls; undefined for other routes. */
  topTierOf(route: string): string | undefined;
  /** The model routing savings compare against (`value.baseline_model`). */
  baselineModel?: string | undefined;
}

/**
 * What one answer would have cost on `price`: the first attempt's prompt and the answering attempt's
 * output, as one call. Retries, verifiers and escalations are what the comparison leaves out.
 */
function oneCallOn(joined: JoinedRequest, price: Price): number | undefined {
  const billed = joined.attempts.filter((row) => row.purpose !== 'cache_hit');
  const first = billed[0];
  const answered = billed.findLast((row) => row.status < 400 && answers(row.purpose));
  if (!first || !answered) return undefined;
  return costOf(
    {
      inputTokens: first.inputTokens,
      cachedInputTokens: first.cachedInputTokens,
      cacheWriteTokens: first.cacheWriteTokens,
      outputTokens: answered.outputTokens,
      reasoningTokens: answered.reasoningTokens,
      estimated: false,
    },
    price,
  ).usd;
}

function comparison(
  requests: readonly JoinedRequest[],
  priceOf: (joined: JoinedRequest) => Price | undefined,
): { actual: number; baseline: number; count: number } {
  let actual = 0;
  let baseline = 0;
  let count = 0;
  for (const joined of requests) {
    const price = priceOf(joined);
    const alternative = price && oneCallOn(joined, price);
    if (alternative === undefined) continue;
    actual += joined.costUsd;
    baseline += alternative;
    count += 1;
  }
  return { actual, baseline, count };
}

const usd = (value: number) => `$${value.toFixed(4)}`;

/** Cache, routing and cascade savings of a window's requests, each with its assumption stated. */
export function savingsOf(requests: readonly JoinedRequest[], deps: SavingsDeps): Saving[] {
  const savings: Saving[] = [];
  const hits = requests.filter((joined) => joined.attempts.some((row) => row.purpose === 'cache_hit'));
  const cacheSaved = hits.reduce((sum, joined) => sum + joined.savedUsd, 0);
  savings.push({
    kind: 'cache',
    saved_usd: cacheSaved,
    actual_usd: hits.reduce((sum, joined) => sum + joined.costUsd, 0),
    baseline_usd: cacheSaved,
    requests: hits.length,
    assumption:
      'Each cache hit would otherwise have been a provider call costing what the call that filled the cache cost.',
  });
  const baselineModel = deps.baselineModel;
  const baselinePrice = baselineModel === undefined ? undefined : deps.priceOf(baselineModel);
  if (baselineModel !== undefined) {
    const { actual, baseline, count } = comparison(requests, () => baselinePrice);
    savings.push({
      kind: 'routing',
      saved_usd: baseline - actual,
      actual_usd: actual,
      baseline_usd: baseline,
      requests: count,
      assumption:
        baselinePrice === undefined
          ? `The baseline model ${baselineModel} has no catalog price, so nothing could be compared.`
          : `Every request sent once to ${baselineModel} with the same prompt and answer length, at its catalog price (input ${usd(baselinePrice.input)}/M, output ${usd(baselinePrice.output)}/M tokens); what ran counts every attempt. Answer quality is assumed equal.`,
    });
  }
  const cascades = requests.filter(
    (joined) => joined.request.requestedModel !== null && deps.topTierOf(joined.request.requestedModel),
  );
  if (cascades.length > 0) {
    const tops = new Set<string>();
    const { actual, baseline, count } = comparison(cascades, (joined) => {
      const top = deps.topTierOf(joined.request.requestedModel ?? '');
      if (top === undefined) return undefined;
      tops.add(top);
      return deps.priceOf(top);
    });
    savings.push({
      kind: 'cascade',
      saved_usd: baseline - actual,
      actual_usd: actual,
      baseline_usd: baseline,
      requests: count,
      assumption: `Every cascade request sent straight to its top tier (${[...tops].join(', ')}) once, with the same prompt and answer length, at catalog prices; what ran counts every tier, verifier and escalation.`,
    });
  }
  return savings;
}
