import type { ChatRequest, ChatResponse } from '../../src/core/types.js';
import type { RecordedQuery } from '../../src/models/replay/outcomes.js';
import { replayQueryIdKey } from '../../src/models/replay/replay-provider.js';
import type { Verifier } from '../../src/routing/verifiers/verifier.js';
import type { ReplayPipeline } from './replay-pipeline.js';

/** What a policy did on one query: every response it paid for, the one it returned, and how. */
export interface PolicyAnswer {
  final: ChatResponse;
  responses: ChatResponse[];
  escalated: boolean;
  /** The model that produced the final answer. */
  model: string;
  /** What every call paid in all, and how many calls, when `responses` does not hold them all. */
  paid?: { costUsd: number; calls: number };
}

/** A routing policy run query by query through the pipeline. */
export interface Policy {
  name: string;
  /** Points of one family (e.g. one λ sweep) share a hull and an AIQ. */
  family: string;
  /** Set for policies that read the recorded ground truth: they are bounds, not policies one could ship. */
  oracle?: boolean;
  note?: string;
  answer(query: RecordedQuery, pipeline: ReplayPipeline): Promise<PolicyAnswer>;
}

/** The request a policy sends: the recorded prompt as one user message. */
export function requestFor(query: RecordedQuery, model: string): ChatRequest {
  return {
    model,
    messages: [{ role: 'user', content: query.prompt }],
    // The prompt may repeat across splits with other outcomes, so the replay is told which line to serve.
    metadata: { [replayQueryIdKey]: query.id },
  };
}

/** A policy that sends every query to the model `pick` names. */
export function routedPolicy(
  name: string,
  family: string,
  pick: (query: RecordedQuery) => string,
  extra: Pick<Policy, 'oracle' | 'note'> = {},
): Policy {
  return {
    name,
    family,
    ...extra,
    async answer(query, pipeline) {
      const model = pick(query);
      const final = await pipeline.chat(requestFor(query, model));
      return { final, responses: [final], escalated: false, model };
    },
  };
}

/**
 * A policy that sends every query to a configured route: the route's plan (a `learned` balance, a
 * cascade, one chosen by a plan) decides inside the pipeline, as it would for a client. The cost is
 * every attempt the ledger recorded for the call, and it escalated when the ledger has an escalation.
 */
export function routePolicy(
  name: string,
  family: string,
  route: string,
  extra: Pick<Policy, 'oracle' | 'note'> = {},
): Policy {
  return {
    name,
    family,
    ...extra,
    async answer(query, pipeline) {
      const final = await pipeline.chat(requestFor(query, route), { route: true });
      const paid = await pipeline.paid(final);
      return {
        final,
        responses: [final],
        escalated: paid.escalated,
        model: final.model,
        paid: { costUsd: paid.costUsd, calls: paid.attempts },
      };
    },
  };
}

/** One tier of a cascade: a model, and the verifier its answer must pass (none on the last tier). */
export interface CascadeTier {
  model: string;
  verifier?: Verifier;
}

/**
 * A cascade: each tier answers, its verifier judges (extra calls it makes go through the pipeline and
 * are paid for), and a rejected answer escalates to the next tier. `tiers` may pick the models per
 * query (a learned router choosing the first tier and the escalation).
 */
export function cascadePolicy(
  name: string,
  family: string,
  tiers: (query: RecordedQuery) => CascadeTier[],
  extra: Pick<Policy, 'oracle' | 'note'> = {},
): Policy {
  return {
    name,
    family,
    ...extra,
    async answer(query, pipeline) {
      const plan = tiers(query);
      const responses: ChatResponse[] = [];
      const context = {
        signal: new AbortController().signal,
        async chat(request: ChatRequest) {
          const response = await pipeline.chat(request);
          responses.push(response);
          return response;
        },
      };
      for (const [index, tier] of plan.entries()) {
        const request = requestFor(query, tier.model);
        const response = await pipeline.chat(request);
        responses.push(response);
        const last = index === plan.length - 1;
        if (
          last ||
          tier.verifier === undefined ||
          (await tier.verifier.verify(request, response, context)).pass
        ) {
          return { final: response, responses, escalated: index > 0, model: tier.model };
        }
      }
      throw new Error(`the cascade ${name} has no tiers`);
    },
  };
}
