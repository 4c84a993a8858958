import type { BalanceConfig } from '../../config/routes.js';
import { StrataError } from '../../core/errors.js';
import type { ChatRequest } from '../../core/types.js';
import { embeddingVector } from '../learned/embedding-features.js';
import { createLearnedRouter, type LearnedRouter, type RouterPrediction } from '../learned/learned-router.js';
import { decodeRouter } from '../learned/router-codec.js';
import type { Candidate, SelectionContext, Selector, SelectorDeps } from './selector.js';

/** The λ used when a `learned` balance sets none: a middle setting, see bench/routing/README.md. */
const defaultLambda = 0.1;

/**
 * The `learned` strategy: a trained kNN router (loaded by name from the store) predicts each target's
 * quality and cost for this prompt and orders them by quality − λ·cost, best first. Targets the router
 * never saw keep their config order after the known ones.
 */
export async function learnedSelector(config: BalanceConfig, deps: SelectorDeps): Promise<Selector> {
  if (config.router === undefined) {
    throw new StrataError(
      'config_invalid',
      'a `learned` balance needs `router`: the name of a trained router',
    );
  }
  if (deps.load === undefined) {
    throw new StrataError('config_invalid', 'the `learned` strategy needs the store to load its router from');
  }
  const loaded = await deps.load(config.router);
  // The store hands back the router row or just its serialised model.
  const stored =
    typeof loaded === 'object' && loaded !== null && 'model' in loaded
      ? (loaded as { model: unknown }).model
      : loaded;
  if (typeof stored !== 'string') {
    throw new StrataError(
      'config_invalid',
      `there is no trained router \`${config.router}\`; train it with \`strata router train --name ${config.router}\``,
    );
  }
  const router = createLearnedRouter(decodeRouter(stored));
  const lambda = config.lambda ?? defaultLambda;
  const embeddingModel = router.trained.embeddingModel;
  if (embeddingModel === undefined) {
    return {
      strategy: 'learned',
      order: (candidates, context) =>
        orderByUtility(router, lambda, candidates, router.predict(promptOf(context.request)), context),
    };
  }
  const embed = deps.embed;
  if (embed === undefined) {
    throw new StrataError(
      'config_invalid',
      `the router \`${config.router}\` was trained on embeddings, and this gateway has no way to embed prompts`,
    );
  }
  return {
    strategy: 'learned',
    async order(candidates, context) {
      let vector: number[] | undefined;
      try {
        [vector] = await embed(embeddingModel, [promptOf(context.request)], context.principal);
        if (vector === undefined) throw new Error('no vector came back');
      } catch (error) {
        // Routing degrades rather than fails: without an embedding the targets keep their config order.
        const reason = error instanceof Error ? error.message : String(error);
        context.explain?.(`learned: no embedding from ${embeddingModel} (${reason}); config order`);
        return candidates;
      }
      const prediction = router.predictVector(embeddingVector(vector));
      return orderByUtility(router, lambda, candidates, prediction, context);
    },
  };
}

/**
 * Candidates sorted by the router's utility; a candidate matches a router model by name or upstream
 * model. The choice and its runner-up, with their predicted quality and cost, go to `context.explain`.
 */
export function orderByUtility(
  router: LearnedRouter,
  lambda: number,
  candidates: readonly Candidate[],
  prediction: RouterPrediction,
  context?: Pick<SelectionContext, 'explain'>,
): Candidate[] {
  const { models, costScale } = router.trained;
  const scored = candidates.map((candidate) => {
    const upstream = candidate.key?.slice(candidate.key.indexOf('/') + 1);
    const position = [candidate.name, upstream, candidate.key].reduce(
      (found, name) => (found >= 0 || name === undefined ? found : models.indexOf(name)),
      -1,
    );
    if (position < 0) return { candidate, utility: Number.NEGATIVE_INFINITY, quality: 0, cost: 0 };
    const quality = prediction.quality[position] ?? 0;
    const cost = prediction.cost[position] ?? 0;
    return { candidate, utility: quality - (lambda * cost) / costScale, quality, cost };
  });
  // A stable sort keeps config order among equals and among targets the router does not know.
  scored.sort((a, b) => b.utility - a.utility);
  if (context?.explain) {
    const known = scored.filter((entry) => entry.utility > Number.NEGATIVE_INFINITY).slice(0, 2);
    const describe = (entry: (typeof scored)[number]) =>
      `${entry.candidate.name} (quality ${entry.quality.toFixed(2)} cost $${entry.cost.toPrecision(2)})`;
    if (known.length > 0) context.explain(`learned lambda ${lambda}: ${known.map(describe).join(' over ')}`);
  }
  return scored.map((entry) => entry.candidate);
}

/** The text the router featurises: the last user message. */
function promptOf(request: ChatRequest): string {
  const last = request.messages.findLast((message) => message.role === 'user');
  if (last === undefined || last.content === null) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}
