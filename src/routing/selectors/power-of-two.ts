import type { Candidate, SelectionContext, Selector } from './selector.js';

/** Fewer attempts in flight wins; with equal load, the lower moving-average latency. */
function lighter(a: Candidate, b: Candidate, context: SelectionContext): boolean {
  const load = (candidate: Candidate) =>
    candidate.key === undefined ? 0 : context.stats.inFlight(candidate.key);
  if (load(a) !== load(b)) return load(a) < load(b);
  const latency = (candidate: Candidate) =>
    candidate.key === undefined ? 0 : (context.stats.latency(candidate.key) ?? 0);
  return latency(a) <= latency(b);
}

/**
 * Power of two choices: two candidates drawn at random, the less loaded goes first, the other second,
 * the rest follow in random order. Avoids both herding on one "best" target and blind random spread.
 */
export function powerOfTwoSelector(): Selector {
  return {
    strategy: 'power_of_two',
    order(candidates, context) {
      const shuffled = [...candidates];
      for (let index = shuffled.length - 1; index > 0; index--) {
        const other = Math.floor(context.random() * (index + 1));
        [shuffled[index], shuffled[other]] = [shuffled[other] as Candidate, shuffled[index] as Candidate];
      }
      const [first, second, ...rest] = shuffled;
      if (!first || !second) return shuffled;
      return lighter(first, second, context) ? [first, second, ...rest] : [second, first, ...rest];
    },
  };
}
