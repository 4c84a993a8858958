import type { Candidate, Selector } from './selector.js';

/**
 * Weighted random order without replacement (Efraimidis–Spirakis keys u^(1/w)): the first pick follows
 * the weights, and the fallbacks behind it do too.
 */
export function weightedSelector(): Selector {
  return {
    strategy: 'weighted',
    order(candidates, context) {
      const keyed = candidates.map((candidate) => ({
        candidate,
        key: context.random() ** (1 / candidate.weight),
      }));
      keyed.sort((a, b) => b.key - a.key);
      return keyed.map((item): Candidate => item.candidate);
    },
  };
}
