import type { WireUsage } from '../core/types.js';
import type { Catalog } from '../models/catalog/catalog.js';
import type { ResolvedModel } from '../models/model-registry.js';
import { costOf } from '../tokens/cost/cost-of.js';
import { normaliseUsage } from '../tokens/cost/normalise-usage.js';

/** What a finished call cost. */
export interface Accounting {
  /** USD; null when the model's price is unknown (never a silent $0). */
  costUsd: number | null;
  /** The catalog version the cost was computed with, or `recorded` for a replayed outcome's own cost. */
  priceVersion: string | null;
}

/** Prices a call's usage from the catalog, or takes the cost a replayed outcome recorded. */
export type Pricer = (
  resolved: ResolvedModel | undefined,
  usage: WireUsage | undefined,
  body: unknown,
) => Accounting;

const unpriced: Accounting = { costUsd: null, priceVersion: null };

/** The cost a replay provider recorded on its answer (`strata_replay.cost_usd`), if any. */
function recordedCost(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || !('strata_replay' in body)) return undefined;
  const replay = body.strata_replay;
  if (typeof replay !== 'object' || replay === null || !('cost_usd' in replay)) return undefined;
  return typeof replay.cost_usd === 'number' ? replay.cost_usd : undefined;
}

/** Builds the pricer over a catalog. */
export function createPricer(catalog: Catalog): Pricer {
  return (resolved, usage, body) => {
    const recorded = recordedCost(body);
    if (recorded !== undefined) return { costUsd: recorded, priceVersion: 'recorded' };
    if (!resolved || !usage) return unpriced;
    const entry = catalog.find(resolved.provider, resolved.upstreamModel);
    if (!entry) return unpriced;
    return { costUsd: costOf(normaliseUsage(usage), entry.price).usd, priceVersion: catalog.version };
  };
}
