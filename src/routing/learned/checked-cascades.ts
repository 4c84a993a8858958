import type { RecordedQuery } from '../../models/replay/outcomes.js';
import { answersAgree } from '../verifiers/final-answer.js';
import type { CheckedCascade, RoutingExample } from './learned-router.js';
import { toRoutingExample } from './routing-examples.js';

/**
 * What a checked cascade scored and cost on a recorded query, from the recorded responses and the
 * answer comparison the `self_consistency` verifier uses: the check is always paid, the escalation
 * only on disagreement. Undefined when a model's cost is unknown.
 */
export function cascadeOutcome(
  query: RecordedQuery,
  cascade: CheckedCascade,
): { score: number; costUsd: number } | undefined {
  const first = query.outcomes.get(cascade.first);
  const partner = query.outcomes.get(cascade.partner);
  const escalate = query.outcomes.get(cascade.escalate);
  if (first?.costUsd == null || partner?.costUsd == null || escalate?.costUsd == null) return undefined;
  const checked = first.costUsd + partner.costUsd;
  return answersAgree(first.response ?? '', partner.response ?? '')
    ? { score: first.score ?? 0, costUsd: checked }
    : { score: escalate.score ?? 0, costUsd: checked + escalate.costUsd };
}

/** A training example whose models are joined by one column per checked cascade. */
export function withCascades(query: RecordedQuery, cascades: readonly CheckedCascade[]): RoutingExample {
  const example = toRoutingExample(query);
  const scores = { ...example.scores };
  const costs = { ...example.costs };
  for (const cascade of cascades) {
    const outcome = cascadeOutcome(query, cascade);
    scores[cascade.name] = outcome?.score ?? null;
    costs[cascade.name] = outcome?.costUsd ?? null;
  }
  return { ...example, scores, costs };
}

/** Parses `name=first,partner,escalate`, the command line's way of naming a checked cascade. */
export function parseCheckedCascade(text: string): CheckedCascade | undefined {
  const match = /^([^=\s]+)=([^,\s]+),([^,\s]+),([^,\s]+)$/.exec(text.trim());
  if (!match) return undefined;
  const [, name, first, partner, escalate] = match as unknown as [string, string, string, string, string];
  return { name, first, partner, escalate };
}
