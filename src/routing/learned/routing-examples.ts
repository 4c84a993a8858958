import type { RecordedQuery } from '../../models/replay/outcomes.js';
import type { RoutingExample } from './learned-router.js';

/** A recorded query as a training example; `null` scores and costs stay unknown. */
export function toRoutingExample(query: RecordedQuery): RoutingExample {
  const scores: Record<string, number | null> = {};
  const costs: Record<string, number | null> = {};
  for (const [model, outcome] of query.outcomes) {
    scores[model] = outcome.score;
    costs[model] = outcome.costUsd;
  }
  return { id: query.id, prompt: query.prompt, scores, costs };
}

/** True for the validation slice of a split: a stable hash of the id, so the slice never changes. */
export function inValidationSlice(id: string, share: number): boolean {
  let hash = 2166136261;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) / 2 ** 32 < share;
}
