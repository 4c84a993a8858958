import type { Usage } from '../../core/types.js';
import type { Price } from '../price.js';
import { picoCost, picoPerToken, picoToUsd } from './money.js';

/** Usage the cost engine prices: core `Usage` plus cache writes, which only some providers report. */
export type PricedUsage = Usage & { cacheWriteTokens?: number };

/** USD per part of a request; the parts are disjoint, so nothing is billed twice. */
export interface CostBreakdown {
  input: number;
  cachedInput: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

/** The price of one attempt: total USD, its parts, and the long-context tier used (its threshold). */
export interface Cost {
  usd: number;
  breakdown: CostBreakdown;
  /** `aboveInputTokens` of the tier that priced the request, or null for the base prices. */
  tier: number | null;
}

type FlatPrice = Omit<Price, 'tiers'>;
type Part = keyof CostBreakdown;

/** Every prompt token, whether read from the cache, written to it, or neither. */
function promptTokens(usage: PricedUsage): number {
  return usage.inputTokens + usage.cachedInputTokens + (usage.cacheWriteTokens ?? 0);
}

/** The tier with the highest threshold the prompt is strictly above, or the base prices. */
function pickTier(price: Price, prompt: number): { flat: FlatPrice; tier: number | null } {
  let chosen: { flat: FlatPrice; tier: number | null } = { flat: price, tier: null };
  for (const tier of price.tiers ?? []) {
    if (prompt > tier.aboveInputTokens && (chosen.tier === null || tier.aboveInputTokens > chosen.tier)) {
      chosen = { flat: tier, tier: tier.aboveInputTokens };
    }
  }
  return chosen;
}

/** Picodollars per part, given disjoint token counts and the prices that apply to them. */
function partsInPico(usage: PricedUsage, flat: FlatPrice): Record<Part, bigint> {
  const reasoning = Math.min(usage.reasoningTokens, usage.outputTokens);
  return {
    input: picoCost(usage.inputTokens, picoPerToken(flat.input)),
    cachedInput: picoCost(usage.cachedInputTokens, picoPerToken(flat.cachedInput ?? flat.input)),
    cacheWrite: picoCost(usage.cacheWriteTokens ?? 0, picoPerToken(flat.cacheWrite ?? flat.input)),
    // Reasoning is inside `outputTokens`: only the visible remainder is billed at the output price.
    output: picoCost(usage.outputTokens - reasoning, picoPerToken(flat.output)),
    reasoning: picoCost(reasoning, picoPerToken(flat.reasoning ?? flat.output)),
  };
}

/** Prices one attempt's normalised usage; the total and each part are rounded to 1e-9 USD. */
export function costOf(usage: PricedUsage, price: Price): Cost {
  const { flat, tier } = pickTier(price, promptTokens(usage));
  const pico = partsInPico(usage, flat);
  const total = pico.input + pico.cachedInput + pico.cacheWrite + pico.output + pico.reasoning;
  return {
    usd: picoToUsd(total),
    breakdown: {
      input: picoToUsd(pico.input),
      cachedInput: picoToUsd(pico.cachedInput),
      cacheWrite: picoToUsd(pico.cacheWrite),
      output: picoToUsd(pico.output),
      reasoning: picoToUsd(pico.reasoning),
    },
    tier,
  };
}

/**
 * What the same usage costs with no prompt-cache discount: cache reads and writes billed as plain
 * input. A response served from Strata's own cache saved this much.
 */
export function costSaved(usage: PricedUsage, price: Price): number {
  const fullPrice: PricedUsage = {
    ...usage,
    inputTokens: promptTokens(usage),
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
  };
  return costOf(fullPrice, price).usd;
}
