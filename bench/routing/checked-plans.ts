import type { CheckedCascade } from '../../src/routing/learned/learned-router.js';
import { replayModel } from './replay-pipeline.js';

/** Both orders of the self-consistency pair, each escalating to the strongest model. */
export function checkedPlans(pair: readonly [string, string], strongest: string): CheckedCascade[] {
  const [one, two] = pair;
  return [
    { name: 'checked-1', first: one, partner: two, escalate: strongest },
    { name: 'checked-2', first: two, partner: one, escalate: strongest },
  ];
}

/** The cascade routes of the plans, with the real `self_consistency` verifier, over the replay provider. */
export function checkedRoutes(plans: readonly CheckedCascade[]): Record<string, unknown> {
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
