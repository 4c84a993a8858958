import type { RecordedQuery } from '../../src/models/replay/outcomes.js';
import {
  createLearnedRouter,
  defaultLearnedRouterOptions,
  type LearnedRouterOptions,
  trainLearnedRouter,
} from '../../src/routing/learned/learned-router.js';
import { inValidationSlice, toRoutingExample } from '../../src/routing/learned/routing-examples.js';
import { aiq, type CostQualityPoint } from './frontier.js';

/** The share of train queries held out to choose hyper-parameters; test data is never looked at. */
export const validationShare = 0.2;

/** The grid searched on the validation slice. */
const grid: Array<Pick<LearnedRouterOptions, 'k' | 'prior'>> = [10, 20, 40, 100].flatMap((k) =>
  [0.5, 2, 8].map((prior) => ({ k, prior })),
);

/** What tuning found: the chosen options and the validation AIQ of each grid point. */
export interface TuningResult {
  options: LearnedRouterOptions;
  validationAiq: number;
  grid: Array<{ k: number; prior: number; aiq: number }>;
}

/** Chooses k and the prior by the learned router's AIQ on a fixed validation slice of the train split. */
export function tuneLearnedRouter(
  train: readonly RecordedQuery[],
  models: readonly string[],
  lambdas: readonly number[],
): TuningResult {
  const fit = train.filter((query) => !inValidationSlice(query.id, validationShare));
  const validation = train.filter((query) => inValidationSlice(query.id, validationShare));
  const costs = models.map((model) => mean(validation, (query) => query.outcomes.get(model)?.costUsd ?? 0));
  const minCost = Math.min(...costs);
  const maxCost = Math.max(...costs);
  const examples = fit.map(toRoutingExample);
  const results = grid.map((point) => {
    const options = { ...defaultLearnedRouterOptions, ...point };
    const router = createLearnedRouter(trainLearnedRouter(examples, options));
    const points: CostQualityPoint[] = lambdas.map((lambda) => {
      const chosen = validation.map((query) => query.outcomes.get(router.choose(query.prompt, lambda).model));
      return {
        quality: mean(chosen, (outcome) => outcome?.score ?? 0),
        cost: mean(chosen, (outcome) => outcome?.costUsd ?? 0),
      };
    });
    return { ...point, aiq: aiq(points, minCost, maxCost) };
  });
  // Highest AIQ wins; ties keep the earlier (smaller) setting.
  const best = results.reduce((winner, result) => (result.aiq > winner.aiq + 1e-12 ? result : winner));
  return {
    options: { ...defaultLearnedRouterOptions, k: best.k, prior: best.prior },
    validationAiq: best.aiq,
    grid: results,
  };
}

function mean<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0) / Math.max(1, items.length);
}
