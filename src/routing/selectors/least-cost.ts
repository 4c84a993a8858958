import type { Selector } from './selector.js';

/** Cheapest first for this request at catalog prices; candidates without a price go last, in config order. */
export function leastCostSelector(): Selector {
  return {
    strategy: 'least_cost',
    order(candidates, context) {
      const cost = new Map(candidates.map((candidate) => [candidate, context.estimateUsd(candidate)]));
      const of = (candidate: (typeof candidates)[number]) => cost.get(candidate) ?? Number.POSITIVE_INFINITY;
      return [...candidates].sort((a, b) => of(a) - of(b));
    },
  };
}
