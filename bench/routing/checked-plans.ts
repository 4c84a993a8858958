import type { RecordedQuery } from '../../src/models/replay/outcomes.js';
import type { RoutingExample } from '../../src/routing/learned/learned-router.js';
import { toRoutingExample } from '../../src/routing/learned/routing-examples.js';
import { answersAgree } from '../../src/routing/verifiers/final-answer.js';
import { replayModel } from './replay-pipeline.js';

/**
 * A checked cascade the learned router may choose like a model: `first` answers, `partner` answers
 * too and `self_consistency` compares them, and a disagreement escalates to `escalate`.
 */
export interface CheckedPlan {
  /** The cascade route's name, also the router's column for it. */
  name: string;
  first: string;
  partner: string;
  escalate: string;
}

/** Both orders of the self-consistency pair, each escalating to the strongest model. */
export function checkedPlans(pair: readonly [string, string], strongest: string): CheckedPlan[] {
  const [one, two] = pair;
  return [
    { name: 'checked-1', first: one, partner: two, escalate: strongest },
    { name: 'checked-2', first: two, partner: one, escalate: strongest },
  ];
}

/**
 * What a checked cascade scored and cost on a recorded query, from the recorded responses and the
 * answer comparison the `self_consistency` verifier uses: the check is always paid, the escalation
 * only on disagreement. Undefined when a model's outcome is unknown.
 */
export function planOutcome(
  query: RecordedQuery,
  plan: CheckedPlan,
): { score: number; costUsd: number } | undefined {
  const first = query.outcomes.get(plan.first);
  const partner = query.outcomes.get(plan.partner);
  const escalate = query.outcomes.get(plan.escalate);
  if (first?.costUsd == null || partner?.costUsd == null || escalate?.costUsd == null) return undefined;
  const checked = first.costUsd + partner.costUsd;
  return answersAgree(first.response ?? '', partner.response ?? '')
    ? { score: first.score ?? 0, costUsd: checked }
    : { score: escalate.score ?? 0, costUsd: checked + escalate.costUsd };
}

/** A training example whose models are joined by one column per checked cascade. */
export function withPlans(query: RecordedQuery, plans: readonly CheckedPlan[]): RoutingExample {
  const example = toRoutingExample(query);
  const scores = { ...example.scores };
  const costs = { ...example.costs };
  for (const plan of plans) {
    const outcome = planOutcome(query, plan);
    scores[plan.name] = outcome?.score ?? null;
    costs[plan.name] = outcome?.costUsd ?? null;
  }
  return { ...example, scores, costs };
}

/** The cascade routes of the plans, with the real `self_consistency` verifier, over the replay provider. */
export function checkedRoutes(plans: readonly CheckedPlan[]): Record<string, unknown> {
  return Object.fromEntries(
    plans.map((plan) => [
      plan.name,
      {
        cascade: [
          {
            use: replayModel(plan.first),
            verifiers: [{ type: 'self_consistency', models: [replayModel(plan.partner)], threshold: 1 }],
          },
          { use: replayModel(plan.escalate) },
        ],
      },
    ]),
  );
}
