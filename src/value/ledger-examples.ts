import type { RoutingExample } from '../routing/learned/learned-router.js';
import type { StoredTrace } from '../store/traces.js';
import type { ValueJoin } from './value-join.js';
import { answers } from './value-metrics.js';

/** The prompt a trace captured (`gen_ai.input.messages`): its user messages' text, or undefined. */
export function capturedPrompt(trace: StoredTrace | undefined): string | undefined {
  for (const span of trace?.spans ?? []) {
    const captured = (span as { attributes?: Record<string, unknown> }).attributes?.['gen_ai.input.messages'];
    if (typeof captured !== 'string') continue;
    try {
      const messages = JSON.parse(captured) as Array<{ role?: string; content?: unknown }>;
      const texts = messages
        .filter((message) => message.role === 'user')
        .map((message) =>
          typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
        );
      return texts.join('\n');
    } catch {
      // Capture cut a long prompt short of valid JSON: its text as kept is still the best features.
      return captured;
    }
  }
  return undefined;
}

/** An outcome's quality: a numeric `metadata.score` in [0, 1] when given, else 1 for success and 0 otherwise. */
function scoreOf(outcome: { success: boolean; metadata: Record<string, unknown> }): number {
  const score = outcome.metadata.score;
  return typeof score === 'number' && score >= 0 && score <= 1 ? score : outcome.success ? 1 : 0;
}

/**
 * Routing examples from Strata's own traffic: each request with an outcome and a captured prompt gives
 * the model that answered it a score (its outcomes) and a cost (every attempt). Requests with the same
 * prompt are one example, so a prompt sent to several models (an A/B test, a replay) compares them.
 */
export async function ledgerExamples(
  join: ValueJoin,
  promptOf: (requestId: string) => Promise<string | undefined>,
): Promise<{ examples: RoutingExample[]; outcomes: number; skipped: number }> {
  const byPrompt = new Map<
    string,
    { id: string; scores: Map<string, number[]>; costs: Map<string, number[]> }
  >();
  let outcomes = 0;
  let skipped = 0;
  for (const joined of join.requests) {
    if (joined.outcomes.length === 0) continue;
    const model = joined.attempts.findLast((row) => row.status < 400 && answers(row.purpose))?.model;
    const prompt = await promptOf(joined.request.requestId);
    if (model == null || prompt === undefined) {
      skipped += 1;
      continue;
    }
    outcomes += joined.outcomes.length;
    const example = byPrompt.get(prompt) ?? {
      id: joined.request.requestId,
      scores: new Map(),
      costs: new Map(),
    };
    byPrompt.set(prompt, example);
    const mean = joined.outcomes.reduce((sum, outcome) => sum + scoreOf(outcome), 0) / joined.outcomes.length;
    example.scores.set(model, [...(example.scores.get(model) ?? []), mean]);
    example.costs.set(model, [...(example.costs.get(model) ?? []), joined.costUsd]);
  }
  const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const examples = [...byPrompt.entries()].map(([prompt, example]) => ({
    id: example.id,
    prompt,
    scores: Object.fromEntries([...example.scores].map(([model, values]) => [model, average(values)])),
    costs: Object.fromEntries([...example.costs].map(([model, values]) => [model, average(values)])),
  }));
  return { examples, outcomes, skipped };
}
