import type { RouteTrace } from './route-trace.js';

/** How one verifier judged one cascade tier's answers. */
export interface VerdictTally {
  tier: number;
  verifier: string;
  verdicts: number;
  passed: number;
  meanScore: number;
}

/** What a route's calls did: how often its cascades escalated, at which tier they ended, and the verdicts. */
export interface RouteOutcomes {
  /** Routed calls read. */
  calls: number;
  /** Of those, calls that ran a cascade. */
  cascadeCalls: number;
  /** Cascade calls that escalated past their first tier at least once. */
  escalated: number;
  /** Cascade calls by the tier that ended them (1 = the first tier's answer was kept). */
  endedAtTier: Array<{ tier: number; calls: number }>;
  verdicts: VerdictTally[];
}

/** Sums the route traces of a route's calls into escalation rates and verdict tallies. */
export function routeOutcomes(traces: Iterable<RouteTrace>): RouteOutcomes {
  let calls = 0;
  let cascadeCalls = 0;
  let escalated = 0;
  const endedAt = new Map<number, number>();
  const tallies = new Map<string, VerdictTally & { scoreSum: number }>();
  for (const trace of traces) {
    calls += 1;
    if (trace.plan !== 'cascade' && trace.cascades.length === 0) continue;
    cascadeCalls += 1;
    if (trace.escalations.length > 0) escalated += 1;
    const tier = trace.escalations.length + 1;
    endedAt.set(tier, (endedAt.get(tier) ?? 0) + 1);
    for (const verdict of trace.verdicts) {
      const id = `${verdict.tier}\u0000${verdict.verifier}`;
      let tally = tallies.get(id);
      if (!tally) {
        tally = {
          tier: verdict.tier,
          verifier: verdict.verifier,
          verdicts: 0,
          passed: 0,
          meanScore: 0,
          scoreSum: 0,
        };
        tallies.set(id, tally);
      }
      tally.verdicts += 1;
      if (verdict.pass) tally.passed += 1;
      tally.scoreSum += verdict.score;
    }
  }
  return {
    calls,
    cascadeCalls,
    escalated,
    endedAtTier: [...endedAt]
      .map(([tier, count]) => ({ tier, calls: count }))
      .sort((a, b) => a.tier - b.tier),
    verdicts: [...tallies.values()]
      .map(({ scoreSum, ...tally }) => ({ ...tally, meanScore: scoreSum / tally.verdicts }))
      .sort((a, b) => a.tier - b.tier || (a.verifier < b.verifier ? -1 : 1)),
  };
}
